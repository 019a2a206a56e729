using GovKpi.Core.Workforce;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// The demo's workload norms and skill requirements, so that its staffing and skill views show
/// what a province's would: a few service centres over the norm and the land, construction and
/// civil-registration skills that commune centres lack (seed 003, Lâm Đồng). A real province sets its own.
/// </summary>
public static class DemoWorkforce
{
    /// <summary>
    /// Two and a half dossiers a day at the one-stop desk: the demo's sample of dossiers is small
    /// beside a real province's (a few thousand a month), so the default of eight would show every
    /// centre idle; at this norm the busiest few commune centres are over it and the rest under.
    /// </summary>
    public static IReadOnlyList<WorkloadNorm> Norms { get; } =
    [
        new() { PositionCode = DemoPositions.DossierSpecialist, DossiersPerDay = 2.5m, StandardProductsPerDay = WorkloadNorms.DefaultStandardProductsPerDay },
    ];

    public static IReadOnlyList<PositionSkill> PositionSkills { get; } =
    [
        new(DemoPositions.DossierSpecialist, "customer_service"),
        new(DemoPositions.DossierSpecialist, "digital"),
    ];

    /// <summary>The skills the demo's procedures call for, by the field of each (Procedures.cs).</summary>
    public static IReadOnlyList<ProcedureSkill> ProcedureSkills { get; } =
    [
        new("1.001193", "civil_registration"), new("1.000656", "civil_registration"), new("1.000894", "civil_registration"), new("1.004873", "civil_registration"),
        new("1.012790", "land"), new("1.012810", "land"), new("1.001765", "land"),
        new("1.009994", "construction"), new("1.009972", "construction"), new("1.011630", "construction"),
        new("1.001776", "social_welfare"), new("1.001731", "social_welfare"),
        new("1.010727", "environment"),
    ];
}
