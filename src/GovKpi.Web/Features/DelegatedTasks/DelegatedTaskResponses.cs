namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary>
/// One receiving unit's share of a task: its latest report, its pace on working days, and the
/// report due dates it let pass without a report.
/// </summary>
public sealed record UnitProgressResponse(
    string UnitCode, string UnitName, string Level, int PercentDone, DateOnly? LatestReportOn, string Progress, bool Completed,
    IReadOnlyList<DateOnly> MissingReportsDue);

public sealed record EvidenceResponse(long Id, string FileName, long SizeBytes, string Link);

public sealed record ReportResponse(
    long Id, string UnitCode, DateOnly ReportedOn, int PercentDone, string Text, string Reporter, IReadOnlyList<EvidenceResponse> Evidence);

public sealed record ExtensionResponse(DateOnly From, DateOnly To, string Reason, DateOnly DecidedOn);

public sealed record FollowUpResponse(int Index, string Text, DateOnly DueOn, DateOnly? ClosedOn, string ClosureNote);

public sealed record FindingResponse(int Index, string Text, bool Open, IReadOnlyList<FollowUpResponse> Actions);

public sealed record InspectionResponse(string TaskCode, int Number, string Kind, string Inspector, DateOnly On, IReadOnlyList<FindingResponse> Findings);

/// <summary>
/// A task as the register shows it. Kind, levels and rhythm are the file's words. The task's pace
/// reads the mean of its units' latest percentages; <see cref="Status"/> is Completed only while
/// every unit's latest report says 100 %.
/// </summary>
public sealed record DelegatedTaskResponse(
    string Code, string Title, string SourceBody, string LegalBasis, string Kind, string FromLevel, string ToLevel,
    DateOnly StartOn, DateOnly DueOn, string ReportRhythm, string? ParentCode, string Status, string Progress, int PercentDone,
    double ExpectedPercent, int WorkingDaysElapsed, int WorkingDaysTotal, int WorkingDaysLeft, int WorkingDaysOverdue,
    IReadOnlyList<UnitProgressResponse> Units, IReadOnlyList<ReportResponse> Reports, IReadOnlyList<ExtensionResponse> Extensions,
    IReadOnlyList<InspectionResponse> Inspections, string Link);

/// <summary>Progress of the tasks at one to-level: how many tasks, unit shares, completed shares, and the mean percentage.</summary>
public sealed record LevelProgressResponse(string Level, int Tasks, int UnitShares, int CompletedShares, double AveragePercent);

/// <summary>Progress of one receiving unit over its tasks.</summary>
public sealed record UnitRollupResponse(string UnitCode, string UnitName, string Level, int Tasks, int Completed, double AveragePercent, int MissingReports);

public sealed record MissingReportResponse(string TaskCode, string TaskTitle, string UnitCode, string UnitName, DateOnly DueOn, string Link);

public sealed record OverdueTaskResponse(string TaskCode, string Title, DateOnly DueOn, int PercentDone, IReadOnlyList<string> UnfinishedUnitCodes, string Link);

public sealed record OpenFindingResponse(
    string TaskCode, int InspectionNumber, int FindingIndex, string Text, IReadOnlyList<FollowUpResponse> OpenActions, bool Overdue, string Link);

/// <summary>
/// The province view: every task in the caller's scope with each receiving unit's progress, the
/// roll-ups by level and by unit, and what needs a look today (overdue tasks, reports not given
/// by their date, findings not closed), each row linking to the task with its reports and evidence.
/// </summary>
public sealed record ProvinceViewResponse(
    DateOnly Today, IReadOnlyList<DelegatedTaskResponse> Tasks, IReadOnlyList<LevelProgressResponse> ByLevel,
    IReadOnlyList<UnitRollupResponse> ByUnit, IReadOnlyList<OverdueTaskResponse> Overdue, IReadOnlyList<MissingReportResponse> MissingReports,
    IReadOnlyList<OpenFindingResponse> OpenFindings);

/// <summary>The tasks one body handed down from ministry level, with how far they are.</summary>
public sealed record SourceBodyProgressResponse(
    string SourceBody, int Tasks, int Completed, int Overdue, double AveragePercent, IReadOnlyList<string> TaskCodes);

public sealed record MinistryViewResponse(DateOnly Today, IReadOnlyList<SourceBodyProgressResponse> BySourceBody, IReadOnlyList<LevelProgressResponse> ByLevel);

/// <summary>How many tasks an import registered.</summary>
public sealed record ImportResponse(int Rows, IReadOnlyList<string> Registered);
