using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.FieldWork;

/// <summary>
/// <c>/field-work</c>: the open and late follow-ups (closable by their owner), the field sessions
/// and the citizen meetings of the caller's units, with the forms that record them for managers and HR.
/// </summary>
[Authorize(Roles = "Staff,Manager,Hr,Leader,Auditor")]
public sealed class IndexModel(GovKpiDbContext db, FieldWorkDesk desk) : PageModel
{
    public const int IssueRows = 3;

    public IReadOnlyList<IssueResponse> FollowUps { get; private set; } = [];
    public IReadOnlyList<SessionResponse> Sessions { get; private set; } = [];
    public IReadOnlyList<MeetingResponse> Meetings { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public bool MayRecord { get; private set; }
    public IReadOnlyDictionary<string, string[]> SessionErrors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, string[]> MeetingErrors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, string[]> CloseErrors { get; private set; } = new Dictionary<string, string[]>();
    public SessionForm Session { get; private set; } = new();
    public MeetingForm Meeting { get; private set; } = new();
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostSessionAsync(SessionForm form, CancellationToken ct)
    {
        var (user, scope) = await CallerAsync(ct);
        var outcome = await desk.RecordSessionAsync(new SessionRequest(form.Unit_code, form.Place, form.Held_on, form.Starts_at, form.Ends_at, Split(form.Member_codes),
            new CaseCountsRequest(form.Advice, form.Dossier_received, form.Result_returned, form.Other), Split(form.Dossier_ids)), user, scope, ct);
        return await AfterAsync(outcome.Refusal, () => { SessionErrors = outcome.Errors; Session = form; }, ct);
    }

    public async Task<IActionResult> OnPostMeetingAsync(MeetingForm form, CancellationToken ct)
    {
        var (user, scope) = await CallerAsync(ct);
        var issues = Enumerable.Range(0, IssueRows)
            .Select(i => new IssueRequest(At(form.Issue_text, i), At(form.Issue_owner, i), At(form.Issue_due, i)))
            .Where(i => !string.IsNullOrWhiteSpace(i.Text) || !string.IsNullOrWhiteSpace(i.OwnerCode) || !string.IsNullOrWhiteSpace(i.DueOn)).ToList();
        var outcome = await desk.RecordMeetingAsync(new MeetingRequest(form.Unit_code, form.Place, form.Held_on, form.Chair, form.Attendance, issues), user, scope, ct);
        return await AfterAsync(outcome.Refusal, () => { MeetingErrors = outcome.Errors; Meeting = form; }, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(long meeting, int number, string? note, CancellationToken ct)
    {
        var (user, scope) = await CallerAsync(ct);
        var outcome = await desk.CloseIssueAsync(meeting, number, new CloseIssueRequest(note), user, scope, ct);
        return await AfterAsync(outcome.Refusal, () => CloseErrors = outcome.Errors.ToDictionary(e => $"{meeting}/{number}", e => e.Value), ct);
    }

    public IReadOnlyList<string> ErrorsOf(IReadOnlyDictionary<string, string[]> errors, string field) =>
        [.. errors.Where(e => e.Key == field || e.Key.StartsWith(field + "[", StringComparison.Ordinal) || e.Key.StartsWith(field + ".", StringComparison.Ordinal)).SelectMany(e => e.Value)];

    private async Task<IActionResult> AfterAsync(FieldWorkRefusal refusal, Action keep, CancellationToken ct)
    {
        switch (refusal)
        {
            case FieldWorkRefusal.None:
                return RedirectToPage(new { done = "1" });
            case FieldWorkRefusal.Forbidden:
                return Forbid();
            case FieldWorkRefusal.NotFound:
                return NotFound();
            default:
                keep();
                await LoadAsync(ct);
                return Page();
        }
    }

    private async Task<(CurrentUser User, UnitScope Scope)> CallerAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        return (user, await UnitScope.LoadAsync(db, user, ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (user, scope) = await CallerAsync(ct);
        MayRecord = FieldWorkDesk.MayRecord(user);
        FollowUps = await desk.FollowUpsAsync(scope, user, "open", ct);
        Sessions = [.. (await desk.SessionsAsync(scope, null, ct)).Take(50)];
        Meetings = [.. (await desk.MeetingsAsync(scope, null, user, ct)).Take(50)];
        Units = [.. scope.Tree.Units.Where(u => scope.Contains(u.Code) && u.EffectiveTo is null).OrderBy(u => u.Kind).ThenBy(u => u.NameVi, StringComparer.Ordinal)];
    }

    private static string? At(string[]? values, int index) => values is not null && index < values.Length ? values[index] : null;

    private static List<string> Split(string? codes) =>
        [.. (codes ?? "").Split([',', ';', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>The session form's fields, named as the API's.</summary>
public sealed record SessionForm(
    string? Unit_code = null, string? Place = null, string? Held_on = null, string? Starts_at = null, string? Ends_at = null, string? Member_codes = null,
    int? Advice = null, int? Dossier_received = null, int? Result_returned = null, int? Other = null, string? Dossier_ids = null);

/// <summary>The meeting form's fields; issues are rows of three parallel inputs.</summary>
public sealed record MeetingForm(
    string? Unit_code = null, string? Place = null, string? Held_on = null, string? Chair = null, int? Attendance = null,
    string[]? Issue_text = null, string[]? Issue_owner = null, string[]? Issue_due = null);
