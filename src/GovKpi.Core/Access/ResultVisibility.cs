namespace GovKpi.Core.Access;

/// <summary>
/// Who may see one person's individual results (issue 11, item 5). A record that names its
/// handler — a dossier, a survey of that dossier, a complaint against a staff member — is a piece
/// of that person's result, so listing it with the handler's code shows the result. Staff see
/// their own; managers, HR, leaders and auditors see the people inside their unit scope, as they
/// see those people's KPI values; machine accounts see no one. Everyone else reading a unit's
/// figures gets the record without its handler: the unit's numbers stay explained, no colleague's
/// share of them is told.
/// </summary>
public static class ResultVisibility
{
    /// <param name="role">The caller's role.</param>
    /// <param name="callerStaffCode">The staff member the caller's account belongs to, if any.</param>
    /// <param name="personStaffCode">Whose result it is (the handler).</param>
    /// <param name="personInScope">Whether that person's unit lies in the caller's unit scope.</param>
    public static bool MaySeeResultOf(Role role, string? callerStaffCode, string personStaffCode, bool personInScope) => role switch
    {
        Role.Staff => callerStaffCode is not null && string.Equals(callerStaffCode, personStaffCode, StringComparison.Ordinal),
        Role.Manager or Role.Hr or Role.Leader or Role.Auditor => personInScope,
        _ => false,
    };

    /// <summary>
    /// The handler as the caller may see it: the code itself, or null with <c>hidden</c> set when
    /// the record names someone whose results the caller may not see.
    /// </summary>
    public static (string? Code, bool Hidden) Handler(Role role, string? callerStaffCode, string? handlerCode, Func<string, bool> inScope) =>
        handlerCode is null ? (null, false)
        : MaySeeResultOf(role, callerStaffCode, handlerCode, inScope(handlerCode)) ? (handlerCode, false)
        : (null, true);
}
