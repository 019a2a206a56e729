using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Files;

/// <summary>The CSV rules every contract file shares (CONTRACTS.md), read through dossiers.csv, and the dossier row rules.</summary>
public class DossierCsvReaderTests
{
    private const string File = "dossiers.csv";
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    private static Read<DossierVersion> Read(string text, bool byteOrderMark = false) => ReadAll<DossierVersion>(DossierCsvReader.Read, text, File, byteOrderMark);

    private static Read<DossierVersion> ReadRows(params Dictionary<string, string>[] rows) => Read(Csv(DossierHeader, rows));

    [Fact]
    public void A_valid_row_becomes_a_dossier_version_located_at_line_2()
    {
        var read = ReadRows(Dossier("KH.TTPV-250701-0001", ("supplement_count", "2"), ("staff_error_return", "true")));

        var (dossier, line) = Assert.Single(read.Records);
        Assert.Equal(2, line);
        Assert.Equal(new DossierVersion("KH.TTPV-250701-0001", "1.001193", "XA01", "CB001", DossierChannel.Online,
            new DateTimeOffset(2025, 7, 1, 8, 0, 0, Vn), new DateTimeOffset(2025, 7, 8, 8, 0, 0, Vn), new DateTimeOffset(2025, 7, 3, 10, 0, 0, Vn),
            DossierStatus.Processed, 2, true, new DateTimeOffset(2025, 7, 3, 10, 5, 0, Vn)), dossier);
        Assert.Empty(read.Errors);
        Assert.Empty(read.Warnings);
    }

    [Fact]
    public void Columns_may_come_in_any_order()
    {
        var shuffled = DossierHeader.Reverse().ToArray();

        var read = Read(Csv(shuffled, Dossier("A"), Dossier("B", ("channel", "postal"))));

        Assert.Equal(["A", "B"], read.Records.Select(r => r.Record.DossierId));
        Assert.Equal(DossierChannel.Postal, read.Records[1].Record.Channel);
        Assert.Empty(read.Errors);
    }

    [Fact]
    public void Unknown_columns_are_ignored_with_one_warning_per_file()
    {
        var header = DossierHeader.Append("note").ToArray();

        var read = Read(Csv(header, Dossier("A", ("note", "x")), Dossier("B", ("note", "y")), Dossier("C")));

        Assert.Equal(3, read.Records.Count);
        var warning = Assert.Single(read.Warnings);
        Assert.Equal("dossiers.csv:1:note: warning: unknown column, ignored", warning.ToString());
    }

    [Fact]
    public void A_missing_required_column_is_an_error_at_line_1_and_no_row_is_read()
    {
        var header = DossierHeader.Where(c => c != "due_at").ToArray();

        var read = Read(Csv(header, Dossier("A")));

        Assert.Empty(read.Records);
        Assert.Equal("dossiers.csv:1:due_at: required column is missing from the header", read.Error.ToString());
        Assert.Empty(read.Error.RawRow);
    }

    [Fact]
    public void An_empty_file_lacks_every_required_column()
    {
        var read = Read("");

        Assert.Equal(1, read.Error.Line);
        Assert.Equal(["dossier_id", "procedure_code", "unit_code", "channel", "received_at", "due_at", "status", "updated_at"],
            read.Error.Problems.Select(p => p.Column));
    }

    [Fact]
    public void A_column_named_twice_is_an_error()
    {
        var read = Read(Csv(DossierHeader.Append("unit_code").ToArray(), Dossier("A")));

        Assert.Equal("dossiers.csv:1:unit_code: the column appears twice (fields 3 and 13)", read.Error.ToString());
    }

    [Fact]
    public void Optional_columns_may_be_left_out_and_empty_optional_fields_take_their_defaults()
    {
        var header = DossierHeader.Except(["handler_code", "supplement_count", "staff_error_return"]).ToArray();
        var withoutColumns = Read(Csv(header, Dossier("A")));
        var withEmptyFields = ReadRows(Dossier("A", ("handler_code", ""), ("supplement_count", ""), ("staff_error_return", "")));

        foreach (var read in new[] { withoutColumns, withEmptyFields })
        {
            var dossier = Assert.Single(read.Records).Record;
            Assert.Null(dossier.HandlerCode);
            Assert.Equal(0, dossier.SupplementCount);
            Assert.False(dossier.StaffErrorReturn);
        }
    }

