using GovKpi.Core.Measurement;
using GovKpi.Core.Surveys;

namespace GovKpi.Core.Tests.Surveys;

public sealed class CitizenSurveyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 0, TimeSpan.FromHours(7));

    private static DossierVersion Dossier(DossierStatus status) => new(
        "HS-001", "1.001193", "C2-TT", "S004", DossierChannel.InPerson,
        Now.AddDays(-10), Now.AddDays(-3), status.IsFinished() ? Now.AddDays(-4) : null, status, 0, false, Now.AddDays(-4));

    private static SurveyDecision Decide(string? code = "HS-001", int? score = 4, string? comment = null, DossierVersion? dossier = null, bool answered = false) =>
        CitizenSurvey.Decide(code, score, comment, dossier ?? Dossier(DossierStatus.ResultReturned), answered, Now, "KSW-1");

    [Fact]
    public void A_finished_dossier_without_a_response_is_rated_with_the_score_the_time_and_the_comment()
    {
        var accepted = Assert.IsType<SurveyDecision.Accepted>(Decide(score: 5, comment: "Nhanh gọn"));

        Assert.Equal(new SurveyResponse("KSW-1", "HS-001", Now, 5), accepted.Response);
        Assert.Equal("Nhanh gọn", accepted.Comment);
    }

    [Theory]
    [InlineData(DossierStatus.Received)]
    [InlineData(DossierStatus.Processing)]
    [InlineData(DossierStatus.SupplementRequested)]
    public void An_open_dossier_cannot_be_rated_yet(DossierStatus status) =>
        Assert.Equal(new SurveyDecision.Refused(SurveyRefusal.NotFinished), Decide(dossier: Dossier(status)));

    [Fact]
    public void A_second_response_is_refused() =>
        Assert.Equal(new SurveyDecision.Refused(SurveyRefusal.AlreadyAnswered), Decide(answered: true));

    [Fact]
    public void An_unknown_code_is_refused_whatever_else_the_form_says()
    {
        Assert.Equal(new SurveyDecision.Refused(SurveyRefusal.UnknownCode),
            CitizenSurvey.Decide("HS-999", 3, null, null, false, Now, "KSW-1"));
        Assert.Equal(new SurveyDecision.Refused(SurveyRefusal.UnknownCode), Decide(code: "HS-002"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(6)]
    public void A_score_outside_one_to_five_is_refused_before_the_dossier_is_looked_at(int? score) =>
        Assert.Equal(new SurveyDecision.Refused(SurveyRefusal.ScoreInvalid),
            CitizenSurvey.Decide("HS-999", score, null, null, false, Now, "KSW-1"));

    [Fact]
    public void A_missing_code_and_an_overlong_comment_are_refused()
    {
        Assert.Equal(new SurveyDecision.Refused(SurveyRefusal.CodeMissing), Decide(code: null));
        Assert.Equal(new SurveyDecision.Refused(SurveyRefusal.CommentTooLong), Decide(comment: new string('x', CitizenSurvey.CommentLength + 1)));
        Assert.IsType<SurveyDecision.Accepted>(Decide(comment: new string('x', CitizenSurvey.CommentLength)));
    }

    [Fact]
    public void The_receipt_code_is_trimmed_and_composed_as_stored_ids_are()
    {
        Assert.Equal("HS-Đ001", CitizenSurvey.ReceiptCode("  HS-Đ001 \t", 60));
        Assert.Equal("HỒ-1", CitizenSurvey.ReceiptCode("HO\u0302\u0300-1", 60));
        Assert.Null(CitizenSurvey.ReceiptCode("   ", 60));
        Assert.Null(CitizenSurvey.ReceiptCode("HS\u0000-1", 60));
        Assert.Null(CitizenSurvey.ReceiptCode(new string('A', 61), 60));
    }

    [Fact]
    public void The_comment_keeps_its_line_breaks_and_loses_control_characters()
    {
        Assert.Equal("Tốt\nCảm ơn", CitizenSurvey.Comment("  Tốt\r\nCảm\u0007 ơn  "));
        Assert.Null(CitizenSurvey.Comment(" \r\n "));
    }

    [Fact]
    public void A_response_id_fits_the_contract_and_is_not_like_an_imported_one() =>
        Assert.Matches("^KSW-[0-9A-F]{24}$", CitizenSurvey.NewResponseId(Guid.NewGuid()));
}
