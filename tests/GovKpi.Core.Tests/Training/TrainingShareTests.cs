using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.Training;

namespace GovKpi.Core.Tests.Training;

public sealed class TrainingShareTests
{
    private static readonly DateOnly Day = new(2026, 6, 30);
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 9, 0, 0, TimeSpan.FromHours(7));

    private static readonly TrainingCourse Ai = new() { Code = "AI", Name = "Sử dụng AI", Kind = CourseKind.Ai, ValidMonths = 12 };
    private static readonly TrainingCourse Digital = new() { Code = "DIG", Name = "Kỹ năng số", Kind = CourseKind.Digital };
    private static readonly TrainingCourse Filing = new() { Code = "VT", Name = "Văn thư", Kind = CourseKind.Other };

    private static TrainingCompletion Completion(string staff, string course, DateOnly on, CompletionResult result = CompletionResult.Passed, DateOnly? until = null) => new()
    {
        StaffCode = staff, CourseCode = course, CompletedOn = on, Result = result, ValidUntil = until, RecordedBy = "hr", RecordedAt = Now,
    };

    private static StaffMember Person(string code, string unit, params Secondment[] secondments) => new()
    {
        Code = code, FullName = code, Type = StaffType.CongChuc, UnitCode = unit, PositionCode = "CV", Secondments = secondments,
    };

    [Fact]
    public void Only_a_passed_digital_or_ai_course_valid_on_the_day_counts_and_each_other_person_says_why_not()
    {
        var people = new[] { ("A", "U"), ("B", "U"), ("C", "U"), ("D", "U"), ("E", "U"), ("F", "U") };
        var completions = new[]
        {
            Completion("A", "AI", new(2026, 3, 1), until: new(2027, 2, 28)),
            Completion("B", "AI", new(2025, 1, 1), until: new(2025, 12, 31)),
            Completion("C", "DIG", new(2026, 7, 1)),
            Completion("D", "DIG", new(2026, 5, 1), CompletionResult.Failed),
            Completion("E", "VT", new(2026, 1, 1)),
        };

        var share = TrainingShare.On(Day, people, completions, [Ai, Digital, Filing]);

        Assert.Equal([TrainedStatus.Trained, TrainedStatus.Expired, TrainedStatus.CompletedLater, TrainedStatus.OnlyFailed, TrainedStatus.NotTrained, TrainedStatus.NotTrained],
            share.People.Select(p => p.Status));
        Assert.Equal((1, 6), (share.Trained, share.Staff));
        Assert.Equal(1.0 / 6, share.Share);
    }

    [Fact]
    public void Staff_count_where_their_placement_or_secondment_puts_them_on_the_day()
    {
        var staff = new[]
        {
            Person("MOVED", "NEW"),
            Person("LEFT", "U"),
            Person("SECONDED", "U", new Secondment { ToUnitCode = "X", From = new(2026, 6, 1), To = new(2026, 9, 1) }),
            Person("PLAIN", "U"),
        };
        var history = new[]
        {
            new StaffPlacement { StaffCode = "MOVED", EffectiveFrom = new(2025, 1, 1), EffectiveTo = new(2026, 7, 1), UnitCode = "U", PositionCode = "CV", Type = StaffType.CongChuc },
            new StaffPlacement { StaffCode = "MOVED", EffectiveFrom = new(2026, 7, 1), UnitCode = "NEW", PositionCode = "CV", Type = StaffType.CongChuc },
            new StaffPlacement { StaffCode = "LEFT", EffectiveFrom = new(2025, 1, 1), EffectiveTo = new(2026, 6, 1), UnitCode = "U", PositionCode = "CV", Type = StaffType.CongChuc },
        };

        var inU = TrainingShare.StaffOn(Day, staff, history, new HashSet<string> { "U" });
        var inX = TrainingShare.StaffOn(Day, staff, history, new HashSet<string> { "X" });

        Assert.Equal(["MOVED", "PLAIN"], inU.Select(p => p.StaffCode));
        Assert.Equal(["SECONDED"], inX.Select(p => p.StaffCode));
    }

    [Fact]
    public void A_completion_takes_its_validity_from_the_course_and_is_refused_before_the_session_after_today_or_twice()
    {
        var session = new TrainingSession { Id = 7, CourseCode = "AI", From = new(2026, 6, 10), To = new(2026, 6, 11), Place = "Hội trường", Trainer = "Sở KH&CN" };
        var today = new DateOnly(2026, 6, 30);

        var (done, none) = TrainingRules.Complete(session, Ai, "A", new(2026, 6, 11), CompletionResult.Passed, today, [], "hr", Now);
        var (_, early) = TrainingRules.Complete(session, Ai, "A", new(2026, 6, 9), CompletionResult.Passed, today, [], "hr", Now);
        var (_, future) = TrainingRules.Complete(session, Ai, "A", new(2026, 7, 1), CompletionResult.Passed, today, [], "hr", Now);
        var (_, twice) = TrainingRules.Complete(session, Ai, "A", new(2026, 6, 11), CompletionResult.Passed, today, [done! with { SessionId = 7 }], "hr", Now);

        Assert.Empty(none);
        Assert.Equal(new DateOnly(2027, 6, 10), done.ValidUntil);
        Assert.Equal(TrainingProblem.CompletedBeforeSession, Assert.Single(early).Problem);
        Assert.Equal(TrainingProblem.CompletedInFuture, Assert.Single(future).Problem);
        Assert.Equal(("staffCode", TrainingProblem.AlreadyCompleted), (Assert.Single(twice).Field, twice[0].Problem));
    }

    [Fact]
    public void The_built_in_kpi_is_fed_by_the_training_records_and_computed_from_the_tally()
    {
        var definition = BuiltInKpis.Definitions.Single(d => d.Code == KpiFormula.TrainedStaffShare);
        var tally = new KpiTally { Staff = 4, TrainedStaff = 3 };

        Assert.Null(KpiFeed.Check(definition));
        Assert.Equal(80m, definition.Target);
        Assert.Equal(KpiDataSource.TrainingRecords, KpiDataSource.OfFormula(KpiFormula.TrainedStaffShare)?.Code);
        Assert.Equal(0.75, KpiFormula.Find(KpiFormula.TrainedStaffShare)!.Evaluate(tally, 20).Value);
        Assert.False(KpiFormula.Find(KpiFormula.TrainedStaffShare)!.HasRecords(new KpiTally()));
    }
}