    [Fact]
    public void A_byte_order_mark_is_tolerated()
    {
        var read = Read(Csv(DossierHeader, Dossier("A")), byteOrderMark: true);

        Assert.Equal("A", Assert.Single(read.Records).Record.DossierId);
        Assert.Empty(read.Warnings);
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_the_lines_after_them_are_counted()
    {
        var text = Csv([.. DossierHeader, "note"],
            Dossier("A,1", ("procedure_code", "say \"hi\"")),
            Dossier("B", ("note", "first line\nsecond line\r\nthird line")),
            Dossier("C", ("received_at", "bad")));

        var read = Read(text);

        Assert.Equal(["A,1", "B"], read.Records.Select(r => r.Record.DossierId));
        Assert.Equal("say \"hi\"", read.Records[0].Record.ProcedureCode);
        Assert.Equal([2L, 3L], read.Records.Select(r => r.Line));
        Assert.Equal(6, read.Error.Line);
    }

    [Fact]
    public void Fields_quoted_without_need_read_as_their_text()
    {
        var read = Read(string.Join(',', DossierHeader) + "\n" + string.Join(',', DossierHeader.Select(c => $"\"{Dossier("A")[c]}\"")) + "\n");

        Assert.Equal(Assert.Single(ReadRows(Dossier("A")).Records).Record, Assert.Single(read.Records).Record);
    }

    [Fact]
    public void CRLF_line_ends_and_blank_lines_are_read_and_counted()
    {
        var text = Csv(DossierHeader, [Dossier("A"), Dossier("B", ("status", "wrong"))], "\r\n");
        text = text.Insert(text.IndexOf("B,", StringComparison.Ordinal), "\r\n\r\n");

        var read = Read(text);

        Assert.Equal(2, Assert.Single(read.Records).Line);
        Assert.Equal("dossiers.csv:5:status: 'wrong' is not one of: received, processing, supplement_requested, refused, stopped, processed, result_returned, withdrawn",
            read.Error.ToString());
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_in_the_order_of_the_columns_with_the_raw_fields()
    {
        var header = DossierHeader.Reverse().ToArray();

        var read = Read(Csv(header, Dossier("A", ("channel", "fax"), ("received_at", "2025-07-01 08:00"), ("dossier_id", ""))));

        var error = read.Error;
        Assert.Equal(2, error.Line);
        Assert.Equal(["received_at", "channel", "dossier_id"], error.Problems.Select(p => p.Column));
        Assert.Equal("received_at", error.Column);
        Assert.Equal("fax", error.RawRow["channel"]);
        Assert.Equal("2025-07-01 08:00", error.RawRow["received_at"]);
        Assert.Equal("", error.RawRow["dossier_id"]);
        Assert.Equal(12, error.RawRow.Count);
    }

    [Fact]
    public void In_importer_mode_every_invalid_row_is_reported_as_it_comes_and_valid_rows_stream_on()
    {
        var text = Csv(DossierHeader, Dossier("A"), Dossier("B", ("due_at", "x")), Dossier("C"), Dossier("D", ("status", "x")), Dossier("E"));
        var events = new List<string>();
        var diagnostics = new CsvDiagnostics(stopAtFirstError: false, e => events.Add($"error {e.Line}"));

        foreach (var (dossier, line) in DossierCsvReader.Read(Utf8(text), File, diagnostics))
        {
            events.Add($"{dossier.DossierId} {line}");
        }

        Assert.Equal(["A 2", "error 3", "C 4", "error 5", "E 6"], events);
        Assert.Equal(2, diagnostics.ErrorCount);
        Assert.Equal(3, diagnostics.FirstError!.Line);
    }

    [Fact]
    public void Stopping_at_the_first_error_reads_no_further()
    {
        var text = Csv(DossierHeader, Dossier("A"), Dossier("B", ("due_at", "x")), Dossier("C"));
        var diagnostics = new CsvDiagnostics(stopAtFirstError: true);

        var ids = DossierCsvReader.Read(Utf8(text), File, diagnostics).Select(r => r.Record.DossierId).ToList();

        Assert.Equal(["A"], ids);
        Assert.True(diagnostics.Stopped);
        Assert.Equal("dossiers.csv:3:due_at: 'x' is not an ISO 8601 time: expected " + ContractValues.TimeFormat, diagnostics.FirstError!.ToString());
    }

    [Fact]
    public void A_row_with_too_few_or_too_many_fields_is_an_error()
    {
        var text = Csv(DossierHeader, Dossier("A")) + "B,1.001193,XA01\n" + Csv(DossierHeader, Dossier("C")).Split('\n')[1] + ",extra\n";

        var read = Read(text);

        Assert.Equal(["dossiers.csv:3:handler_code: missing: the row has 3 fields, the header 12", "dossiers.csv:4:(field 13): the row has 13 fields, the header 12"],
            read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_an_error()
    {
        var text = Csv(DossierHeader, Dossier("A"), Dossier("B")).Replace("B,1.001193", "B,1.00\"1193", StringComparison.Ordinal);

        var read = Read(text);

        Assert.Equal("A", Assert.Single(read.Records).Record.DossierId);
        Assert.Equal(3, read.Error.Line);
        Assert.Equal("procedure_code", read.Error.Column);
        Assert.Contains("quote", read.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_left_open_makes_the_rest_of_the_file_unreadable_from_its_row()
    {
        var text = Csv(DossierHeader, Dossier("A")) + "\"B,1.001193\n" + Csv(DossierHeader, Dossier("C")).Split('\n')[1] + "\n";

        var read = Read(text);

        Assert.Equal("A", Assert.Single(read.Records).Record.DossierId);
        Assert.Equal(3, read.Error.Line);
        Assert.StartsWith("malformed CSV", read.Error.Reason, StringComparison.Ordinal);
        Assert.Empty(read.Error.RawRow);
    }

    [Fact]
    public void Invalid_UTF8_is_located_in_its_field()
    {
        var bytes = Utf8(Csv(DossierHeader, Dossier("A"), Dossier("B", ("unit_code", "X?01")))).ToArray();
        bytes[Array.LastIndexOf(bytes, (byte)'?')] = 0xC3;

        var errors = new List<RowError>();
        var records = DossierCsvReader.Read(new MemoryStream(bytes), File, new CsvDiagnostics(false, errors.Add)).ToList();

        Assert.Single(records);
        var error = Assert.Single(errors);
        Assert.Equal("dossiers.csv:3:unit_code: not valid UTF-8 (decoded as U+FFFD)", error.ToString());
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("stopped")]
    [InlineData("processed")]
    [InlineData("result_returned")]
    [InlineData("withdrawn")]
    public void A_finished_status_requires_finished_at(string status)
    {
        var read = ReadRows(Dossier("A", ("status", status), ("finished_at", "")));

        Assert.Equal($"dossiers.csv:2:finished_at: required, but empty: status {status} ends processing", read.Error.ToString());
    }

    [Theory]
    [InlineData("received")]
    [InlineData("processing")]
    [InlineData("supplement_requested")]
    public void An_open_status_forbids_finished_at(string status)
    {
        var open = ReadRows(Dossier("A", ("status", status), ("finished_at", "")));
        var finished = ReadRows(Dossier("A", ("status", status)));

        Assert.Equal(status, Assert.Single(open.Records).Record.Status.Code());
        Assert.Equal($"dossiers.csv:2:finished_at: must be empty while the dossier is open (status {status})", finished.Error.ToString());
    }

    [Fact]
    public void Finished_at_may_not_be_before_received_at_but_may_equal_it()
    {
        var before = ReadRows(Dossier("A", ("finished_at", "2025-07-01T07:59:59+07:00")));
        var same = ReadRows(Dossier("A", ("finished_at", "2025-07-01T01:00:00Z")));

        Assert.Equal("dossiers.csv:2:finished_at: 2025-07-01T07:59:59+07:00 is before received_at 2025-07-01T08:00:00+07:00", before.Error.ToString());
        Assert.Single(same.Records);
    }

    [Theory]
    [InlineData("dossier_id", "", "required, but empty")]
    [InlineData("unit_code", "  ", "required, but empty")]
    [InlineData("channel", "Online", "'Online' is not one of: online, in_person, postal, mobile")]
    [InlineData("supplement_count", "-1", "-1 is out of range: must be at least 0")]
    [InlineData("supplement_count", "1.5", "'1.5' is not a whole number")]
    [InlineData("staff_error_return", "yes", "'yes' is not a boolean: expected true, false, 1 or 0")]
    [InlineData("updated_at", "2025-02-29T10:00:00+07:00", "'2025-02-29T10:00:00+07:00' is not a valid time: no such date or time of day")]
    public void An_invalid_field_is_located_with_its_reason(string column, string value, string reason)
    {
        var read = ReadRows(Dossier("A", (column, value)));

        Assert.Empty(read.Records);
        Assert.Equal($"dossiers.csv:2:{column}: {reason}", read.Error.ToString());
    }

    [Fact]
    public void Times_with_an_offset_Z_no_offset_or_a_fraction_are_the_same_instants()
    {
        var read = ReadRows(
            Dossier("A"),
            Dossier("B", ("received_at", "2025-07-01T01:00:00Z"), ("due_at", "2025-07-08T08:00:00"), ("finished_at", "2025-07-03T10:00:00.000+07:00"),
                ("updated_at", "2025-07-02T22:35:00-04:30")));

        Assert.Empty(read.Errors);
        Assert.Equal(read.Records[0].Record with { DossierId = "B" }, read.Records[1].Record);
        Assert.Equal(TimeSpan.Zero, read.Records[1].Record.ReceivedAt.Offset);
        Assert.Equal(Vn, read.Records[1].Record.DueAt.Offset);
    }

    [Fact]
    public void Booleans_are_true_false_1_or_0()
    {
        var read = ReadRows(Dossier("A", ("staff_error_return", "1")), Dossier("B", ("staff_error_return", "0")), Dossier("C", ("staff_error_return", "true")));

        Assert.Equal([true, false, true], read.Records.Select(r => r.Record.StaffErrorReturn));
    }

    [Fact]
    public void Codes_repeated_across_rows_are_one_string()
    {
        var read = ReadRows(Dossier("A"), Dossier("B"));

        Assert.Same(read.Records[0].Record.UnitCode, read.Records[1].Record.UnitCode);
        Assert.Same(read.Records[0].Record.HandlerCode, read.Records[1].Record.HandlerCode);
    }

    [Fact]
    public void The_reader_columns_are_the_writer_columns()
    {
        Assert.Equal(DossierCsvWriter.Columns, DossierCsvReader.Columns.Select(c => c.Name));
        Assert.Equal(SurveyCsvWriter.Columns, SurveyCsvReader.Columns.Select(c => c.Name));
        Assert.Equal(ComplaintCsvWriter.Columns, ComplaintCsvReader.Columns.Select(c => c.Name));
        Assert.Equal(CalendarCsvWriter.Columns, CalendarCsvReader.Columns.Select(c => c.Name));
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        var province = GovKpi.Core.DemoProvince.DemoProvinceGenerator.Generate(3, 60);
        var versions = GovKpi.Core.DemoProvince.DemoProvinceGenerator.DossierVersions(province, 500).ToList();
        var stream = new MemoryStream();
        using (var writer = new DossierCsvWriter(stream))
        {
            versions.ForEach(writer.Write);
        }

        var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
        var read = DossierCsvReader.Read(new MemoryStream(stream.ToArray()), File, diagnostics).Select(r => r.Record).ToList();

        Assert.Null(diagnostics.FirstError);
        Assert.Equal(versions, read);
    }
}
