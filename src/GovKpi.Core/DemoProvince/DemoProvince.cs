using GovKpi.Core.Calendar;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// A generated province (two-level local government after 2025-07-01) with everything the
/// organisation and KPI library pages need. Produced by <see cref="DemoProvinceGenerator.Generate"/>;
/// the same seed and staff count always give the same province, codes included.
/// </summary>
public sealed record DemoProvince
{
    public required int Seed { get; init; }
    /// <summary>The root unit (kind <see cref="UnitKind.Province"/>).</summary>
    public required Unit Province { get; init; }
    /// <summary>Every unit, active and former, parents before children.</summary>
    public required IReadOnlyList<Unit> Units { get; init; }
    public required IReadOnlyList<UnitLineage> Lineage { get; init; }
    public required IReadOnlyList<JobPosition> Positions { get; init; }
    /// <summary>Exactly the requested number of people, secondments included in each record.</summary>
    public required IReadOnlyList<StaffMember> Staff { get; init; }
    public required IReadOnlyList<KpiDefinition> KpiDefinitions { get; init; }
    /// <summary>KPI sets per position; every one passes <see cref="SmartCheck"/>.</summary>
    public required IReadOnlyList<KpiSet> KpiSets { get; init; }
    /// <summary>The province's objectives for the demo year and the communes' targets under them.</summary>
    public IReadOnlyList<Collective.Objective> Objectives { get; init; } = [];
    public IReadOnlyList<Collective.UnitTarget> UnitTargets { get; init; } = [];
    /// <summary>The task catalogue: the province's types and each commune's own (group C).</summary>
    public IReadOnlyList<Tasks.TaskType> TaskTypes { get; init; } = [];
    /// <summary>The working-day calendar dossier times and appointment dates follow.</summary>
    public required WorkingCalendar Calendar { get; init; }

    /// <summary>Where dossiers are received, and when (former communes until the reform, service centres after).</summary>
    internal IReadOnlyList<ServiceDesk> Desks { get; init; } = [];
    /// <summary>Who handles dossiers, with the personal rates that make each handler's KPIs differ.</summary>
    internal IReadOnlyList<HandlerProfile> Handlers { get; init; } = [];
}

/// <summary>A dossier generated for a demo province: its versions (rows of dossiers.csv), and the survey and complaint it drew, if any.</summary>
public sealed record DemoDossier(IReadOnlyList<DossierVersion> Versions, SurveyResponse? Survey, Complaint? Complaint)
{
    /// <summary>The latest version: the dossier's state at the end of the demo year.</summary>
    public DossierVersion Current => Versions[^1];
}

/// <summary>
/// A unit that receives dossiers over <c>[From, To)</c>. <see cref="HandlerUnitCode"/> is the
/// service centre whose staff handle them: a former commune's dossiers are handled by the
/// people who now work in its successor's centre.
/// </summary>
internal sealed record ServiceDesk(
    string UnitCode,
    DateOnly From,
    DateOnly? To,
    double Weight,
    string HandlerUnitCode,
    ProcedureLevel Level,
    bool HasMobileTeams,
    double OnlineShare);

/// <summary>A dossier handler and the rates that shape their results.</summary>
internal sealed record HandlerProfile(
    StaffMember Staff,
    double OnTimeRate,
    double ErrorReturnRate,
    double Courtesy,
    double Workload);
