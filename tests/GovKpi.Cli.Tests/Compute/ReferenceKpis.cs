using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GovKpi.Cli.Tests.Compute;

/// <summary>
/// A second, deliberately naive reading of CONTRACTS.md, written from its text alone: its own
/// CSV parsing, its own time parsing and plain LINQ for the formulas. It shares nothing with the
/// product's readers, KpiComputation or calendar, so that the two agreeing means something.
/// It assumes valid input (it is only run on generated files).
/// </summary>
internal static partial class ReferenceKpis
{
    public sealed record Row(string Scope, string ScopeCode, string Kpi, long Numerator, long Denominator);

    private sealed record Dossier(string Id, string Unit, string Handler, string Channel, DateTimeOffset Received, DateTimeOffset Due,
        DateTimeOffset? Finished, string Status, bool StaffError, DateTimeOffset Updated);

    public static List<Row> Compute(string dossiersPath, string surveysPath, string complaintsPath, string calendarPath, DateOnly from, DateOnly to)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        bool InPeriod(DateTimeOffset t) => t >= start && t < end;

        var versions = ReadCsv(dossiersPath).Select(r => new Dossier(r["dossier_id"], r["unit_code"], r["handler_code"], r["channel"],
            Time(r["received_at"]), Time(r["due_at"]), r["finished_at"] == "" ? null : Time(r["finished_at"]), r["status"],
            r["staff_error_return"] is "true" or "1", Time(r["updated_at"]))).ToList();
        var latest = versions.GroupBy(d => d.Id).ToDictionary(g => g.Key, g =>
        {
            var newest = g.Where(d => d.Updated == g.Max(v => v.Updated)).Distinct().ToList();
            return newest.Count == 1 ? newest[0] : throw new InvalidOperationException($"conflict in {g.Key}");
        });

        // One fact list per scope: (scope, code) → counts.
        var facts = new Dictionary<(string Scope, string Code), Dictionary<string, long>>();
        void Count((string, string) scope, string fact, long by = 1)
        {
            if (!facts.TryGetValue(scope, out var counts))
            {
                facts[scope] = counts = [];
            }

            counts[fact] = counts.GetValueOrDefault(fact) + by;
        }

        IEnumerable<(string, string)> ScopesOf(string unit, string staff) =>
            staff == "" ? [("all", ""), ("unit", unit)] : [("all", ""), ("unit", unit), ("staff", staff)];

        foreach (var d in latest.Values)
        {
            var finished = d.Finished is { } f && InPeriod(f) && d.Status != "withdrawn";
            var named = new List<string>();
            if (finished)
            {
                named.Add("finished");
                if (d.Finished <= d.Due)
                {
                    named.Add("on_time");
                }

                if (d.StaffError)
                {
                    named.Add("staff_error");
                }

                if (d.Status is "processed" or "result_returned")
                {
                    named.Add("completed");
                }
            }

            if (d.Finished is { } w && InPeriod(w) && d.Status == "withdrawn")
            {
                named.Add("withdrawn");
            }

            if (d.Received < end && (d.Finished is null || d.Finished >= end) && d.Due < end)
            {
                named.Add("open_late");
            }

            if (InPeriod(d.Received))
            {
                named.Add("received");
                if (d.Channel == "online")
                {
                    named.Add("online");
                }
            }

            foreach (var scope in ScopesOf(d.Unit, d.Handler))
            {
                foreach (var fact in named)
                {
                    Count(scope, fact);
                }
            }
        }

        foreach (var s in ReadCsv(surveysPath))
        {
            if (InPeriod(Time(s["submitted_at"])) && latest.TryGetValue(s["dossier_id"], out var d))
            {
                foreach (var scope in ScopesOf(d.Unit, d.Handler))
                {
                    Count(scope, "surveys");
                    Count(scope, "score", int.Parse(s["score"], CultureInfo.InvariantCulture));
                }
            }
        }

        foreach (var c in ReadCsv(complaintsPath))
        {
            if (c["upheld"] is "true" or "1" && InPeriod(Time(c["received_at"])))
            {
                foreach (var scope in ScopesOf(c["unit_code"], c["staff_code"]))
                {
                    Count(scope, "complaints");
                }
            }
        }

        var days = WorkingDays(calendarPath, from, to);
        var rows = new List<Row>();
        foreach (var ((scope, code), counts) in facts)
        {
            long N(string fact) => counts.GetValueOrDefault(fact);
            var kpis = new (string Kpi, long Numerator, long Denominator, bool HasRecords)[]
            {
                ("on_time_rate", N("on_time"), N("finished") + N("open_late"), N("finished") + N("open_late") > 0),
                ("per_working_day", N("finished"), days, N("finished") > 0),
                ("error_return_rate", N("staff_error"), N("finished"), N("finished") > 0),
                ("satisfaction_avg", N("score"), N("surveys"), N("surveys") > 0),
                ("complaint_rate", N("complaints"), N("finished"), N("complaints") + N("finished") > 0),
                ("online_share", N("online"), N("received"), N("received") > 0),
                ("completion_rate", N("completed"), N("finished") + N("withdrawn"), N("finished") + N("withdrawn") > 0),
            };
            rows.AddRange(kpis.Where(k => k.HasRecords).Select(k => new Row(scope, code, k.Kpi, k.Numerator, k.Denominator)));
        }

        return [.. rows.OrderBy(r => r.Scope, StringComparer.Ordinal).ThenBy(r => r.ScopeCode, StringComparer.Ordinal).ThenBy(r => r.Kpi, StringComparer.Ordinal)];
    }

    /// <summary>Saturdays and Sundays off, unless the calendar file says otherwise for a day.</summary>
    private static long WorkingDays(string calendarPath, DateOnly from, DateOnly to)
    {
        var kinds = ReadCsv(calendarPath).ToDictionary(r => DateOnly.ParseExact(r["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture), r => r["kind"]);
        long count = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var weekday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            if (kinds.TryGetValue(day, out var kind) ? kind == "workday" : weekday)
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(@"(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Offset();

    /// <summary>ISO 8601; without an offset the time is Vietnam's (+07:00).</summary>
    public static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(Offset().IsMatch(text) ? text : text + "+07:00", CultureInfo.InvariantCulture);

    /// <summary>The whole file as rows of column → text: RFC 4180 quotes, CR LF or LF, a BOM skipped.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var records = Records(File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF'));
        var header = records[0];
        return [.. records.Skip(1).Select(fields => header.Select((name, i) => (name, fields[i])).ToDictionary(f => f.name, f => f.Item2))];
    }

    public static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields);
        }

        return records;
    }
}
