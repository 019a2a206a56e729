using GovKpi.Core.Access;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Organisation;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Shared;
using GovKpi.Web.Features.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>
/// Upload of several organisation files at once (units.csv, staff.xlsx…) for HR. The files are
/// copied to temporary files and imported together in the background, all or nothing; the page
/// then polls the status and shows the summary or every located problem.
/// </summary>
[Authorize(Roles = Roles.Hr)]
[UploadSize("organisation", nameof(Uploads), DefaultUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class OrganisationImportModel(UploadQueue queue, GovKpiDbContext db, TimeProvider clock, SpreadsheetLimits limits, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>All the files of a province's organisation together (its staff list is a few MB).</summary>
    public const long DefaultUploadBytes = 64L << 20;

    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];

    [FromQuery(Name = "job")]
    public Guid? JobId { get; set; }

    public OrganisationImportStatus? Status { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The signed-in user's latest uploads of every kind.</summary>
    public IReadOnlyList<UploadJobResponse> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The job shown above with its live status is not repeated in the list.
        Recent = [.. (await UploadList.MineAsync(db, CurrentUser.From(User).UserName, 11, l, ct)).Where(j => j.Id != JobId).Take(10)];
        if (JobId is { } id)
        {
            Status = await OrganisationImportStatus.FindAsync(id, db, queue, l, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var uploads = Uploads.Where(u => u.Length > 0).ToList();
        if (uploads.Count == 0)
        {
            Error = l["Import.Error.NoFile"];
            return Page();
        }

        var names = uploads.Select(u => Path.GetFileName(u.FileName)).ToList();
        if (names.FirstOrDefault(n => OrganisationFileReader.KindOf(n) is null) is { } wrong)
        {
            Error = l["Organisation.Import.Error.FileName", wrong];
            return Page();
        }

        if (names.GroupBy(n => OrganisationFileReader.KindOf(n)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Error = l["Organisation.Import.Error.Twice", string.Join(", ", twice)];
            return Page();
        }

        var files = new List<(string, string)>();
        foreach (var (upload, name) in uploads.Zip(names))
        {
            string temp;
            try
            {
                temp = await queue.SaveAsync(upload, name, ct);
            }
            catch
            {
                // The files saved before the one that failed (a full disk) are not left behind.
                files.ForEach(f => System.IO.File.Delete(f.Item2));
                throw;
            }

            files.Add((name, temp));
            if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && Refusal(name, temp) is { } refused)
            {
                files.ForEach(f => System.IO.File.Delete(f.Item2));
                return refused;
            }
        }

        var id = Guid.NewGuid();
        await queue.EnqueueAsync(db, id, UploadKind.Organisation, "", files, CurrentUser.From(User).UserName, ct);
        return Redirect($"/organisation/import?job={id}");
    }

    /// <summary>An .xlsx over the spreadsheet limits is refused before the import starts, with the reason on the page; a damaged one is left to the import, which locates it.</summary>
    private PageResult? Refusal(string name, string path)
    {
        try
        {
            using var check = System.IO.File.OpenRead(path);
            SpreadsheetReader.Check(check, name, limits);
            return null;
        }
        catch (UploadLimitException e)
        {
            Error = UploadRefusal.Message(e, l);
            Response.StatusCode = UploadRefusal.Status(e);
            return Page();
        }
        catch (WorkbookException)
        {
            return null;
        }
    }

    /// <summary>Cancels one of the listed uploads, or asks a running one to stop at its next safe point.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        await UploadList.CancelAsync(db, queue, id, User, clock, ct);
        return Redirect("/organisation/import");
    }
}
