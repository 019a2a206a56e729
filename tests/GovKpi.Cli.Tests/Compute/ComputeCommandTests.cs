using System.Text;
using static GovKpi.Cli.Tests.CommandLine;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Compute;

/// <summary><c>govkpi compute</c> run in-process on files in a temporary directory (CONTRACTS.md, "Command line: govkpi compute").</summary>
public sealed class ComputeCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-compute-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_root, name);

    private string Write(string name, string text)
    {
        File.WriteAllText(Path(name), text, new UTF8Encoding(false));
        return Path(name);
    }

    private string Dossiers(params Dictionary<string, string>[] rows) => Write("dossiers.csv", Csv(DossierHeader, rows));

    private string[] July(params string[] more) => ["compute", "--dossiers", Path("dossiers.csv"), "--from", "2025-07-01", "--to", "2025-08-01", .. more];

    /// <summary>
    /// Five dossiers of July 2025 (23 working days): A on time, B late with a staff error (and an
    /// earlier open version), C open and late at the end of July, D received in June and withdrawn
    /// in July, E refused on time; surveys of A, B, C, one of an unknown dossier and one after July;
    /// complaints upheld against CB001 and against CB003 of XA03, and one not upheld.
    /// </summary>
    private void WriteHandMadeCase()
    {
        string T(int month, int day, int hour = 9) => $"2025-{month:D2}-{day:D2}T{hour:D2}:00:00+07:00";
        Dossiers(
            Dossier("A", ("received_at", T(7, 1, 8)), ("due_at", T(7, 8, 8)), ("finished_at", T(7, 3, 10)), ("updated_at", T(7, 3, 11))),
            Dossier("B", ("channel", "in_person"), ("received_at", T(7, 2)), ("due_at", T(7, 4)), ("finished_at", ""), ("status", "processing"), ("updated_at", T(7, 2, 10))),
            Dossier("B", ("channel", "in_person"), ("received_at", T(7, 2)), ("due_at", T(7, 4)), ("finished_at", T(7, 10)), ("status", "result_returned"),
                ("staff_error_return", "true"), ("updated_at", T(7, 10, 10))),
            Dossier("C", ("unit_code", "XA02"), ("handler_code", "CB002"), ("channel", "postal"), ("received_at", T(7, 20)), ("due_at", T(7, 25)),
                ("finished_at", ""), ("status", "processing"), ("updated_at", T(7, 20, 10))),
            Dossier("D", ("unit_code", "XA02"), ("handler_code", ""), ("channel", "mobile"), ("received_at", T(6, 20)), ("due_at", T(6, 30)),
                ("finished_at", T(7, 5)), ("status", "withdrawn"), ("updated_at", T(7, 5, 10))),
            Dossier("E", ("handler_code", "CB002"), ("received_at", T(7, 28)), ("due_at", T(8, 5)), ("finished_at", T(7, 30)), ("status", "refused"),
                ("updated_at", T(7, 30, 10))));
        Write("surveys.csv", Csv(["response_id", "dossier_id", "submitted_at", "score"],
            Survey("S1", "A", T(7, 5), "5"), Survey("S2", "B", T(7, 12), "2"), Survey("S3", "C", T(7, 21), "4"),
            Survey("S4", "Z", T(7, 10), "1"), Survey("S5", "A", T(8, 2), "3")));
        Write("complaints.csv", Csv(["complaint_id", "unit_code", "staff_code", "dossier_id", "received_at", "category", "upheld"],
            Complaint("P1", "XA01", "CB001", "A", T(7, 15), "attitude", "true"),
            Complaint("P2", "XA01", "CB001", "", T(7, 15), "process", "false"),
            Complaint("P3", "XA03", "CB003", "", T(7, 16), "guidance", "1")));
    }

    private const string HandMadeJuly = """
        scope,scope_code,kpi,numerator,denominator,value
        all,,complaint_rate,2,3,0.6666666666666666
        all,,completion_rate,2,4,0.500000
        all,,error_return_rate,1,3,0.3333333333333333
        all,,on_time_rate,2,4,0.500000
        all,,online_share,2,4,0.500000
        all,,per_working_day,3,23,0.13043478260869565
        all,,satisfaction_avg,11,3,3.6666666666666665
        staff,CB001,complaint_rate,1,2,0.500000
        staff,CB001,completion_rate,2,2,1.00000
        staff,CB001,error_return_rate,1,2,0.500000
        staff,CB001,on_time_rate,1,2,0.500000
        staff,CB001,online_share,1,2,0.500000
        staff,CB001,per_working_day,2,23,0.08695652173913043
        staff,CB001,satisfaction_avg,7,2,3.50000
        staff,CB002,complaint_rate,0,1,0.00000
        staff,CB002,completion_rate,0,1,0.00000
        staff,CB002,error_return_rate,0,1,0.00000
        staff,CB002,on_time_rate,1,2,0.500000
        staff,CB002,online_share,1,2,0.500000
        staff,CB002,per_working_day,1,23,0.043478260869565216
        staff,CB002,satisfaction_avg,4,1,4.00000
        staff,CB003,complaint_rate,1,0,
        unit,XA01,complaint_rate,1,3,0.3333333333333333
        unit,XA01,completion_rate,2,3,0.6666666666666666
        unit,XA01,error_return_rate,1,3,0.3333333333333333
        unit,XA01,on_time_rate,2,3,0.6666666666666666
        unit,XA01,online_share,2,3,0.6666666666666666
        unit,XA01,per_working_day,3,23,0.13043478260869565
        unit,XA01,satisfaction_avg,7,2,3.50000
        unit,XA02,completion_rate,0,1,0.00000
        unit,XA02,on_time_rate,0,1,0.00000
        unit,XA02,online_share,0,1,0.00000
        unit,XA02,satisfaction_avg,4,1,4.00000
        unit,XA03,complaint_rate,1,0,

        """;

    [Fact]
    public void A_small_hand_made_case_gives_exactly_the_contract_numbers()
    {
        WriteHandMadeCase();

        var result = Run(July("--surveys", Path("surveys.csv"), "--complaints", Path("complaints.csv")));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(HandMadeJuly.ReplaceLineEndings("\n"), result.Output);
        Assert.Equal($"{Path("surveys.csv")}: warning: 1 survey(s) rate dossiers that are not in {Path("dossiers.csv")}; they count for no scope\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void With_out_the_rows_go_to_the_file_and_nothing_to_standard_output()
    {
        WriteHandMadeCase();

        var result = Run(July("--surveys", Path("surveys.csv"), "--complaints", Path("complaints.csv"), "--out", Path("kpis.csv")));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal(HandMadeJuly.ReplaceLineEndings("\n"), File.ReadAllText(Path("kpis.csv")));
        Assert.Equal(["complaints.csv", "dossiers.csv", "kpis.csv", "surveys.csv"], Directory.GetFiles(_root).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_invalid_time_on_one_line_exits_2_naming_the_file_and_line_and_writes_nothing()
    {
        Dossiers(Dossier("A"), Dossier("B"), Dossier("C", ("due_at", "2025-07-08 08:00")), Dossier("D"));

        var result = Run(July("--out", Path("kpis.csv")));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith($"{Path("dossiers.csv")}:4:due_at: '2025-07-08 08:00' is not an ISO 8601 time", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path("kpis.csv")));
        Assert.Single(Directory.GetFiles(_root));
    }

    [Fact]
    public void Invalid_input_leaves_an_existing_out_file_untouched()
    {
        Dossiers(Dossier("A", ("status", "done")));
        Write("kpis.csv", "previous results\n");

        var result = Run(July("--out", Path("kpis.csv")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dossiers.csv:2:status:", result.Error, StringComparison.Ordinal);
        Assert.Equal("previous results\n", File.ReadAllText(Path("kpis.csv")));
        Assert.Equal(2, Directory.GetFiles(_root).Length);
    }

    [Fact]
    public void A_successful_run_replaces_an_existing_out_file()
    {
        Dossiers(Dossier("A"));
        Write("kpis.csv", "previous results\n");

        var result = Run(July("--out", Path("kpis.csv")));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("scope,scope_code,kpi,numerator,denominator,value\nall,,", File.ReadAllText(Path("kpis.csv")), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_root).Length);
    }

    [Fact]
    public void Two_different_versions_with_the_same_updated_at_exit_2_naming_both_lines()
    {
        Dossiers(Dossier("A"), Dossier("B"), Dossier("A", ("staff_error_return", "true")));

        var result = Run(July());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal($"{Path("dossiers.csv")}:4:updated_at: dossier 'A' has two different versions with updated_at 2025-07-03T10:05:00+07:00, at lines 2 and 4\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_same_version_twice_is_counted_once()
    {
        Dossiers(Dossier("A"), Dossier("A", ("updated_at", "2025-07-03T03:05:00Z")));

        var result = Run(July());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("all,,per_working_day,1,23,", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_columns_are_warned_about_and_do_not_change_the_exit_code()
    {
        Write("dossiers.csv", Csv([.. DossierHeader, "note"], Dossier("A", ("note", "checked, twice"))));

        var result = Run(July());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{Path("dossiers.csv")}:1:note: warning: unknown column, ignored\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Contains("all,,on_time_rate,1,1,1.00000", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2025-7-1", "govkpi compute: --from: '2025-7-1' is not a date: expected YYYY-MM-DD")]
    [InlineData("--from", "2025-02-30", "govkpi compute: --from: '2025-02-30' is not a valid date: no such day")]
    [InlineData("--to", "2025-07-01", "govkpi compute: --to: 2025-07-01 must be after --from 2025-07-01 (the period is [from, to))")]
    [InlineData("--to", "2025-06-01", "govkpi compute: --to: 2025-06-01 must be after --from 2025-07-01 (the period is [from, to))")]
    public void Invalid_dates_exit_2_naming_the_option(string option, string value, string message)
    {
        Dossiers(Dossier("A"));
        var args = July("--out", Path("kpis.csv"));
        args[Array.IndexOf(args, option) + 1] = value;

        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.Error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path("kpis.csv")));
    }

    [Theory]
    [InlineData("--dossiers")]
    [InlineData("--surveys")]
    [InlineData("--complaints")]
    [InlineData("--calendar")]
    public void A_missing_input_file_exits_2_naming_the_option_and_the_file(string option)
    {
        Dossiers(Dossier("A"));
        var missing = Path("missing.csv");
        var args = option == "--dossiers"
            ? ["compute", "--dossiers", missing, "--from", "2025-07-01", "--to", "2025-08-01"]
            : July(option, missing);

        var result = Run([.. args, "--out", Path("kpis.csv")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"govkpi compute: {option}: {missing}: file not found\n", result.Error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path("kpis.csv")));
    }

    [Fact]
    public void An_out_file_in_a_missing_directory_exits_2_before_reading()
    {
        Dossiers(Dossier("A"));

        var result = Run(July("--out", Path("no/such/dir/kpis.csv")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaving_out_a_required_option_exits_2()
    {
        var result = Run("compute", "--from", "2025-07-01", "--to", "2025-08-01");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dossiers", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_file_replaces_the_official_calendar_for_per_working_day()
    {
        Dossiers(Dossier("A"));
        Write("calendar.csv", "date,kind\n2025-07-02,holiday\n2025-07-05,workday\n2025-07-12,workday\n2025-09-02,holiday\n");

        var official = Run(July());
        var ownCalendar = Run(July("--calendar", Path("calendar.csv")));
        var september = Run("compute", "--dossiers", Path("dossiers.csv"), "--from", "2025-07-01", "--to", "2025-10-01");

        Assert.Contains("all,,per_working_day,1,23,", official.Output, StringComparison.Ordinal);
        Assert.Contains("all,,per_working_day,1,24,", ownCalendar.Output, StringComparison.Ordinal);
        // Q3 2025 under the official calendar: 66 weekdays less National Day, 1 and 2 September.
        Assert.Contains("all,,per_working_day,1,64,", september.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_listing_a_day_as_holiday_and_workday_is_invalid()
    {
        Dossiers(Dossier("A"));
        Write("calendar.csv", "date,kind\n2025-07-05,workday\n2025-07-02,holiday\n2025-07-05,holiday\n");

        var result = Run(July("--calendar", Path("calendar.csv")));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{Path("calendar.csv")}:4:kind: 2025-07-05 is listed as holiday here and as workday at line 2\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Response_ids_are_unique_but_a_repeated_row_counts_once()
    {
        Dossiers(Dossier("A"));
        string[] header = ["response_id", "dossier_id", "submitted_at", "score"];
        Write("repeated.csv", Csv(header, Survey("S1", "A", "2025-07-05T09:00:00+07:00", "5"), Survey("S1", "A", "2025-07-05T02:00:00Z", "5")));
        Write("clashing.csv", Csv(header, Survey("S1", "A", "2025-07-05T09:00:00+07:00", "5"), Survey("S1", "A", "2025-07-05T09:00:00+07:00", "4")));

        var repeated = Run(July("--surveys", Path("repeated.csv")));
        var clashing = Run(July("--surveys", Path("clashing.csv")));

        Assert.Contains("all,,satisfaction_avg,5,1,5.00000", repeated.Output, StringComparison.Ordinal);
        Assert.Equal(2, clashing.ExitCode);
        Assert.Equal($"{Path("clashing.csv")}:3:response_id: 'S1' appears again with different content (first at line 2)\n", clashing.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Errors_in_several_files_are_each_reported()
    {
        Dossiers(Dossier("A", ("channel", "email")));
        Write("surveys.csv", "response_id,dossier_id,submitted_at\nS1,A,2025-07-05T09:00:00+07:00\n");

        var result = Run(July("--surveys", Path("surveys.csv")));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"{Path("dossiers.csv")}:2:channel: 'email' is not one of: online, in_person, postal, mobile\n" +
            $"{Path("surveys.csv")}:1:score: required column is missing from the header\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_period_without_records_gives_the_header_alone()
    {
        Dossiers(Dossier("A"));

        var result = Run("compute", "--dossiers", Path("dossiers.csv"), "--from", "2026-01-01", "--to", "2026-02-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("scope,scope_code,kpi,numerator,denominator,value\n", result.Output);
    }

    [Fact]
    public void A_large_file_read_in_parts_reports_the_first_problem_by_line_as_one_read_would()
    {
        // Over 8 MB, so that dossiers.csv is read in several parts, on as many threads as there are cores.
        var rows = Enumerable.Range(0, 60_000).Select(i => Dossier($"D{i:D6}")).ToList();
        rows[59_000] = Dossier("D000010", ("staff_error_return", "true"));
        rows[40_000]["received_at"] = "never";
        Dossiers([.. rows]);

        var invalidLate = Run(July());
        rows[40_000] = Dossier("D040000");
        Dossiers([.. rows]);
        var conflictAcrossParts = Run(July());
        rows[59_000] = Dossier("D059000");
        Dossiers([.. rows]);
        var valid = Run(July());

        Assert.True(GovKpi.Data.Files.DossierCsvReader.Split(Path("dossiers.csv"), "dossiers.csv", 8).Count() >= 2);
        Assert.Equal($"{Path("dossiers.csv")}:40002:received_at: 'never' is not an ISO 8601 time: expected {GovKpi.Data.Files.ContractValues.TimeFormat}\n",
            invalidLate.Error.ReplaceLineEndings("\n"));
        Assert.Equal($"{Path("dossiers.csv")}:59002:updated_at: dossier 'D000010' has two different versions with updated_at 2025-07-03T10:05:00+07:00, at lines 12 and 59002\n",
            conflictAcrossParts.Error.ReplaceLineEndings("\n"));
        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("all,,per_working_day,60000,23,", valid.Output, StringComparison.Ordinal);
    }
}
