using System.Net;
using System.Text.Json;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Shared;

/// <summary>
/// Dates and years at the edges of what .NET can hold, in every GET query that takes one: a 400
/// ProblemDetails naming the parameter, never a 500 (a day of year 1 has no instant at +07:00,
/// the day after 9999-12-31 does not exist).
/// </summary>
public abstract class QueryDateTests<TApp>(TApp app) where TApp : GovKpiApp
{
    public static TheoryData<string, string, string> Queries()
    {
        // Days that share a year or a month give the same year or month query once (xUnit skips repeated cases).
        var data = new DistinctQueries();
        string[] days = ["0001-01-01", "0001-01-02", "9999-12-31", "1800-01-01", "2999-12-31"];
        foreach (var day in days)
        {
            data.Add("hr", $"/api/kpis/values?scope=all&from={day}&to=2026-01-01", "from");
            data.Add("hr", $"/api/kpis/values?scope=all&from=2025-01-01&to={day}", "to");
            data.Add("hr", $"/api/kpis/explain?kpi=on_time_rate&scope=all&from={day}&to=2026-01-01", "from");
            data.Add("auditor", $"/api/audit?from={day}", "from");
            data.Add("auditor", $"/api/audit?to={day}", "to");
            data.Add("auditor", $"/api/audit/export.csv?from={day}", "from");
            data.Add("auditor", $"/api/audit/export.xlsx?to={day}", "to");
            data.Add("hr", $"/api/tasks/diary-flags?from={day}&to=2026-01-01", "from");
            data.Add("hr", $"/api/tasks/diary-flags?from=2025-01-01&to={day}", "to");
            data.Add("hr", $"/api/tasks/score?staff=S001&from={day}&to=2026-01-01", "from");
            data.Add("hr", $"/api/tasks/score?staff=S001&month={day[..7]}", "month");
            data.Add("hr", $"/api/task-types?on={day}", "on");
            data.Add("hr", $"/api/assistant/forecast?scope=all&period=2026&asOf={day}", "asOf");
            data.Add("hr", $"/api/assistant/forecast?scope=all&period={day[..4]}", "period");
            data.Add("hr", $"/api/assistant/anomalies?unit=C1-TT&from={day}&to=2026-01-01", "from");
            data.Add("hr", $"/api/units/results?period={day[..4]}", "period");
            data.Add("hr", $"/api/units/C1-TT/result?period={day[..7]}", "period");
            data.Add("hr", $"/api/goals?year={day[..4]}", "year");
            data.Add("hr", $"/api/units/C1-TT/targets?year={day[..4]}", "year");
            data.Add("hr", $"/api/evaluation/cycles?year={day[..4]}", "year");
            data.Add("hr", $"/api/evaluation/annual?year={day[..4]}", "year");
        }

        return data;
    }

    private sealed class DistinctQueries : TheoryData<string, string, string>
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public new void Add(string user, string url, string parameter)
        {
            if (_seen.Add(user + " " + url))
            {
                base.Add(user, url, parameter);
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task A_date_or_year_beyond_the_plausible_is_a_problem_naming_its_parameter_never_a_500(string user, string url, string parameter)
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        using var client = await app.SignedInAsync(user);

        var response = await client.GetAsync(url);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode} {text}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = JsonSerializer.Deserialize<ValidationProblemDetails>(text, ApiJson.Options)!;
            Assert.True(problem.Errors.ContainsKey(parameter), $"{url}: the problem does not name {parameter}: {text}");
        }
    }
}

public sealed class SqliteQueryDateTests(SqliteApp app) : QueryDateTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresQueryDateTests(PostgresApp app) : QueryDateTests<PostgresApp>(app), IClassFixture<PostgresApp>;
