using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using GovKpi.Core.DemoProvince;
using GovKpi.Core.Forecast;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi forecast --dossiers FILE [--surveys FILE] [--complaints FILE] [--calendar FILE]
/// --as-of DATE --period 2026-Q3 [--out FILE]</c>: the projected end-of-period value of every KPI
/// for each staff member and unit, with its interval, the target and the chance of missing it, as
/// CSV. <c>govkpi forecast --backtest [--seed N] [--staff N] [--dossiers N]</c>: forecasts every
/// month and quarter of a generated demo year at a third and two thirds of its working days and
/// prints how far they were from the end values (docs/ASSISTANT.md). Exit code 2 with a located
/// message for invalid options or input, nothing written.
/// </summary>
internal static partial class ForecastCommand
{
    /// <summary>The demo installation's defaults (README, Demo__Seed, Demo__Staff, Demo__Dossiers): the back-test measures the data people see.</summary>
    private const int DefaultSeed = 2026, DefaultStaff = 300, DefaultDossiers = 20_000;

    public static IReadOnlyList<string> Columns { get; } =
    [
        "scope", "scope_code", "kpi", "so_far", "projected", "low", "high", "target", "miss_probability",
        "likely_to_miss", "shortfall", "confidence", "explanation",
    ];

    public static Command Create()
    {
        var backtest = new Option<bool>("--backtest") { Description = "Back-test on a generated demo year instead of forecasting from files." };
        var dossiers = new Option<string?>("--dossiers") { Description = "dossiers.csv to forecast from; with --backtest, the number of dossiers to generate (default 20000)." };
        var surveys = new Option<string?>("--surveys") { Description = "surveys.csv: citizen satisfaction responses." };
        var complaints = new Option<string?>("--complaints") { Description = "complaints.csv: complaints and feedback (PAKN)." };
        var calendar = new Option<string?>("--calendar") { Description = "calendar.csv: working-day exceptions, used instead of the built-in official calendar." };
        var asOf = new Option<string?>("--as-of") { Description = "Last day whose records are known (YYYY-MM-DD), inside the period." };
        var period = new Option<string?>("--period") { Description = "The period to project: a year (2026), a quarter (2026-Q3) or a month (2026-07)." };
        var output = new Option<string?>("--out") { Description = "File to write (replaced only on success); standard output when absent." };
        var seed = new Option<int>("--seed") { Description = $"With --backtest: seed of the demo generator (default {DefaultSeed}).", DefaultValueFactory = _ => DefaultSeed };
        var staff = new Option<int>("--staff") { Description = $"With --backtest: staff of the demo province (default {DefaultStaff}).", DefaultValueFactory = _ => DefaultStaff };
        var against = new Option<string?>("--against")
        {
            Description = "With --backtest: judge misses against each KPI's target (default) or its warning threshold ('warning'), where people split more evenly.",
        };
        var history = new Option<int>("--history-days")
        {
            Description = "Calendar days of records before the period that inform each person's and unit's own rates (default 90).",
            DefaultValueFactory = _ => new ForecastOptions().HistoryDays,
        };

        var command = new Command("forecast", "Project end-of-period KPI values per staff member and unit, with intervals and warnings; or back-test the projection on demo data.")
        {
            backtest, dossiers, surveys, complaints, calendar, asOf, period, output, seed, staff, against, history,
        };
        command.SetAction(parsed =>
        {
            var (o, e) = (parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
            var historyDays = parsed.GetValue(history);
            if (historyDays < 0)
            {
                e.WriteLine($"govkpi forecast: --history-days must be 0 or more, not {historyDays}.");
                return ExitCode.InvalidInput;
            }

            var options = new ForecastOptions { HistoryDays = historyDays };
            if (parsed.GetValue(backtest))
            {
                return Backtest(parsed.GetValue(dossiers), parsed.GetValue(seed), parsed.GetValue(staff), parsed.GetValue(against) ?? Target, options,
                    [(surveys.Name, parsed.GetValue(surveys)), (complaints.Name, parsed.GetValue(complaints)), (calendar.Name, parsed.GetValue(calendar)),
                     (asOf.Name, parsed.GetValue(asOf)), (period.Name, parsed.GetValue(period)), (output.Name, parsed.GetValue(output))], o, e);
            }

            if (new Option[] { seed, staff, against }.FirstOrDefault(option => parsed.GetResult(option) is { Implicit: false }) is { } backtestOnly)
            {
                e.WriteLine($"govkpi forecast: {backtestOnly.Name} goes only with --backtest.");
                return ExitCode.InvalidInput;
            }

            return Forecast(new Request(parsed.GetValue(dossiers), parsed.GetValue(surveys), parsed.GetValue(complaints), parsed.GetValue(calendar),
                parsed.GetValue(asOf), parsed.GetValue(period), parsed.GetValue(output)), options, o, e);
        });
        return command;
    }

    private const string Target = "target", Warning = "warning";

    private sealed record Request(string? Dossiers, string? Surveys, string? Complaints, string? Calendar, string? AsOf, string? Period, string? Out);

    private static int Forecast(Request request, ForecastOptions options, TextWriter output, TextWriter error)
    {
        var problems = new List<string>();
        if (request.Dossiers is null)
        {
            problems.Add("govkpi forecast: --dossiers is required (or --backtest).");
        }

        DateOnly asOf = default;
        if (request.AsOf is null)
        {
            problems.Add("govkpi forecast: --as-of is required.");
        }
        else if (!ContractValues.TryParseDate(request.AsOf, out asOf, out var reason))
        {
            problems.Add($"govkpi forecast: --as-of: {reason}");
        }

        ReportingPeriod? period = null;
        if (request.Period is null)
        {
            problems.Add("govkpi forecast: --period is required.");
        }
        else if (ParsePeriod(request.Period) is { } parsedPeriod)
        {
            period = parsedPeriod;
        }
        else
        {
            problems.Add($"govkpi forecast: --period: '{request.Period}' is not a year (2026), a quarter (2026-Q3) or a month (2026-07)");
        }

        foreach (var (option, path) in new[] { ("--dossiers", request.Dossiers), ("--surveys", request.Surveys), ("--complaints", request.Complaints), ("--calendar", request.Calendar) })
        {
            if (MeasurementInput.Problem("forecast", option, path) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (OutputFile.Problem(request.Out) is { } outProblem)
        {
            problems.Add($"govkpi forecast: --out: {outProblem}");
        }

        if (problems.Count == 0 && (asOf < period!.Value.From || asOf >= period.Value.To))
        {
            problems.Add($"govkpi forecast: --as-of: {request.AsOf} is not inside the period {request.Period} ({Day(period.Value.From)} to {Day(period.Value.To.AddDays(-1))})");
        }

        if (problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            return ExitCode.InvalidInput;
        }

        try
        {
            var input = MeasurementInput.Read(request.Dossiers!, request.Surveys, request.Complaints, request.Calendar);
            input.Warnings.ForEach(error.WriteLine);
            if (input.Errors.Count > 0)
            {
                input.Errors.ForEach(error.WriteLine);
                return ExitCode.InvalidInput;
            }

            var p = period!.Value;
            if (input.Calendar.WorkingDays(p.From, asOf.AddDays(1)) == 0)
            {
                error.WriteLine($"govkpi forecast: --as-of: no working day of {request.Period} has passed by {request.AsOf}; there is nothing to project from yet");
                return ExitCode.InvalidInput;
            }

            var records = new ForecastRecords([.. input.Latest.Versions], input.Surveys, input.Complaints);
            var forecasts = new KpiForecaster(input.Calendar, BuiltInKpis.Definitions, options).Forecast(p, asOf, records);
            OutputFile.Write(request.Out, output, stream => Write(stream, forecasts, BuiltInKpis.Definitions, options));
            return ExitCode.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"govkpi forecast: {e.Message}");
            return ExitCode.Failure;
        }
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-(Q(?<quarter>[1-4])|(?<month>0[1-9]|1[0-2])))?$")]
    private static partial Regex PeriodPattern();

    /// <summary>A year (2026), quarter (2026-Q3) or month (2026-07); null when the text is none of them.</summary>
    internal static ReportingPeriod? ParsePeriod(string text)
    {
        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 1)
        {
            return null;
        }

        return match.Groups["quarter"].Success ? ReportingPeriod.Quarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture))
            : match.Groups["month"].Success ? ReportingPeriod.Month(year, int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture))
            : ReportingPeriod.Year(year);
    }

    private static void Write(Stream stream, IReadOnlyList<KpiForecast> forecasts, IReadOnlyList<KpiDefinition> definitions, ForecastOptions options)
    {
        using var csv = new CsvRowWriter(stream, Columns);
        foreach (var f in forecasts)
        {
            var percent = ForecastTargets.IsPercent(definitions.FirstOrDefault(d => d.FormulaRef == f.Kpi));
            csv.Field(f.Scope);
            csv.Field(f.ScopeCode);
            csv.Field(f.Kpi);
            csv.Number(KpiCsvWriter.FormatValue(f.SoFar.Value!.Value));
            csv.Number(KpiCsvWriter.FormatValue(f.Projected));
            csv.Number(KpiCsvWriter.FormatValue(f.Low));
            csv.Number(KpiCsvWriter.FormatValue(f.High));
            csv.Number(f.Target is { } target ? KpiCsvWriter.FormatValue(target) : null);
            csv.Number(f.MissProbability is { } miss ? KpiCsvWriter.FormatValue(miss) : null);
            csv.Field(f.MissProbability is null ? null : f.LikelyToMiss ? "true" : "false");
            csv.Number(f.Shortfall is { } shortfall ? KpiCsvWriter.FormatValue(shortfall) : null);
            csv.Field(f.Confidence?.ToString().ToLowerInvariant());
            csv.Field(ForecastExplanation.Text(f, percent, options));
            csv.EndRow();
        }
    }

    private static int Backtest(string? dossierText, int seed, int staff, string against, ForecastOptions options,
        IEnumerable<(string Option, string? Value)> notForBacktest, TextWriter output, TextWriter error)
    {
        var problems = notForBacktest.Where(o => o.Value is not null)
            .Select(o => $"govkpi forecast: {o.Option} does not go with --backtest (it generates its own data and prints a table).").ToList();
        var dossiers = DefaultDossiers;
        if (dossierText is not null && (!int.TryParse(dossierText, NumberStyles.None, CultureInfo.InvariantCulture, out dossiers) || dossiers < 1 || dossiers > SeedCommand.MaximumDossiers))
        {
            problems.Add($"govkpi forecast: --dossiers: with --backtest, a number of dossiers between 1 and {SeedCommand.MaximumDossiers}, not '{dossierText}'.");
        }

        if (against is not (Target or Warning))
        {
            problems.Add($"govkpi forecast: --against: '{against}' is neither '{Target}' nor '{Warning}'.");
        }

        if (staff < DemoProvinceGenerator.MinimumStaff || staff > DemoProvinceGenerator.MaximumStaff)
        {
            problems.Add($"govkpi forecast: --staff must be between {DemoProvinceGenerator.MinimumStaff} and {DemoProvinceGenerator.MaximumStaff}, not {staff}.");
        }

        if (problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            return ExitCode.InvalidInput;
        }

        var province = DemoProvinceGenerator.Generate(seed, staff);
        List<DemoDossier> generated;
        try
        {
            generated = [.. DemoProvinceGenerator.Dossiers(province, dossiers)];
        }
        catch (ArgumentOutOfRangeException e)
        {
            error.WriteLine($"govkpi forecast: --dossiers {dossiers}: {e.Message.Split(Environment.NewLine)[0]}");
            return ExitCode.InvalidInput;
        }

        var records = new ForecastRecords(
            [.. generated.Select(d => d.Current)],
            [.. generated.Select(d => d.Survey).OfType<SurveyResponse>()],
            [.. generated.Select(d => d.Complaint).OfType<Complaint>()]);
        var year = generated.Min(d => d.Current.ReceivedAt).Year;
        List<BacktestPeriod> periods =
        [
            .. Enumerable.Range(1, 12).Select(m => new BacktestPeriod("month", ReportingPeriod.Month(year, m))),
            .. Enumerable.Range(1, 4).Select(q => new BacktestPeriod("quarter", ReportingPeriod.Quarter(year, q))),
        ];
        // Judged against the warning threshold, a forecast is asked who will fall into amber or red.
        var definitions = against == Warning
            ? [.. province.KpiDefinitions.Select(d => d.WarningThreshold is { } warning ? d with { Target = warning } : d)]
            : province.KpiDefinitions;
        var rows = ForecastBacktest.Run(records, province.Calendar, definitions, periods, ForecastBacktest.DefaultAsOfShares, options);
        WriteTable(output, rows, definitions, seed, staff, dossiers, year, against, options);
        return ExitCode.Success;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<BacktestRow> rows, IReadOnlyList<KpiDefinition> definitions,
        int seed, int staff, int dossiers, int year, string against, ForecastOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"GovKpi forecast back-test: demo province seed {seed}, {staff} staff, {dossiers:N0} dossiers received in {year}; every month and quarter forecast at 1/3 and 2/3 of its working days"));
        output.WriteLine(string.Create(c,
            $"history {options.HistoryDays} days, {options.IntervalLevel * 100:0}% intervals, warning when P(miss) >= {options.WarnAtMissProbability:0.##}, a miss judged against each KPI's {(against == Warning ? "warning threshold" : "target")}; errors in percentage points (pp), dossiers per day or score points"));
        output.WriteLine();
        output.WriteLine("scope  kpi                period   as-of  forecasts  unit      MAE     RMSE  naive MAE  coverage  misses  warned  precision  recall");
        foreach (var r in rows)
        {
            var unit = ForecastTargets.IsPercent(definitions.FirstOrDefault(d => d.FormulaRef == r.Kpi)) ? "pp" : r.Kpi == KpiFormula.PerWorkingDay ? "/day" : "points";
            output.WriteLine(string.Create(c,
                $"{r.Scope,-6} {r.Kpi,-18} {r.PeriodKind,-8} {Thirds(r.AsOfShare),5}  {r.Forecasts,9}  {unit,-6} {r.Mae,6:0.00}  {r.Rmse,7:0.00}  {r.NaiveMae,9:0.00}  {r.Coverage,8:0.00}  {r.Misses,6}  {r.Warnings,6}  {Share(r.Precision),9}  {Share(r.Recall),6}"));
        }
    }

    /// <summary>An as-of share as the fraction people read (1/3, 2/3), in thirds as the back-test takes them.</summary>
    private static string Thirds(double share) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(share * 3)}/3");

    private static string Share(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
