using GovKpi.Core.Access;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
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
[RequestSizeLimit(MaximumUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaximumUploadBytes)]
public sealed class ImportModel(ImportJobs jobs, IStringLocalizer<SharedResource> l) : PageModel
{
    public const long MaximumUploadBytes = 1L << 30;

    [BindProperty]
    public RecordKind Kind { get; set; } = RecordKind.Dossier;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [FromQuery(Name = "batch")]
    public Guid? BatchId { get; set; }

    public ImportJobStatus? Status { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        if (BatchId is { } id)
        {
            Status = jobs.Find(id);
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

        var temp = Path.Combine(Path.GetTempPath(), $"govkpi-upload-{Guid.NewGuid():N}{Path.GetExtension(name)}");
        await using (var target = System.IO.File.Create(temp))
        {
            await Upload.CopyToAsync(target, ct);
        }

        var batchId = Guid.NewGuid();
        jobs.Enqueue(new ImportJob(batchId, Kind, name, temp, CurrentUser.From(User).UserName));
        return Redirect($"/measurement/import?batch={batchId}");
    }
}
