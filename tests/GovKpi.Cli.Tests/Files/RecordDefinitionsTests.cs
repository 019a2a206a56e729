using System.Globalization;
using System.Text;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Files;

/// <summary>
/// The record definitions: one parse for a CSV row (<see cref="DossierCsvReader"/>) and a row of
/// fields by name (<see cref="ContractRow"/>: .xlsx, JSON, quarantine), with the same values and
/// the same reasons.
/// </summary>
public sealed class RecordDefinitionsTests
{
    private static (DossierVersion? Record, RowError? Error) FromCsv(Dictionary<string, string> row, RecordPlausibility? plausibility = null)
    {
        var errors = new List<RowError>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv(DossierHeader, row)));
        var records = DossierCsvReader.Read(stream, "dossiers.csv", new CsvDiagnostics(false, errors.Add), plausibility).ToList();
        return (records.SingleOrDefault().Record, errors.SingleOrDefault());
    }

    private static (DossierVersion? Record, RowError? Error) FromFields(Dictionary<string, string> row, RecordPlausibility? plausibility = null)
    {
        var record = ContractRow.Parse(RecordKind.Dossier, "dossiers.csv", 2, row.ToDictionary(p => p.Key, p => (string?)p.Value), plausibility, out var error);
        return ((DossierVersion?)record, error);
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "status", "wrong", "status: 'wrong' is not one of: received, processing, supplement_requested, refused, stopped, processed, result_returned, withdrawn" },
        { "finished_at", "", "finished_at: required, but empty: status processed ends processing" },
        { "finished_at", "2025-07-01T07:00:00+07:00", "finished_at: 2025-07-01T07:00:00+07:00 is before received_at 2025-07-01T08:00:00+07:00" },
        { "due_at", "2025-06-30T17:00:00+07:00", "due_at: 2025-06-30T17:00:00+07:00 is before received_at 2025-07-01T08:00:00+07:00" },
        { "due_at", "2025-07-08 08:00", $"due_at: '2025-07-08 08:00' is not an ISO 8601 time: expected {ContractValues.TimeFormat}" },
        { "unit_code", new string('U', 41), "unit_code: 41 characters long: at most 40" },
        { "dossier_id", new string('D', 61), "dossier_id: 61 characters long: at most 60" },
        { "unit_code", "XA\u200B01", "unit_code: contains an invisible formatting character (U+200B) at position 3" },
        { "unit_code", "XA\uFEFF01", "unit_code: contains an invisible formatting character (U+FEFF) at position 3" },
        { "handler_code", "CB\u0000001", "handler_code: contains a control character (U+0000) at position 3" },
        { "handler_code", "CB\u0085001", "handler_code: contains a control character (U+0085) at position 3" },
        { "received_at", "0001-07-01T08:00:00+07:00", "received_at: '0001-07-01T08:00:00+07:00' is not plausible: the year must be 2000 to 2100" },
        { "updated_at", "9999-07-01T08:00:00+07:00", "updated_at: '9999-07-01T08:00:00+07:00' is not plausible: the year must be 2000 to 2100" },
        { "supplement_count", "-1", "supplement_count: -1 is out of range: must be at least 0" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void An_invalid_row_is_refused_in_the_same_words_as_csv_and_as_fields(string column, string value, string expected)
    {
        var row = Dossier("D1", (column, value));

        var csv = FromCsv(row);
        var fields = FromFields(row);

        Assert.Null(csv.Record);
        Assert.Null(fields.Record);
        Assert.Equal($"dossiers.csv:2:{expected}", csv.Error!.ToString());
        Assert.Equal($"dossiers.csv:2:{expected}", fields.Error!.ToString());
    }

    [Fact]
    public void A_lone_surrogate_which_only_json_can_carry_is_refused_in_an_id()
    {
        var (record, error) = FromFields(Dossier("D\uD800"));

        Assert.Null(record);
        Assert.Equal("dossiers.csv:2:dossier_id: contains half of a UTF-16 surrogate pair (U+D800) at position 2", error!.ToString());
    }

    [Fact]
    public void Ids_and_codes_are_trimmed_and_brought_to_nfc_on_every_path()
    {
        var row = Dossier(" D-2\t", ("unit_code", " XA01 "), ("handler_code", "Ca\u0301n-01"), ("status", " processed "));

        var csv = FromCsv(row);
        var fields = FromFields(row);

        Assert.Null(csv.Error);
        Assert.Equal(csv.Record, fields.Record);
        Assert.Equal("D-2", csv.Record!.DossierId);
        Assert.Equal("XA01", csv.Record.UnitCode);
        Assert.Equal("C\u00E1n-01", csv.Record.HandlerCode);
    }

    [Fact]
    public void A_code_of_its_columns_length_after_nfc_is_kept()
    {
        // 40 characters once "a" + combining acute become "á".
        var code = new string('X', 39) + "a\u0301";

        var (record, error) = FromCsv(Dossier("D1", ("unit_code", code)));

        Assert.Null(error);
        Assert.Equal(40, record!.UnitCode.Length);
    }

    [Fact]
    public void The_years_window_and_the_receipt_rule_are_settings()
    {
        var row = Dossier("D1", ("received_at", "1995-07-01T08:00:00+07:00"), ("due_at", "1995-06-01T08:00:00+07:00"));
        var lenient = new RecordPlausibility { FirstYear = 1990, NothingBeforeReceipt = false };

        Assert.Equal("received_at", FromCsv(row).Error!.Column);
        Assert.NotNull(FromCsv(row, lenient).Record);
        Assert.NotNull(FromFields(row, lenient).Record);
        Assert.NotNull(new RecordPlausibility { FirstYear = 2100, LastYear = 2000 }.Problem());
    }

    [Fact]
    public void Every_reader_and_writer_names_the_columns_of_one_definition()
    {
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            var definition = RecordDefinitions.For(kind);
            Assert.Equal(definition.ColumnNames, ContractRow.Columns(kind));
            Assert.Equal(definition.FileName, ContractRow.FileName(kind));
            Assert.Equal(definition.Columns.Where(c => c.Required).Select(c => c.Name), ContractRow.RequiredColumns(kind));
        }

        Assert.Equal(DossierHeader, DossierCsvWriter.Columns);
        Assert.Equal(DossierCsvWriter.Columns, DossierCsvReader.Columns.Select(c => c.Name));
        Assert.Equal(SurveyCsvWriter.Columns, SurveyCsvReader.Columns.Select(c => c.Name));
        Assert.Equal(ComplaintCsvWriter.Columns, ComplaintCsvReader.Columns.Select(c => c.Name));
        Assert.Equal(CalendarCsvWriter.Columns, CalendarCsvReader.Columns.Select(c => c.Name));
        Assert.Equal(RecordDefinitions.IdLength, RecordDefinitions.Surveys.Column("dossier_id").MaxLength);
        Assert.Equal(RecordDefinitions.CodeLength, RecordDefinitions.Complaints.Column("staff_code").MaxLength);
    }

    [Fact]
    public void The_reasons_read_in_vietnamese_for_the_web_app()
    {
        var english = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            var row = Dossier("D1", ("finished_at", ""), ("unit_code", new string('U', 41)));

            Assert.Equal(
                ["unit_code: dài 41 ký tự: tối đa 40 ký tự", "finished_at: bắt buộc nhưng đang để trống: trạng thái processed là đã kết thúc xử lý"],
                FromCsv(row).Error!.Problems.Select(p => $"{p.Column}: {p.Reason}"));
            Assert.Equal(FromCsv(row).Error!.Problems, FromFields(row).Error!.Problems);
        }
        finally
        {
            CultureInfo.CurrentUICulture = english;
        }
    }
}
