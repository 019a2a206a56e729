namespace GovKpi.Core.Access;

/// <summary>What a signed-in person may do. Every role is further limited to a unit subtree.</summary>
public enum Role
{
    /// <summary>Sees own KPIs and the staff of own unit.</summary>
    Staff,
    /// <summary>Direct manager or unit head: reads and rates within own unit subtree.</summary>
    Manager,
    /// <summary>HR at the Department of Home Affairs (Sở Nội vụ): designs KPI sets, runs cycles.</summary>
    Hr,
    /// <summary>Province leadership: reads dashboards across the province.</summary>
    Leader,
    /// <summary>Reads the audit trail; changes nothing.</summary>
    Auditor,
    /// <summary>
    /// A service account of an operational system (the one-stop dossier system): pushes records to
    /// the measurement API and can do nothing else (ADR 0007).
    /// </summary>
    Integration,
}

public static class Roles
{
    public const string Staff = nameof(Role.Staff);
    public const string Manager = nameof(Role.Manager);
    public const string Hr = nameof(Role.Hr);
    public const string Leader = nameof(Role.Leader);
    public const string Auditor = nameof(Role.Auditor);
    public const string Integration = nameof(Role.Integration);

    /// <summary>Who may change the KPI library and KPI sets.</summary>
    public const string KpiDesigners = Hr;

    /// <summary>Who may push operational records through the measurement API.</summary>
    public static readonly string[] RecordWriters = [Hr, Integration];

    /// <summary>Who may upload files and correct or discard quarantined rows.</summary>
    public const string RecordStewards = Hr;

    /// <summary>Who may ask the assistant to propose a KPI set for a position.</summary>
    public static readonly string[] KpiProposers = [Hr, Manager];

    /// <summary>Who may ask the assistant: people, each within their own scope, not machine accounts.</summary>
    public static readonly string[] AssistantUsers = [Staff, Manager, Hr, Leader, Auditor];
}
