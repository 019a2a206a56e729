using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Core.Measurement;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Features.Home;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;

namespace GovKpi.Web.Tests.Home;

/// <summary>
/// The manager's home lists who the forecaster expects to miss a target by the end of the quarter:
/// the warnings page's first view, within the manager's scope.
/// </summary>
public abstract partial class ManagerForecastTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    [GeneratedRegex("data-testid=\"home-forecast\">(.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex ForecastSection();

    /// <summary>
    /// May 2053 up to the 15th, April before it: S001 (C1-TT) finishes 10 in May, 5 of them late;
    /// S002 (C1-TT) finishes nine a weekday on time from April; S004 (C2-TT, outside the manager's units) finishes 6, all late.
    /// </summary>
    private async Task PushMayAsync(HttpClient hr)
    {
        static string At(int month, int day, int hour) => $"2053-{month:00}-{day:00}T{hour:00}:00:00+07:00";
        var dossiers = new List<object>();
        for (var i = 0; i < 10; i++)
        {
            dossiers.Add(Dossier($"A{i}", "C1-TT", "S001", At(5, 2 + i % 5, 8), At(5, 9, 17), i < 5 ? At(5, 8, 10) : At(5, 12, 10), "processed", "online"));
        }

        for (var i = 0; i < 4; i++)
        {
            dossiers.Add(Dossier($"H{i}", "C1-TT", "S001", At(4, 6 + i, 8), At(4, 20, 17), At(4, 15, 10), "result_returned", "online"));
        }

        // Nine a weekday, each finished the day it came: above the norm of eight a working day, all on time.
        for (var day = new DateOnly(2053, 4, 1); day < new DateOnly(2053, 5, 15); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var i = 0; i < 9; i++)
            {
                dossiers.Add(Dossier($"B{day:MMdd}-{i}", "C1-TT", "S002", At(day.Month, day.Day, 8), At(day.Month, day.Day, 17), At(day.Month, day.Day, 8 + i), "processed", "online"));
            }
        }

        for (var i = 0; i < 6; i++)
        {
            dossiers.Add(Dossier($"C{i}", "C2-TT", "S004", At(5, 2, 8), At(5, 9, 17), At(5, 12, 10), "processed", "online"));
        }

        await PushAsync(hr, "dossiers", dossiers);
    }

    [SkippableFact]
    public async Task The_managers_home_lists_who_the_forecast_expects_to_miss_a_target_and_not_who_will_meet_it()
    {
        RequireDatabase();
        App.Clock.SetUtcNow(new DateTimeOffset(2053, 5, 15, 10, 0, 0, TimeSpan.FromHours(7)));
        using var hr = await App.SignedInAsync("hr");
        await PushMayAsync(hr);
        using var manager = await App.SignedInAsync("manager");

        var html = WebUtility.HtmlDecode(await manager.GetStringAsync(RoleHomeModel.Path));
        var english = WebUtility.HtmlDecode(await manager.GetStringAsync(RoleHomeModel.Path + "?culture=en-US"));
        var warnings = await manager.GetFromJsonAsync<ForecastResponse>("/api/assistant/forecast?scope=subtree&code=C1&period=2053-Q2", ApiJson.Options);

        var section = ForecastSection().Match(html).Groups[1].Value;
        Assert.Contains("Có thể không đạt chỉ tiêu vào cuối kỳ", section);
        Assert.Contains("data-staff=\"S001\" data-kpi=\"on_time_rate\"", section);
        Assert.False(section.Contains("data-staff=\"S002\"", StringComparison.Ordinal), section);
        Assert.DoesNotContain("data-staff=\"S004\"", section);
        Assert.Contains("href=\"/assistant/warnings\"", section);
        // The same rule as the warnings page: the home lists exactly whom it lists.
        Assert.Equal(warnings!.LikelyToMiss.Select(w => (w.StaffCode, w.Value.Kpi)).Take(HomeBoard.ForecastLimit),
            Regex.Matches(section, "data-staff=\"([^\"]+)\" data-kpi=\"([^\"]+)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value)));
        Assert.Contains(warnings.People, p => p.StaffCode == "S002" && p.Values.Any(v => v.Kpi == KpiFormula.OnTimeRate && !v.LikelyToMiss));
        Assert.Contains("Likely to miss a target by the end of the period", ForecastSection().Match(english).Groups[1].Value);
    }
}

public sealed class SqliteManagerForecastTests(SqliteApp app) : ManagerForecastTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresManagerForecastTests(PostgresApp app) : ManagerForecastTests<PostgresApp>(app), IClassFixture<PostgresApp>;
