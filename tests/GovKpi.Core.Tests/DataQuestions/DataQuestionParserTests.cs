using GovKpi.Core;
using GovKpi.Core.DataQuestions;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.DataQuestions;

public class DataQuestionParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static DataQuestion Parsed(string question)
    {
        var parse = DataQuestionParser.Parse(question, Today);
        Assert.Empty(parse.Problems);
        return parse.Question!;
    }

    [Theory]
    [InlineData("xã nào có tỷ lệ trễ hạn cao nhất quý 3?")]
    [InlineData("xa nao co ty le tre han cao nhat quy 3?")]
    [InlineData("XÃ NÀO CÓ TỶ LỆ TRỄ HẠN CAO NHẤT QUÝ III")]
    [InlineData("Which commune had the highest late rate in Q3?")]
    public void The_example_question_maps_to_late_rate_per_commune_in_Q3_highest_first(string question)
    {
        var q = Parsed(question);

        Assert.Equal("late_rate", q.Measure.Code);
        Assert.Equal(KpiFormula.OnTimeRate, q.Measure.Kpi);
        Assert.Equal(SubjectLevel.Commune, q.Level);
        Assert.Equal(ReportingPeriod.Quarter(2026, 3), q.Period);
        Assert.Equal(PeriodKind.Quarter, q.PeriodKind);
        Assert.Equal(Ranking.Highest, q.Ranking);
    }

    [Theory]
    [InlineData("tỷ lệ hồ sơ đúng hạn của cán bộ tháng 5", KpiFormula.OnTimeRate, SubjectLevel.Staff)]
    [InlineData("hoàn thành đúng hạn theo đơn vị tháng 5", KpiFormula.OnTimeRate, SubjectLevel.Unit)]
    [InlineData("mức độ hài lòng của người dân theo xã tháng 5", KpiFormula.SatisfactionAvg, SubjectLevel.Commune)]
    [InlineData("tỷ lệ hồ sơ trực tuyến của các sở tháng 5", KpiFormula.OnlineShare, SubjectLevel.Agency)]
    [InlineData("ai có tỷ lệ trả lại do lỗi cao nhất tháng 5", KpiFormula.ErrorReturnRate, SubjectLevel.Staff)]
    [InlineData("phường nào bị khiếu nại nhiều nhất tháng 5", KpiFormula.ComplaintRate, SubjectLevel.Commune)]
    [InlineData("số hồ sơ giải quyết mỗi ngày làm việc theo xã tháng 5", KpiFormula.PerWorkingDay, SubjectLevel.Commune)]
    [InlineData("tỷ lệ hoàn thành của các cơ quan tháng 5", KpiFormula.CompletionRate, SubjectLevel.Agency)]
    public void Each_measure_and_level_is_recognised(string question, string kpi, SubjectLevel level)
    {
        var q = Parsed(question);

        Assert.Equal(kpi, q.Measure.Kpi);
        Assert.False(q.Measure.Complement);
        Assert.Equal(level, q.Level);
        Assert.Equal(ReportingPeriod.Month(2026, 5), q.Period);
    }

    [Theory]
    [InlineData("tỷ lệ đúng hạn theo xã tháng 12", 2025, 12, 2025, 13)] // December has not come yet on 2026-11-23
    [InlineData("tỷ lệ đúng hạn theo xã tháng 11", 2026, 11, 2026, 12)]
    [InlineData("tỷ lệ đúng hạn theo xã tháng 5/2025", 2025, 5, 2025, 6)]
    [InlineData("tỷ lệ đúng hạn theo xã tháng 05 năm 2025", 2025, 5, 2025, 6)]
    [InlineData("tỷ lệ đúng hạn theo xã tháng này", 2026, 11, 2026, 12)]
    [InlineData("tỷ lệ đúng hạn theo xã tháng trước", 2026, 10, 2026, 11)]
    [InlineData("on-time rate per commune last month", 2026, 10, 2026, 11)]
    public void Months_resolve_against_today(string question, int fromYear, int fromMonth, int toYear, int toMonth)
    {
        var q = Parsed(question);

        Assert.Equal(PeriodKind.Month, q.PeriodKind);
        Assert.Equal(new DateOnly(fromYear, fromMonth, 1), q.Period.From);
        Assert.Equal(toMonth == 13 ? new DateOnly(toYear + 1, 1, 1) : new DateOnly(toYear, toMonth, 1), q.Period.To);
    }

    [Theory]
    [InlineData("tỷ lệ đúng hạn theo xã quý 4", 2026, 4)]
    [InlineData("tỷ lệ đúng hạn theo xã quý IV năm 2025", 2025, 4)]
    [InlineData("tỷ lệ đúng hạn theo xã quý này", 2026, 4)]
    [InlineData("tỷ lệ đúng hạn theo xã quý trước", 2026, 3)]
    [InlineData("on-time rate per commune in the second quarter of 2025", 2025, 2)]
    [InlineData("on-time rate per commune Q1/2026", 2026, 1)]
    public void Quarters_resolve_against_today(string question, int year, int quarter)
    {
        var q = Parsed(question);

        Assert.Equal(PeriodKind.Quarter, q.PeriodKind);
        Assert.Equal(ReportingPeriod.Quarter(year, quarter), q.Period);
    }

    [Theory]
    [InlineData("tỷ lệ đúng hạn theo xã năm 2025", 2025)]
    [InlineData("tỷ lệ đúng hạn theo xã năm nay", 2026)]
    [InlineData("tỷ lệ đúng hạn theo xã năm ngoái", 2025)]
    [InlineData("on-time rate per commune in 2027", 2027)]
    public void Years_resolve_against_today(string question, int year)
    {
        var q = Parsed(question);

        Assert.Equal(PeriodKind.Year, q.PeriodKind);
        Assert.Equal(ReportingPeriod.Year(year), q.Period);
    }

    [Fact]
    public void Without_a_period_the_current_quarter_is_assumed_and_said_so()
    {
        var parse = DataQuestionParser.Parse("xã nào có tỷ lệ trễ hạn cao nhất", Today);

        Assert.True(parse.PeriodAssumed);
        Assert.Equal(ReportingPeriod.Quarter(2026, 4), parse.Question!.Period);
    }

    [Theory]
    [InlineData("xã nào có tỷ lệ đúng hạn thấp nhất quý 3", Ranking.Lowest)]
    [InlineData("xã nào có tỷ lệ đúng hạn tốt nhất quý 3", Ranking.Highest)]
    [InlineData("xã nào có tỷ lệ trễ hạn tốt nhất quý 3", Ranking.Lowest)]
    [InlineData("xã nào có tỷ lệ khiếu nại kém nhất quý 3", Ranking.Highest)]
    [InlineData("xã nào có tỷ lệ đúng hạn kém nhất quý 3", Ranking.Lowest)]
    [InlineData("tỷ lệ đúng hạn theo xã quý 3", Ranking.Highest)]
    public void Best_and_worst_follow_the_direction_of_the_measure(string question, Ranking ranking) =>
        Assert.Equal(ranking, Parsed(question).Ranking);

    [Theory]
    [InlineData("5 xã có tỷ lệ trễ hạn cao nhất quý 3", 5)]
    [InlineData("top 3 cán bộ đúng hạn nhất tháng 5", 3)]
    [InlineData("xã nào có tỷ lệ trễ hạn cao nhất tháng 5", DataQuestion.DefaultTop)]
    [InlineData("top 500 cán bộ đúng hạn tháng 5", DataQuestion.MaximumTop)]
    public void The_number_of_rows_asked_for_is_kept_within_bounds(string question, int top) =>
        Assert.Equal(top, Parsed(question).Top);

    [Theory]
    [InlineData("thời tiết hôm nay thế nào?")]
    [InlineData("xã nào đẹp nhất?")]
    public void A_question_without_a_measure_is_refused(string question)
    {
        var parse = DataQuestionParser.Parse(question, Today);

        Assert.Null(parse.Question);
        Assert.Contains(DataQuestionProblem.NoMeasure, parse.Problems);
    }

    [Theory]
    [InlineData("tỷ lệ đúng hạn theo xã tháng 13")]
    [InlineData("tỷ lệ đúng hạn theo xã quý 5")]
    public void An_impossible_period_is_refused(string question)
    {
        var parse = DataQuestionParser.Parse(question, Today);

        Assert.Null(parse.Question);
        Assert.Contains(DataQuestionProblem.InvalidPeriod, parse.Problems);
    }

    [Fact]
    public void The_late_rate_counts_the_denominator_records_not_on_time()
    {
        var late = new DataMeasure(KpiFormula.OnTimeRate, Complement: true);
        var value = new KpiValue(30, 40);

        Assert.Equal(10m, late.Numerator(value));
        Assert.Equal(0.25, late.Of(value));
        Assert.Null(late.Of(new KpiValue(0, 0)));
        Assert.False(late.HigherIsBetter);
    }

    [Theory]
    [InlineData("Đồng Xoài", "dong xoai")]
    [InlineData("TỶ LỆ TRỄ HẠN", "ty le tre han")]
    [InlineData("ພາສາລາວ", "ພາສາລາວ")]
    public void Folding_drops_diacritics_and_keeps_other_scripts(string text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));
}
