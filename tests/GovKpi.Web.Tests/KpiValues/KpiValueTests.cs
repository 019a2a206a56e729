using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.KpiValues;

/// <summary>
/// Stored aggregates, KPI values and explanations over real HTTP. Every test pushes its records
/// with its own id prefix; those that check numbers use a year of their own, so the tests of the
/// class can share one database.
/// </summary>
public abstract class KpiValueTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    /// <summary>
    /// July of <paramref name="year"/> at C2-TT (S004): one on time, one late, one still open and late
    /// at the end of July, one withdrawn, one open but not yet due. All of them finish within the
    /// year, so nothing stays open and late into the periods of other tests.
    /// </summary>
    private async Task PushJulyAsync(HttpClient hr, int year)
    {
        await PushAsync(hr, "dossiers",
        [
            Dossier("J1", "C2-TT", "S004", $"{year}-07-01T08:00:00+07:00", $"{year}-07-08T17:00:00+07:00", $"{year}-07-07T10:00:00+07:00", "processed", "online"),
            Dossier("J2", "C2-TT", "S004", $"{year}-07-02T08:00:00+07:00", $"{year}-07-09T17:00:00+07:00", $"{year}-07-15T10:00:00+07:00", "result_returned", staffError: true),
            Dossier("J3", "C2-TT", "S004", $"{year}-07-03T08:00:00+07:00", $"{year}-07-20T17:00:00+07:00", $"{year}-12-15T10:00:00+07:00", "processed"),
            Dossier("J4", "C2-TT", "S004", $"{year}-07-04T08:00:00+07:00", $"{year}-07-25T17:00:00+07:00", $"{year}-07-10T10:00:00+07:00", "withdrawn"),
            Dossier("J5", "C2-TT", "S004", $"{year}-07-05T08:00:00+07:00", $"{year}-08-20T17:00:00+07:00", $"{year}-08-10T10:00:00+07:00", "processed", "online"),
        ]);
        await PushAsync(hr, "surveys", [Survey("JV1", "J1", $"{year}-07-08T09:00:00+07:00", 5), Survey("JV2", "J2", $"{year}-07-16T09:00:00+07:00", 4)]);
        await PushAsync(hr, "complaints", [Complaint("JP1", "C2-TT", "S004", $"{year}-07-16T09:00:00+07:00", upheld: true)]);
    }

    private static Dictionary<string, KpiValueResponse> ByKpi(KpiTableResponse table) => table.Values.ToDictionary(v => v.Kpi);

    [SkippableFact]
    public async Task Unit_values_of_a_month_come_from_the_stored_aggregates_and_equal_those_computed_from_the_records()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushJulyAsync(hr, 2031);

        var month = await hr.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=unit&code=C2-TT&from=2031-07-01&to=2031-08-01", ApiJson.Options);
        // Nothing happens in June, so the custom range ending with July has the same numbers: July stored, the days of June counted from the records.
        var custom = await hr.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=unit&code=C2-TT&from=2031-06-20&to=2031-08-01", ApiJson.Options);

        Assert.Equal(("aggregates", "aggregates_and_records"), (month!.Source, custom!.Source));
        var values = ByKpi(month);
        Assert.Equal((1m, 3m), (values["on_time_rate"].Numerator, values["on_time_rate"].Denominator));
        Assert.Equal("33,3 %", values["on_time_rate"].Display);
        Assert.Equal(KpiStatus.Red, values["on_time_rate"].Status);
        Assert.Equal((2m, 3m), (values["completion_rate"].Numerator, values["completion_rate"].Denominator));
        Assert.Equal((2m, 5m), (values["online_share"].Numerator, values["online_share"].Denominator));
        Assert.Equal((9m, 2m), (values["satisfaction_avg"].Numerator, values["satisfaction_avg"].Denominator));
        Assert.Equal("4,50", values["satisfaction_avg"].Display);
        Assert.Equal(KpiStatus.Green, values["satisfaction_avg"].Status);
        Assert.Equal((1m, 2m), (values["complaint_rate"].Numerator, values["complaint_rate"].Denominator));
        Assert.Equal((1m, 2m), (values["error_return_rate"].Numerator, values["error_return_rate"].Denominator));
        Assert.Equal((2m, 23m), (values["per_working_day"].Numerator, values["per_working_day"].Denominator));
        Assert.Equal(23, month.WorkingDays);
        Assert.Equal(
            month.Values.Select(v => (v.Kpi, v.Numerator, v.Denominator)),
            custom.Values.Select(v => (v.Kpi, v.Numerator, v.Denominator)).Select(v => v.Kpi == "per_working_day" ? (v.Kpi, v.Numerator, 23m) : v));

        var staff = ByKpi((await hr.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=staff&code=S004&from=2031-07-01&to=2031-08-01", ApiJson.Options))!);
        Assert.Equal(values.Values.Select(v => (v.Numerator, v.Denominator)), staff.Values.Select(v => (v.Numerator, v.Denominator)));
    }

    [SkippableFact]
    public async Task The_subtree_rolls_up_sub_units_and_the_former_units_merged_into_it()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushAsync(hr, "dossiers",
        [
            Dossier("R1", "C1-TT", "S001", "2032-03-02T08:00:00+07:00", "2032-03-09T17:00:00+07:00", "2032-03-05T10:00:00+07:00", "processed"),
            Dossier("R2", "X1", "S005", "2032-03-02T08:00:00+07:00", "2032-03-09T17:00:00+07:00", "2032-03-12T10:00:00+07:00", "processed"),
            Dossier("R3", "C2-TT", "S004", "2032-03-02T08:00:00+07:00", "2032-03-09T17:00:00+07:00", "2032-03-05T10:00:00+07:00", "processed"),
        ]);

        async Task<KpiValueResponse> OnTime(string scope, string code, string from = "2032-01-01", string to = "2032-04-01") =>
            ByKpi((await hr.GetFromJsonAsync<KpiTableResponse>($"/api/kpis/values?scope={scope}&code={code}&from={from}&to={to}", ApiJson.Options))!)["on_time_rate"];

        Assert.Equal((1m, 2m), ((await OnTime("subtree", "C1")).Numerator, (await OnTime("subtree", "C1")).Denominator));
        Assert.Equal(0m, (await OnTime("unit", "C1")).Denominator);
        Assert.Null((await OnTime("unit", "C1")).Value);
        Assert.Equal((2m, 3m), ((await OnTime("all", "")).Numerator, (await OnTime("all", "")).Denominator));
        // The same roll-up over a range that is not a calendar period: the stored months inside it and the other days counted from the records.
        Assert.Equal((1m, 2m), ((await OnTime("subtree", "C1", "2032-02-15", "2032-03-20")).Numerator, (await OnTime("subtree", "C1", "2032-02-15", "2032-03-20")).Denominator));
    }

    [SkippableFact]
    public async Task Custom_ranges_across_month_boundaries_equal_the_engine_on_the_same_records()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        // 2037 (and the end of 2036): records on and around the days where the ranges below start and end.
        await PushAsync(hr, "dossiers",
        [
            Dossier("E1", "C2-TT", "S004", "2037-03-17T00:00:00+07:00", "2037-03-24T17:00:00+07:00", "2037-03-20T10:00:00+07:00", "processed", "online", updated: "2037-03-20T10:00:00+07:00"),
            Dossier("E2", "C2-TT", "S004", "2037-03-10T08:00:00+07:00", "2037-03-18T17:00:00+07:00", "2037-06-08T23:59:59+07:00", "result_returned", staffError: true),
            Dossier("E3", "C2-TT", "S004", "2037-05-28T08:00:00+07:00", "2037-06-03T17:00:00+07:00"),
            Dossier("E4", "C1-TT", "S001", "2037-03-16T23:59:59+07:00", "2037-03-17T00:00:00+07:00", "2037-03-17T00:00:00+07:00", "processed"),
            Dossier("E5", "X1", "S005", "2037-02-28T08:00:00+07:00", "2037-03-05T17:00:00+07:00", "2037-06-09T00:00:00+07:00", "processed", "online"),
            Dossier("E6", "C1-TT", null, "2037-04-02T08:00:00+07:00", "2037-04-30T17:00:00+07:00", "2037-04-10T10:00:00+07:00", "withdrawn"),
            Dossier("E7", "C1", "S003", "2037-06-08T08:00:00+07:00", "2037-06-08T17:00:00+07:00", status: "supplement_requested"),
            Dossier("E8", "C2-TT", "S004", "2036-12-20T08:00:00+07:00", "2037-01-05T17:00:00+07:00", "2037-01-20T10:00:00+07:00", "refused", "postal"),
            Dossier("E9", "C1-TT", "S002", "2037-11-25T08:00:00+07:00", "2037-12-02T17:00:00+07:00"),
            Dossier("E10", "C2-TT", "S004", "2037-12-30T08:00:00+07:00", "2038-01-04T17:00:00+07:00", "2037-12-31T10:00:00+07:00", "processed", "online"),
        ]);
        // A newer version moves E1 to another unit and handler, and finishes it in the head of the first range.
        await PushAsync(hr, "dossiers",
            [Dossier("E1", "C1-TT", "S001", "2037-03-17T00:00:00+07:00", "2037-03-24T17:00:00+07:00", "2037-03-18T10:00:00+07:00", "processed", "online", updated: "2037-03-21T10:00:00+07:00")]);
        await PushAsync(hr, "surveys",
        [
            Survey("EV1", "E1", "2037-03-18T11:00:00+07:00", 5), Survey("EV2", "E2", "2037-05-10T09:00:00+07:00", 3),
            Survey("EV3", "E3", "2037-06-08T09:00:00+07:00", 2), Survey("EV4", "E6", "2037-04-15T09:00:00+07:00", 4),
            Survey("EV5", "E8", "2036-12-28T09:00:00+07:00", 1),
        ]);
        await PushAsync(hr, "complaints",
        [
            Complaint("EP1", "C2-TT", "S004", "2037-03-17T08:00:00+07:00", upheld: true), Complaint("EP2", "C1-TT", "S001", "2037-06-08T08:00:00+07:00", upheld: true),
            Complaint("EP3", "C2-TT", "S004", "2037-04-01T08:00:00+07:00", upheld: false), Complaint("EP4", "X1", null, "2036-12-15T08:00:00+07:00", upheld: true),
        ]);

        (string From, string To, string Source)[] ranges =
        [
            ("2037-03-17", "2037-06-09", "aggregates_and_records"), // days of March, April and May stored, days of June
            ("2037-04-01", "2037-06-01", "aggregates"),             // two stored months, not a stored period
            ("2037-04-05", "2037-04-20", "records"),                // inside a month
            ("2036-12-10", "2037-02-03", "aggregates_and_records"), // across the turn of the year
            ("2037-11-20", "2038-02-15", "aggregates_and_records"), // past the last stored year
        ];
        (string Scope, string Code, string[]? Units, string? Staff)[] subjects =
        [
            ("all", "", null, null), ("unit", "C2-TT", ["C2-TT"], null), ("subtree", "C1", ["C1", "C1-TT", "C1-KT", "X1", "X2", "X3"], null),
            ("staff", "S004", null, "S004"), ("staff", "S001", null, "S001"),
        ];
        foreach (var (from, to, source) in ranges)
        {
            var period = new ReportingPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));
            foreach (var (scope, code, units, staff) in subjects)
            {
                var table = (await hr.GetFromJsonAsync<KpiTableResponse>($"/api/kpis/values?scope={scope}&code={code}&from={from}&to={to}", ApiJson.Options))!;
                var engine = await EngineTallyAsync(period, units, staff);

                Assert.Equal(source, table.Source);
                // The engine counts operational records; the trained-staff share counts people (Training/TrainingTests).
                Assert.Equal(
                    KpiFormula.All.Where(f => f.Code != KpiFormula.TrainedStaffShare).Select(f => (f.Code, f.Evaluate(engine, table.WorkingDays))).OrderBy(v => v.Code),
                    table.Values.Where(v => v.Kpi != KpiFormula.TrainedStaffShare).Select(v => (v.Kpi, new KpiValue(v.Numerator, v.Denominator))).OrderBy(v => v.Kpi));
            }
        }
    }

    /// <summary><see cref="KpiComputation"/> over every current record of the subject: the units' records, or the staff member's, or all.</summary>
    private async Task<KpiTally> EngineTallyAsync(ReportingPeriod period, string[]? units, string? staff)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var dossiers = (await db.Dossiers.AsNoTracking().ToListAsync()).ToDictionary(d => d.DossierId);
        bool InScope(string unit, string? handler) => staff is not null ? handler == staff : units is null || units.Contains(unit);

        var computation = new KpiComputation(period, 0);
        foreach (var dossier in dossiers.Values.Where(d => InScope(d.UnitCode, d.HandlerCode)))
        {
            computation.AddDossier(dossier);
        }

        foreach (var survey in await db.Surveys.AsNoTracking().ToListAsync())
        {
            if (dossiers.GetValueOrDefault(survey.DossierId) is { } rated && InScope(rated.UnitCode, rated.HandlerCode))
            {
                computation.AddSurvey(survey, rated);
            }
        }

        foreach (var complaint in (await db.Complaints.AsNoTracking().ToListAsync()).Where(c => InScope(c.UnitCode, c.StaffCode)))
        {
            computation.AddComplaint(complaint);
        }

        return computation.TallyOfAll;
    }

    [SkippableFact]
    public async Task Every_explanation_lists_exactly_the_records_counted_in_its_numerator_and_denominator()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushJulyAsync(hr, 2033);
        var period = "from=2033-07-01&to=2033-08-01";
        var values = ByKpi((await hr.GetFromJsonAsync<KpiTableResponse>($"/api/kpis/values?scope=unit&code=C2-TT&{period}", ApiJson.Options))!);

        foreach (var formula in KpiFormula.All)
        {
            var numerator = new List<CountedRecord>();
            var denominator = new List<CountedRecord>();
            KpiExplanationResponse? explanation = null;
            for (var page = 1; page == 1 || numerator.Count < explanation!.NumeratorRecords.Records || denominator.Count < explanation.DenominatorRecords.Records; page++)
            {
                explanation = await hr.GetFromJsonAsync<KpiExplanationResponse>(
                    $"/api/kpis/explain?kpi={formula.Code}&scope=unit&code=C2-TT&{period}&page={page}&pageSize=2", ApiJson.Options);
                numerator.AddRange(explanation!.NumeratorRecords.Items);
                denominator.AddRange(explanation.DenominatorRecords.Items);
                Assert.True(page < 10, "paging does not end");
            }

            var value = values[formula.Code];
            Assert.Equal((value.Numerator, value.Denominator, value.Display), (explanation!.Numerator, explanation.Denominator, explanation.Display));
            Assert.Equal(explanation.NumeratorRecords.Counted, explanation.Numerator);
            Assert.Equal(explanation.DenominatorRecords.Counted, explanation.Denominator);
            Assert.Equal(explanation.NumeratorRecords.Records, numerator.Count);
            if (formula.Numerator.Source == RecordSource.Surveys)
            {
                Assert.Equal(explanation.Numerator, numerator.Sum(r => r.Score!.Value));
            }
            else
            {
                Assert.Equal(explanation.Numerator, numerator.Count);
            }

            if (formula.Denominator.Source != RecordSource.WorkingDays)
            {
                Assert.Equal(explanation.Denominator, denominator.Count);
            }

            Assert.NotEmpty(explanation.Formula);
        }

        var onTime = await hr.GetFromJsonAsync<KpiExplanationResponse>($"/api/kpis/explain?kpi=on_time_rate&scope=unit&code=C2-TT&{period}", ApiJson.Options);
        Assert.Equal(
            [(Prefix + "J1", "kết thúc trong kỳ, đúng hạn"), (Prefix + "J2", "kết thúc trong kỳ, trễ hạn"), (Prefix + "J3", "còn mở và đã quá hạn cuối kỳ")],
            onTime!.DenominatorRecords.Items.Select(r => (r.Id, r.Reason)));
    }

    [SkippableFact]
    public async Task Imported_calendar_exceptions_replace_the_official_calendar_in_per_working_day()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushJulyAsync(hr, 2034);
        await PushAsync(hr, "calendar", [new { date = "2034-07-03", kind = "holiday" }, new { date = "2034-07-01", kind = "workday" }, new { date = "2034-07-07", kind = "holiday" }]);

        var table = await hr.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=unit&code=C2-TT&from=2034-07-01&to=2034-08-01", ApiJson.Options);
        var explanation = await hr.GetFromJsonAsync<KpiExplanationResponse>("/api/kpis/explain?kpi=per_working_day&scope=unit&code=C2-TT&from=2034-07-01&to=2034-08-01", ApiJson.Options);

        // 21 weekdays, minus two weekday holidays, plus a make-up Saturday.
        Assert.Equal(20, table!.WorkingDays);
        Assert.Equal(20m, ByKpi(table)["per_working_day"].Denominator);
        Assert.Equal((20, 20m), (explanation!.WorkingDays, explanation.DenominatorRecords.Counted));
    }

    [SkippableTheory]
    [InlineData("manager", "unit", "C2-TT", HttpStatusCode.Forbidden)]
    [InlineData("manager", "subtree", "KH", HttpStatusCode.Forbidden)]
    [InlineData("manager", "all", "", HttpStatusCode.Forbidden)]
    [InlineData("manager", "staff", "S004", HttpStatusCode.Forbidden)]
    [InlineData("manager", "subtree", "C1", HttpStatusCode.OK)]
    [InlineData("manager", "unit", "X1", HttpStatusCode.OK)]
    [InlineData("manager", "staff", "S002", HttpStatusCode.OK)]
    [InlineData("staff", "staff", "S001", HttpStatusCode.OK)]
    [InlineData("staff", "unit", "C1-TT", HttpStatusCode.OK)]
    [InlineData("staff", "staff", "S002", HttpStatusCode.Forbidden)]
    [InlineData("staff", "unit", "C2-TT", HttpStatusCode.Forbidden)]
    [InlineData("staff", "subtree", "C1", HttpStatusCode.Forbidden)]
    [InlineData("leader", "all", "", HttpStatusCode.OK)]
    [InlineData("leader", "unit", "NOPE", HttpStatusCode.NotFound)]
    public async Task Values_and_explanations_are_limited_to_the_callers_unit_scope(string user, string scope, string code, HttpStatusCode expected)
    {
        RequireDatabase();
        using var client = await App.SignedInAsync(user);

        var values = await client.GetAsync($"/api/kpis/values?scope={scope}&code={code}&from=2031-07-01&to=2031-08-01");
        var explain = await client.GetAsync($"/api/kpis/explain?kpi=on_time_rate&scope={scope}&code={code}&from=2031-07-01&to=2031-08-01");
        var page = await client.GetAsync($"/kpis/explain?kpi=on_time_rate&scope={scope}&code={code}&from=2031-07-01&to=2031-08-01");

        Assert.Equal(expected, values.StatusCode);
        Assert.Equal(expected, explain.StatusCode);
        // The page answers a forbidden subject by sending the browser to the access-denied page.
        var deniedOrMissing = page.StatusCode == HttpStatusCode.NotFound || page.RequestMessage!.RequestUri!.AbsolutePath == "/access-denied";
        Assert.Equal(expected != HttpStatusCode.OK, deniedOrMissing);
    }

    /// <summary>March 2039 at C1-TT: a dossier, rating and complaint of S001 (the staff account) and of S002, a colleague in the same unit.</summary>
    private async Task PushColleaguesAsync(HttpClient hr)
    {
        await PushAsync(hr, "dossiers",
        [
            Dossier("M1", "C1-TT", "S001", "2039-03-02T08:00:00+07:00", "2039-03-09T17:00:00+07:00", "2039-03-05T10:00:00+07:00", "processed"),
            Dossier("M2", "C1-TT", "S002", "2039-03-03T08:00:00+07:00", "2039-03-10T17:00:00+07:00", "2039-03-20T10:00:00+07:00", "processed"),
        ]);
        await PushAsync(hr, "surveys", [Survey("MV1", "M1", "2039-03-06T09:00:00+07:00", 5), Survey("MV2", "M2", "2039-03-21T09:00:00+07:00", 1)]);
        await PushAsync(hr, "complaints", [Complaint("MP1", "C1-TT", "S001", "2039-03-06T09:00:00+07:00", upheld: true),
            Complaint("MP2", "C1-TT", "S002", "2039-03-21T09:00:00+07:00", upheld: true)]);
    }

    private static Dictionary<string, (string? Handler, bool Hidden)> Handlers(params KpiExplanationResponse?[] explanations) => explanations
        .SelectMany(e => e!.NumeratorRecords.Items.Concat(e.DenominatorRecords.Items))
        .GroupBy(r => r.Id).ToDictionary(g => g.Key, g => (g.First().HandlerCode, g.First().HandlerHidden));

    private static async Task<Dictionary<string, (string? Handler, bool Hidden)>> UnitExplanationsAsync(HttpClient client)
    {
        const string unit = "scope=unit&code=C1-TT&from=2039-03-01&to=2039-04-01";
        return Handlers(
            await client.GetFromJsonAsync<KpiExplanationResponse>($"/api/kpis/explain?kpi=on_time_rate&{unit}", ApiJson.Options),
            await client.GetFromJsonAsync<KpiExplanationResponse>($"/api/kpis/explain?kpi=satisfaction_avg&{unit}", ApiJson.Options),
            await client.GetFromJsonAsync<KpiExplanationResponse>($"/api/kpis/explain?kpi=complaint_rate&{unit}", ApiJson.Options));
    }

    [SkippableFact]
    public async Task Staff_reading_their_units_explanation_see_their_own_handler_code_but_not_their_colleagues()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushColleaguesAsync(hr);
        using var staff = await App.SignedInAsync("staff");

        var handlers = await UnitExplanationsAsync(staff);
        var page = await staff.GetStringAsync("/kpis/explain?kpi=on_time_rate&scope=unit&code=C1-TT&from=2039-03-01&to=2039-04-01");

        Assert.Equal(("S001", false), handlers[Prefix + "M1"]);
        Assert.Equal(("S001", false), handlers[Prefix + "MV1"]);
        Assert.Equal(("S001", false), handlers[Prefix + "MP1"]);
        // The colleague's late dossier, poor rating and upheld complaint are still counted and listed, without their name.
        Assert.Equal((null, true), handlers[Prefix + "M2"]);
        Assert.Equal((null, true), handlers[Prefix + "MV2"]);
        Assert.Equal((null, true), handlers[Prefix + "MP2"]);
        Assert.Contains(Prefix + "M2", page);
        Assert.DoesNotContain("S002", page);
        Assert.Contains("S001", page);
    }

    [SkippableTheory]
    [InlineData("manager")]
    [InlineData("hr")]
    public async Task The_manager_and_HR_see_every_handler_code_in_the_units_explanation(string user)
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushColleaguesAsync(hr);
        using var client = await App.SignedInAsync(user);

        var handlers = await UnitExplanationsAsync(client);
        var page = await client.GetStringAsync("/kpis/explain?kpi=on_time_rate&scope=unit&code=C1-TT&from=2039-03-01&to=2039-04-01");

        Assert.Equal(("S002", false), handlers[Prefix + "M2"]);
        Assert.Equal(("S002", false), handlers[Prefix + "MV2"]);
        Assert.Equal(("S002", false), handlers[Prefix + "MP2"]);
        Assert.Equal(("S001", false), handlers[Prefix + "M1"]);
        Assert.Contains("S002", page);
    }

    [SkippableFact]
    public async Task A_request_with_a_bad_period_or_kpi_is_refused_with_errors_keyed_by_parameter()
    {
        RequireDatabase();
        using var client = await App.SignedInAsync("hr");

        var response = await client.GetAsync("/api/kpis/explain?kpi=speed&scope=unit&code=C1&from=2031-07-01&to=2031-06-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal(["kpi", "to"], problem!.Errors.Keys.Order());
    }

    [SkippableFact]
    public async Task The_values_page_shows_formatted_values_with_status_linked_to_their_explanation()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushJulyAsync(hr, 2035);

        var html = await hr.GetStringAsync("/kpis/values?scope=unit&code=C2-TT&kind=month&y=2035&m=7");
        var explain = await hr.GetStringAsync("/kpis/explain?kpi=on_time_rate&scope=unit&code=C2-TT&from=2035-07-01&to=2035-08-01");
        var unitPage = await hr.GetStringAsync("/organisation/C2-TT");

        Assert.Contains("33,3 %", html);
        Assert.Contains("/kpis/explain?kpi=on_time_rate&amp;scope=unit&amp;code=C2-TT&amp;from=2035-07-01&amp;to=2035-08-01", html);
        Assert.Contains("Cảnh báo", html);
        Assert.Contains("còn mở và đã quá hạn cuối kỳ", explain);
        Assert.Contains(Prefix + "J3", explain);
        Assert.Contains("/kpis/values?scope=subtree&amp;code=C2-TT", unitPage);
    }

    [SkippableFact]
    public async Task The_values_page_reads_both_bounds_without_a_kind_as_a_custom_period_as_the_province_view_does()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushJulyAsync(hr, 2041);

        var html = await hr.GetStringAsync("/kpis/values?scope=unit&code=C2-TT&from=2041-07-01&to=2041-08-01");

        Assert.Contains("từ 01/07/2041 đến hết 31/07/2041", html);
        Assert.Contains("/kpis/explain?kpi=on_time_rate&amp;scope=unit&amp;code=C2-TT&amp;from=2041-07-01&amp;to=2041-08-01", html);
        Assert.Contains("<option value=\"custom\" selected=\"selected\">", html);
    }
}

public sealed class SqliteKpiValueTests(SqliteApp app) : KpiValueTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresKpiValueTests(PostgresApp app) : KpiValueTests<PostgresApp>(app), IClassFixture<PostgresApp>;
