namespace GovKpi.Core.Access;

/// <summary>
/// Who may do what with the delegated-task register's inspections (issue 13). Inspecting is the
/// province's oversight, so HR and the leadership record inspections and close their follow-ups;
/// the receiving staff may not inspect themselves; auditors read everything and change nothing.
/// </summary>
public static class DelegatedTaskAccess
{
    public static bool MayRecordInspection(Role role) => role is Role.Hr or Role.Leader;

    public static bool MayReadInspections(Role role) => role is Role.Staff or Role.Manager or Role.Hr or Role.Leader or Role.Auditor;
}
