using GovKpi.Core.Access;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Shared;
using GovKpi.Web.Features.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Measurement;

/// <summary>
/// Upload of one contract file (CSV or .xlsx) for HR. The file is copied to a temporary file and
/// imported in the background; the page then shows the batch's progress (polled by a few lines of
/// local script, or by reloading) and its result.
/// </summary>
[Authorize(Roles = Roles.RecordStewards)]
[UploadSize("measurement", nameof(Upload), DefaultUploadBytes)]
// The form parser's own 128 MB default would refuse a large CSV before UploadSize's configured limit could.
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class ImportModel(UploadQueue queue, GovKpiDbContext db, TimeProvider clock, SpreadsheetLimits limits, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A CSV of a few hundred thousand dossiers; larger loads go through <c>govkpi import</c>.</summary>
    public const long DefaultUploadBytes = 256L << 20;

    [BindProperty]
    public RecordKind Kind { get; set; } = RecordKind.Dossier;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [FromQuery(Name = "batch")]
    public Guid? BatchId { get; set; }

    public ImportStatusResponse? Status { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The signed-in user's latest uploads of every kind.</summary>
    public IReadOnlyList<UploadJobResponse> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The job shown above with its live status is not repeated in the list.
        Recent = [.. (await UploadList.MineAsync(db, CurrentUser.From(User).UserName, 11, l, ct)).Where(j => j.Id != BatchId).Take(10)];
        if (BatchId is { } id)
        {
            Status = await MeasurementUploadStatus.FindAsync(id, db, queue, l, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = l["Import.Error.NoFile"];
            return Page();
        }

        var name = Path.GetFileName(Upload.FileName);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !UploadedFile.IsExcel(name))
        {
            Error = l["Import.Error.FileType", name];
            return Page();
        }

        var temp = await queue.SaveAsync(Upload, name, ct);

        if (UploadedFile.IsExcel(name))
        {
            // Over a limit is refused here, with the reason on the page, rather than later as a failed job.
            try
            {
                await using var check = System.IO.File.OpenRead(temp);
                SpreadsheetReader.Check(check, name, limits);
            }
            catch (UploadLimitException e)
            {
                System.IO.File.Delete(temp);
                Error = UploadRefusal.Message(e, l);
                Response.StatusCode = UploadRefusal.Status(e);
                return Page();
            }
            catch (WorkbookException)
            {
                // A damaged workbook is left to the import, which reports it as the batch's failure.
            }
        }

        var batchId = Guid.NewGuid();
        await queue.EnqueueAsync(db, batchId, UploadKind.Measurement, Kind.ToString(), [(name, temp)], CurrentUser.From(User).UserName, ct);
        return Redirect($"/measurement/import?batch={batchId}");
    }

    /// <summary>Cancels one of the listed uploads, or asks a running one to stop at its next safe point.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        await UploadList.CancelAsync(db, queue, id, User, clock, ct);
        return Redirect("/measurement/import");
    }
}
