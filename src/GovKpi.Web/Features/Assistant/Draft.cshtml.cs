using GovKpi.Core.Access;
using GovKpi.Data.Assistant;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Assistant;

/// <summary><c>/assistant/drafts/{id}</c>: one of the caller's drafts, to edit, approve or discard. Nothing here sends anything.</summary>
[Authorize(Roles = $"{Roles.Staff},{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class DraftModel(DraftWriter writer) : PageModel
{
    public AssistantDraft? Draft { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Draft = await writer.FindAsync(id, CurrentUser.From(User), ct);
        return Draft is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, string? text, CancellationToken ct) => ChangeAsync(id, text, null, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => ChangeAsync(id, null, DraftStatus.Approved, ct);

    public Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct) => ChangeAsync(id, null, DraftStatus.Discarded, ct);

    private async Task<IActionResult> ChangeAsync(Guid id, string? text, DraftStatus? decision, CancellationToken ct)
    {
        var (outcome, error, draft) = await writer.ChangeAsync(id, CurrentUser.From(User), text, decision, ct);
        if (outcome == DraftChange.NotFound)
        {
            return NotFound();
        }

        (Draft, Error) = (draft, error);
        return Page();
    }
}
