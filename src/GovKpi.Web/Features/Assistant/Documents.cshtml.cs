using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Assistant;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Assistant;

/// <summary>
/// <c>/assistant/documents</c>: the documents the assistant answers from. Anyone who may ask sees
/// what is there; HR uploads and deletes.
/// </summary>
[Authorize(Roles = $"{Roles.Staff},{Roles.Manager},{Roles.Hr},{Roles.Leader},{Roles.Auditor}")]
[RequestSizeLimit(2 * DocumentLibrary.MaximumBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * DocumentLibrary.MaximumBytes)]
public sealed class DocumentsModel(DocumentLibrary library, GovKpiDbContext db) : PageModel
{
    public IReadOnlyList<AssistantDocument> Documents { get; private set; } = [];

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>The name of the document just uploaded, to confirm it.</summary>
    [TempData] public string? Added { get; set; }

    public bool CanChange => User.IsInRole(Roles.Hr);

    public async Task OnGetAsync(CancellationToken ct) => Documents = await library.ListAsync(db, ct);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        var (errors, document) = await library.AddAsync(db, upload, CurrentUser.From(User), ct);
        if (document is not null)
        {
            Added = document.FileName;
            return RedirectToPage();
        }

        Errors = errors;
        Documents = await library.ListAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        return await library.RemoveAsync(db, id, ct) ? RedirectToPage() : NotFound();
    }
}
