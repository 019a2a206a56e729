using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GovKpi.Core.Anomalies;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi anomalies --dossiers FILE [--calendar FILE] [--json]</c>: signs of gaming the numbers
/// in dossiers.csv (<see cref="AnomalyDetector"/>; docs/ASSISTANT.md), each with its numbers and
/// the dossiers behind it, as lines of text or one JSON object. Exit code 0 whether or not
/// anything was found; 2 with a located message for invalid options or input.
/// </summary>
internal static class AnomaliesCommand
{
    public static Command Create()
    {
        var dossiers = new Option<string>("--dossiers") { Description = "dossiers.csv: one row per dossier version (earlier versions show supplement requests).", Required = true };
        var calendar = new Option<string?>("--calendar") { Description = "calendar.csv: working-day exceptions, used instead of the built-in official calendar." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of lines of text." };
        var command = new Command("anomalies", "Find signs of gaming the numbers: refusals bunched before deadlines, completion bursts, on-time rates bought with refusals.")
        {
            dossiers, calendar, json,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(dossiers), parsed.GetValue(calendar), parsed.GetValue(json),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string dossiers, string? calendar, bool json, TextWriter output, TextWriter error)
    {
        var problems = new[] { ("--dossiers", (string?)dossiers), ("--calendar", calendar) }
            .Select(o => MeasurementInput.Problem("anomalies", o.Item1, o.Item2)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            return ExitCode.InvalidInput;
        }

        try
        {
            var input = MeasurementInput.Read(dossiers, surveys: null, complaints: null, calendar);
            input.Warnings.ForEach(error.WriteLine);
            if (input.Errors.Count > 0)
            {
                input.Errors.ForEach(error.WriteLine);
                return ExitCode.InvalidInput;
            }

            var options = new AnomalyOptions();
            var report = AnomalyDetector.Detect(input.Versions, input.Calendar, options);
            if (json)
            {
                WriteJson(output, report, input.Latest.Count, options);
            }
            else
            {
                WriteText(output, report, input.Latest.Count, options);
            }

            return ExitCode.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"govkpi anomalies: {e.Message}");
            return ExitCode.Failure;
        }
    }

    /// <summary>Rule names as the JSON output spells them.</summary>
    public static string Code(AnomalyRule rule) => rule switch
    {
        AnomalyRule.DeadlineBunching => "deadline_bunching",
        AnomalyRule.CompletionBurst => "completion_burst",
        _ => "on_time_with_refusals",
    };

    private static void WriteText(TextWriter output, AnomalyReport report, int dossiers, AnomalyOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        var t = report.Tested;
        output.WriteLine(string.Create(c,
            $"govkpi anomalies: {dossiers:N0} dossiers; tests (a handler over all the records or over one quarter): {t[AnomalyRule.DeadlineBunching]} for deadline bunching, " +
            $"{t[AnomalyRule.CompletionBurst]} for completion bursts (one per handler), {t[AnomalyRule.OnTimeWithRefusals]} for on-time rates with refusals; a finding needs p <= {options.FalseAlarmRate:0.###} / tests"));
        if (report.Findings.Count == 0)
        {
            output.WriteLine("no findings");
            return;
        }

        foreach (var f in report.Findings)
        {
            output.WriteLine(string.Create(c, $"{Code(f.Rule)} {f.HandlerCode} ({f.UnitCode}) {Day(f.From)}..{Day(f.To)}: {Summary(f)}"));
            output.WriteLine($"  dossiers: {string.Join(" ", f.DossierIds)}");
        }
    }

    private static string Summary(AnomalyFinding f)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        foreach (var m in f.Measures)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            var what = m.What switch
            {
                "near_deadline" => "refusals and supplement requests on the due date or the working day before",
                "refusals_near_deadline" => "refusals near the deadline",
                "supplement_requests_near_deadline" => "supplement requests near the deadline",
                "in_window" => $"completions within minutes (of {m.OutOf} in all)",
                "late" => "finished dossiers late",
                "refused" => "finished dossiers refused",
                _ => m.What,
            };
            text.Append(m.What == "in_window"
                ? string.Create(c, $"{m.Observed} {what}, {m.Expected:0.###} expected at the handler's pace (p = {m.PValue:0.##E+0} over all windows)")
                : string.Create(c, $"{m.Observed} of {m.OutOf} {what}, {m.Expected:0.#} expected from peers (p = {m.PValue:0.##E+0})"));
        }

        return text.ToString();
    }

    private static void WriteJson(TextWriter output, AnomalyReport report, int dossiers, AnomalyOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("dossiers", dossiers);
            json.WriteNumber("false_alarm_rate", options.FalseAlarmRate);
            json.WriteStartObject("tested");
            foreach (var (rule, count) in report.Tested.OrderBy(t => t.Key))
            {
                json.WriteNumber(Code(rule), count);
            }

            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("rule", Code(f.Rule));
                json.WriteString("handler", f.HandlerCode);
                json.WriteString("unit", f.UnitCode);
                json.WriteString("from", f.From);
                json.WriteString("to", f.To);
                json.WriteString("summary", Summary(f));
                json.WriteStartArray("measures");
                foreach (var m in f.Measures)
                {
                    json.WriteStartObject();
                    json.WriteString("what", m.What);
                    json.WriteNumber("observed", m.Observed);
                    json.WriteNumber("expected", Math.Round(m.Expected, 6));
                    json.WriteNumber("out_of", m.OutOf);
                    json.WriteNumber("p_value", m.PValue);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("dossiers");
                foreach (var id in f.DossierIds)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Day(DateTimeOffset instant) => instant.ToOffset(Core.VietnamTime.Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
