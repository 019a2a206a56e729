using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Files;

/// <summary>The row rules of surveys.csv, complaints.csv and calendar.csv (CONTRACTS.md).</summary>
public class MeasurementReadersTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly string[] SurveyHeader = ["response_id", "dossier_id", "submitted_at", "score"];
    private static readonly string[] ComplaintHeader = ["complaint_id", "unit_code", "staff_code", "dossier_id", "received_at", "category", "upheld"];

    private static Read<SurveyResponse> Surveys(params Dictionary<string, string>[] rows) =>
        ReadAll<SurveyResponse>(SurveyCsvReader.Read, Csv(SurveyHeader, rows), "surveys.csv");

    private static Read<Complaint> Complaints(params Dictionary<string, string>[] rows) =>
        ReadAll<Complaint>(ComplaintCsvReader.Read, Csv(ComplaintHeader, rows), "complaints.csv");

    private static Read<CalendarException> Calendar(string text) => ReadAll<CalendarException>(CalendarCsvReader.Read, text, "calendar.csv");

    [Fact]
    public void A_survey_row_becomes_a_response()
    {
        var read = Surveys(Survey("KS1", "D1", "2025-07-10T09:30:00", "5"));

        Assert.Equal(new SurveyResponse("KS1", "D1", new DateTimeOffset(2025, 7, 10, 9, 30, 0, Vn), 5), Assert.Single(read.Records).Record);
    }

    [Theory]
    [InlineData("0", "0 is out of range: must be 1 to 5")]
    [InlineData("6", "6 is out of range: must be 1 to 5")]
    [InlineData("4.5", "'4.5' is not a whole number")]
    [InlineData("", "required, but empty")]
    public void A_survey_score_is_a_whole_number_from_1_to_5(string score, string reason)
    {
        var read = Surveys(Survey("KS1", "D1", "2025-07-10T09:30:00+07:00", "1"), Survey("KS2", "D1", "2025-07-10T09:30:00+07:00", score));

        Assert.Single(read.Records);
        Assert.Equal($"surveys.csv:3:score: {reason}", read.Error.ToString());
    }

    [Fact]
    public void A_survey_needs_its_dossier_and_time()
    {
        var read = Surveys(Survey("KS1", "", "", "3"));

        Assert.Equal(["dossier_id", "submitted_at"], read.Error.Problems.Select(p => p.Column));
    }

    [Fact]
    public void A_complaint_row_becomes_a_complaint_and_staff_and_dossier_are_optional()
    {
        var read = Complaints(
            Complaint("P1", "XA01", "CB001", "D1", "2025-07-10T09:30:00Z", "attitude", "true"),
            Complaint("P2", "XA01", "", "", "2025-07-10T09:30:00+07:00", "other", "0"));

        Assert.Equal(
            [
                new Complaint("P1", "XA01", "CB001", "D1", new DateTimeOffset(2025, 7, 10, 9, 30, 0, TimeSpan.Zero), ComplaintCategory.Attitude, true),
                new Complaint("P2", "XA01", null, null, new DateTimeOffset(2025, 7, 10, 9, 30, 0, Vn), ComplaintCategory.Other, false),
            ],
            read.Records.Select(r => r.Record));
    }

    [Theory]
    [InlineData("category", "delay", "'delay' is not one of: attitude, process, guidance, other")]
    [InlineData("upheld", "", "required, but empty")]
    [InlineData("upheld", "no", "'no' is not a boolean: expected true, false, 1 or 0")]
    [InlineData("unit_code", "", "required, but empty")]
    public void An_invalid_complaint_field_is_located(string column, string value, string reason)
    {
        var row = Complaint("P1", "XA01", "CB001", "D1", "2025-07-10T09:30:00+07:00", "process", "true");
        row[column] = value;

        var read = Complaints(row);

        Assert.Equal($"complaints.csv:2:{column}: {reason}", read.Error.ToString());
    }

    [Fact]
    public void A_calendar_lists_holidays_and_workdays()
    {
        var read = Calendar("kind,date\nholiday,2025-09-01\nworkday,2025-04-26\n");

        Assert.Equal([new CalendarException(new DateOnly(2025, 9, 1), CalendarDayKind.Holiday), new CalendarException(new DateOnly(2025, 4, 26), CalendarDayKind.Workday)],
            read.Records.Select(r => r.Record));
    }

    [Theory]
    [InlineData("2025-09-01,day_off", "calendar.csv:2:kind: 'day_off' is not one of: holiday, workday")]
    [InlineData("01/09/2025,holiday", "calendar.csv:2:date: '01/09/2025' is not a date: expected YYYY-MM-DD")]
    [InlineData("2025-02-30,holiday", "calendar.csv:2:date: '2025-02-30' is not a valid date: no such day")]
    public void An_invalid_calendar_row_is_located(string row, string error)
    {
        var read = Calendar($"date,kind\n{row}\n");

        Assert.Equal(error, read.Error.ToString());
    }
}
