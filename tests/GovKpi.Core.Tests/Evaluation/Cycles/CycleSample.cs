using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

/// <summary>A cycle of one division with its people, built in memory for the rules of its changes.</summary>
internal sealed class CycleSample
{
    public static readonly DateOnly Today = new(2026, 4, 10);
    public static readonly DateTimeOffset Now = new(2026, 4, 10, 9, 0, 0, TimeSpan.FromHours(7));
    public static readonly AuditActor Manager = new("manager", "Trần Quản Lý", Role.Manager);
    public static readonly AuditActor Person = new("nv01", "Nguyễn Văn Một", Role.Staff);

    public EvaluationCycle Cycle { get; }
    public List<StaffEvaluation> People { get; }

    public CycleSample(CycleStage stage = CycleStage.SelfAssessment, params string[] codes)
    {
        Cycle = new EvaluationCycle
        {
            Id = Guid.NewGuid(),
            UnitCode = "A.1",
            UnitName = "Phòng Một",
            AgencyCode = "A",
            PeriodKind = PeriodKind.Month,
            PeriodFrom = new(2026, 3, 1),
            PeriodTo = new(2026, 4, 1),
            Policy = EvaluationPolicy.Decree335,
            Stage = stage,
            Deadlines = StageDeadlines.Default(Today),
            OpenedBy = "hr",
        };
        People = (codes.Length == 0 ? ["NV01", "NV02", "NV03"] : codes).Select(code => new StaffEvaluation
        {
            Id = Guid.NewGuid(),
            CycleId = Cycle.Id,
            StaffCode = code,
            StaffName = "Người " + code,
            UnitCode = "A.1",
            PositionCode = "CV",
            Group = PositionGroup.Professional,
        }).ToList();
    }

    public StaffEvaluation this[string code] => People.Single(p => p.StaffCode == code);

    public AuditTrail Trail(AuditActor? by = null) => new(Cycle, by ?? Manager, Now);

    /// <summary>Everyone rated with these scores (general 25, the rest task points).</summary>
    public CycleSample Rated(params decimal[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            People[i].GeneralPoints = 25;
            People[i].TaskPoints = scores[i] - 25;
            People[i].Score = scores[i];
        }

        return this;
    }

    /// <summary>Everyone calibrated at the level of their band and published as version 1.</summary>
    public CycleSample Published()
    {
        foreach (var e in People)
        {
            e.Level = Cycle.Policy.Bands.LevelOf(e.Score!.Value);
            e.LevelReason = ClassificationReason.Band;
            e.State = ResultState.Published;
            e.ResultVersion = 1;
        }

        Cycle.Stage = CycleStage.Published;
        return this;
    }

    public CalibrationPopulation Population() => new(
        People.Where(e => e.Score is not null).Select(e => QuotaCalibration.Scored(Cycle, e)).ToList(),
        People.ToDictionary(QuotaCalibration.KeyOf, e => e.StaffCode));
}

/// <summary>Reasons worded as codes, to see which one Core chose.</summary>
internal sealed class CodeWording : IAuditWording
{
    public string SelfAssessment => "self";

    public string Quota(decimal? share) => $"quota {share}";

    public string Level(ClassificationReason reason, ClassificationLevel band, ClassificationLevel level, decimal score) => $"{reason} {band}->{level} {score}";
}
