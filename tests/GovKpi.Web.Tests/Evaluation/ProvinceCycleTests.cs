using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>
/// Province-scale cycles over real HTTP on the demo province (issue 9, item 6): every commune opened
/// in one request, bulk advance with blockers and audited confirmation, secondees evaluated where
/// they work, 360° respondents from another unit. Each test uses its own period.
/// </summary>
public abstract class ProvinceCycleTests<TApp>(TApp app) where TApp : DemoProvinceApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private async Task<(HttpClient Client, UserResponse Me)> As(string userName)
    {
        var client = await app.SignedInAsync(userName);
        return (client, (await client.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    private sealed record BlockedProblem(string Title, string Detail, List<CycleBlockersResponse> Cycles);

    private static Task<HttpResponseMessage> OpenMany(HttpClient client, object target, int month) =>
        client.PostAsJsonAsync("/api/evaluation/cycles/bulk", Merge(target, new { periodKind = "Month", year = 2026, number = month }));

    private static Dictionary<string, object?> Merge(object a, object b) =>
        JsonSerializer.SerializeToElement(a).EnumerateObject().Concat(JsonSerializer.SerializeToElement(b).EnumerateObject())
            .ToDictionary(p => p.Name, p => (object?)p.Value);

    private async Task<T> InDatabase<T>(Func<GovKpiDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GovKpiDbContext>());
    }

    private Task<List<string>> CommunesInForce() => InDatabase(db =>
        db.Units.Where(u => u.Kind == UnitKind.Commune && u.EffectiveTo == null).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync());

    /// <summary>Everyone of the period's cycles self-assessed, as if each person had sent it, except the people of <paramref name="unitCode"/>.</summary>
    private Task<int> SelfAssessEveryoneBut(string unitCode, DateOnly periodFrom) => InDatabase(async db =>
    {
        var cycles = await db.EvaluationCycles.Where(c => c.PeriodFrom == periodFrom && c.UnitCode != unitCode).Select(c => c.Id).ToListAsync();
        var evaluations = await db.Evaluations.Where(e => cycles.Contains(e.CycleId)).ToListAsync();
        foreach (var e in evaluations)
        {
            (e.SelfGeneralPoints, e.SelfTaskPoints, e.SelfAssessment, e.SelfAssessedAt) = (25, 60, "Hoàn thành nhiệm vụ được giao.", app.Clock.GetUtcNow());
        }

        return await db.SaveChangesAsync();
    });

    [SkippableFact]
    public async Task One_request_opens_a_cycle_for_every_commune_and_again_skips_each_as_already_open()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);
        var communes = await CommunesInForce();

        var first = await Read<BulkOpenResponse>(await OpenMany(hr, new { target = "communes" }, 1));
        var again = await Read<BulkOpenResponse>(await OpenMany(hr, new { target = "communes" }, 1));

        Assert.True(communes.Count >= 3, $"{communes.Count} communes");
        Assert.Equal(communes, first.Opened.Select(c => c.UnitCode).Order(StringComparer.Ordinal));
        Assert.All(first.Opened, c => Assert.Equal((CycleStage.SelfAssessment, "2026-01"), (c.Stage, c.Period.Label)));
        Assert.All(first.Opened, c => Assert.True(c.People > 0));
        Assert.Empty(again.Opened);
        Assert.Equal(communes, again.Skipped.Select(s => s.UnitCode).Order(StringComparer.Ordinal));
        Assert.All(again.Skipped, s => Assert.Equal(OpeningSkip.AlreadyOpen, s.Reason));
        Assert.Contains("đã có đợt đánh giá kỳ 2026-01", again.Skipped[0].Message);
        var trail = await Read<AuditTrailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{first.Opened[0].Id}/audit"));
        Assert.True(trail.ChainIntact);
        Assert.Equal(["CycleOpened", "DeadlinesSet"], trail.Entries.Take(2).Select(e => e.Action));
        Assert.Equal(first.Opened[0].People, trail.Entries.Count(e => e is { Action: "EvaluationOpened", Field: "person" }));
    }

    [SkippableFact]
    public async Task Advancing_every_commune_while_one_lacks_self_assessments_lists_the_blockers_and_changes_nothing_unless_confirmed()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);
        var opened = await Read<BulkOpenResponse>(await OpenMany(hr, new { target = "communes" }, 2));
        var late = opened.Opened[0];
        await SelfAssessEveryoneBut(late.UnitCode, new DateOnly(2026, 2, 1));
        var lateIds = (await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{late.Id}"))).Evaluations.Select(e => e.StaffCode).ToList();
        var advance = new { target = "communes", periodKind = "Month", year = 2026, number = 2, to = "Feedback360" };

        var blocked = await Read<BlockedProblem>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance", advance), HttpStatusCode.Conflict);
        var unchanged = await Read<List<CycleResponse>>(await hr.GetAsync("/api/evaluation/cycles?year=2026"));
        var single = await Read<CycleBlockersResponse>(await hr.GetAsync($"/api/evaluation/cycles/{late.Id}/blockers"));
        var noReason = await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance", Merge(advance, new { confirm = true }));
        var confirmed = await Read<BulkAdvanceResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance",
            Merge(advance, new { confirm = true, reason = "Quá hạn tự đánh giá ngày 05/03, đã nhắc hai lần" })));

        var cycle = Assert.Single(blocked.Cycles);
        Assert.Equal(late.UnitCode, cycle.UnitCode);
        Assert.Equal(lateIds, cycle.Blockers.Select(b => b.StaffCode));
        Assert.All(cycle.Blockers, b => Assert.Equal((BlockerKind.NotSelfAssessed, true), (b.Kind, b.Overridable)));
        Assert.Contains("chưa nộp bản tự đánh giá", cycle.Blockers[0].Message);
        Assert.Contains(cycle.Blockers[0].StaffName!, cycle.Blockers[0].Message);
        Assert.All(unchanged.Where(c => c.Period.Label == "2026-02"), c => Assert.Equal(CycleStage.SelfAssessment, c.Stage));
        Assert.Equal(lateIds, single.Blockers.Select(b => b.StaffCode));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(opened.Opened.Count, confirmed.Advanced.Count);
        Assert.All(confirmed.Advanced, c => Assert.Equal(CycleStage.Feedback360, c.Stage));
        var trail = await Read<AuditTrailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{late.Id}/audit"));
        var overridden = Assert.Single(trail.Entries, e => e.Action == "BlockersOverridden");
        Assert.Equal("Quá hạn tự đánh giá ngày 05/03, đã nhắc hai lần", overridden.Reason);
        Assert.All(lateIds, code => Assert.Contains(code, overridden.NewValue));
        Assert.True(trail.ChainIntact);
        var other = await Read<AuditTrailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{opened.Opened[1].Id}/audit"));
        Assert.DoesNotContain(other.Entries, e => e.Action == "BlockersOverridden");
        Assert.Contains(other.Entries, e => e is { Action: "StageAdvanced", NewValue: "Feedback360" });
    }

    [SkippableFact]
    public async Task Missing_ratings_keep_a_cycle_in_the_rating_stage_even_when_confirmed_while_ready_ones_move()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);
        var opened = await Read<BulkOpenResponse>(await OpenMany(hr, new { target = "communes" }, 3));
        var ids = opened.Opened.Select(c => c.Id).ToList();
        await SelfAssessEveryoneBut("", new DateOnly(2026, 3, 1));
        await Read<BulkAdvanceResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance", new { cycleIds = ids, to = "Feedback360" }));
        await Read<BulkAdvanceResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance", new { cycleIds = ids, to = "ManagerRating" }));
        var rated = (await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{ids[0]}"))).Evaluations;
        foreach (var e in rated)
        {
            await Read<EvaluationResponse>(await hr.PutAsJsonAsync($"/api/evaluation/evaluations/{e.Id}/rating", new { generalPoints = 25, taskPoints = 55, reason = "Theo kết quả KPI" }));
        }

        var response = await Read<BulkAdvanceResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance",
            new { cycleIds = ids, to = "CollectiveReview", confirm = true, reason = "Họp tập thể" }));

        Assert.Equal([ids[0]], response.Advanced.Select(c => c.Id));
        Assert.Equal(ids.Count - 1, response.NotAdvanced.Count);
        Assert.All(response.NotAdvanced, c => Assert.False(c.MayOverride));
        Assert.All(response.NotAdvanced.SelectMany(c => c.Blockers), b => Assert.Equal((BlockerKind.NotRated, false), (b.Kind, b.Overridable)));
    }

    [SkippableFact]
    public async Task A_manager_advancing_one_cycle_with_missing_self_assessments_sees_the_blockers_and_must_confirm_with_a_reason()
    {
        RequireDatabase();
        var (manager, me) = await As(DemoAccounts.Manager);
        var (staff, staffMe) = await As(DemoAccounts.Staff);
        var cycle = await Read<CycleResponse>(await manager.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = staffMe.ScopeUnitCode, periodKind = "Quarter", year = 2025, number = 4 }), HttpStatusCode.Created);

        var blocked = await Read<BlockedProblem>(await manager.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance", new { to = "Feedback360" }), HttpStatusCode.Conflict);
        var agency = await InDatabase(db => db.Units.Where(u => u.Kind == UnitKind.Agency).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync());
        var outsider = await manager.PostAsJsonAsync("/api/evaluation/cycles/bulk", new { target = "agency", unitCode = agency, periodKind = "Month", year = 2026, number = 1 });
        var moved = await Read<CycleResponse>(await manager.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance",
            new { to = "Feedback360", confirm = true, reason = "Hết hạn tự đánh giá" }));
        var commune = await InDatabase(async db => (await db.Units.SingleAsync(u => u.Code == staffMe.ScopeUnitCode)).ParentCode!);
        var own = await Read<BulkOpenResponse>(await manager.PostAsJsonAsync("/api/evaluation/cycles/bulk",
            new { target = "agency", unitCode = commune, periodKind = "Month", year = 2025, number = 12 }));
        var staffed = await InDatabase(db => db.Staff.Select(s => s.UnitCode).Distinct().ToListAsync());

        Assert.Contains(blocked.Cycles.Single().Blockers, b => b.StaffCode == staffMe.StaffCode && b.Kind == BlockerKind.NotSelfAssessed);
        Assert.Contains("chưa nộp bản tự đánh giá", blocked.Cycles.Single().Blockers[0].Message);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
        Assert.Equal(CycleStage.Feedback360, moved.Stage);
        Assert.Contains(own.Opened, c => c.UnitCode == staffMe.ScopeUnitCode);
        Assert.All(own.Opened, c => Assert.True(c.UnitCode == commune || c.UnitCode.StartsWith(commune + ".", StringComparison.Ordinal), c.UnitCode));
        Assert.All(own.Opened, c => Assert.Contains(c.UnitCode, staffed));
        Assert.Empty(own.Skipped);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/evaluation/cycles/{cycle.Id}/blockers")).StatusCode);
        Assert.NotNull(me.StaffCode);
    }

    [SkippableFact]
    public async Task A_person_seconded_for_most_of_the_period_is_evaluated_where_they_work_and_their_home_unit_reads_it_only()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);
        var (staff, staffMe) = await As(DemoAccounts.Staff);
        var home = staffMe.ScopeUnitCode;
        var receiving = await InDatabase(async db =>
        {
            var person = await db.Staff.SingleAsync(s => s.Code == staffMe.StaffCode);
            var commune = (await db.Units.SingleAsync(u => u.Code == home)).ParentCode!;
            var other = await db.Units.Where(u => u.ParentCode == commune && u.Code != home && u.Kind == UnitKind.Division).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
            db.Entry(person).State = EntityState.Detached;
            db.Staff.Update(person with { Secondments = [new Secondment { ToUnitCode = other, From = new DateOnly(2025, 12, 20), To = new DateOnly(2026, 2, 1) }] });
            var hasher = new PasswordHasher<UserAccount>();
            var account = new UserAccount { UserName = "truongttpv", DisplayName = "Trưởng TTPV", Role = Role.Manager, ScopeUnitCode = home, StaffCode = null, PasswordHash = "" };
            account.PasswordHash = hasher.HashPassword(account, DemoAccounts.Password);
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            return other;
        });
        var (homeManager, _) = await As("truongttpv");

        var opened = await Read<BulkOpenResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk",
            new { unitCodes = new[] { home, receiving }, periodKind = "Month", year = 2026, number = 1 }));
        var cycles = opened.Opened.ToDictionary(c => c.UnitCode, c => c.Id);
        var there = await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycles[receiving]}"));
        var here = await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycles[home]}"));
        var evaluation = there.Evaluations.Single(e => e.StaffCode == staffMe.StaffCode);
        var read = await homeManager.GetAsync($"/api/evaluation/evaluations/{evaluation.Id}");
        var rate = await homeManager.PutAsJsonAsync($"/api/evaluation/evaluations/{evaluation.Id}/rating", new { generalPoints = 25, taskPoints = 55, reason = "Thử" });
        var own = await Read<List<MyEvaluationResponse>>(await staff.GetAsync("/api/evaluation/my"));

        Assert.Equal(home, evaluation.HomeUnitCode);
        Assert.DoesNotContain(here.Evaluations, e => e.StaffCode == staffMe.StaffCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rate.StatusCode);
        Assert.Contains(own, m => m.Evaluation.Id == evaluation.Id && m.Cycle.UnitCode == receiving);
    }

    [SkippableFact]
    public async Task A_respondent_from_another_unit_asked_by_hr_sees_the_request_in_their_to_dos_and_answers_it()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);
        var (staff, staffMe) = await As(DemoAccounts.Staff);
        var (colleague, _) = await As(DemoAccounts.Colleagues[0]);
        var commune = await InDatabase(async db => (await db.Units.SingleAsync(u => u.Code == staffMe.ScopeUnitCode)).ParentCode!);
        var cycle = (await Read<BulkOpenResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk",
            new { unitCodes = new[] { commune }, periodKind = "Quarter", year = 2025, number = 3 }))).Opened.Single();
        var person = (await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycle.Id}"))).Evaluations[0];

        var asked = await Read<List<RespondentResponse>>(await hr.PostAsJsonAsync($"/api/evaluation/evaluations/{person.Id}/respondents",
            new { staffCodes = new[] { staffMe.StaffCode } }));
        var unknown = await hr.PostAsJsonAsync($"/api/evaluation/evaluations/{person.Id}/respondents", new { staffCodes = new[] { "KHONG-CO" } });
        await SelfAssessEveryoneBut("", new DateOnly(2025, 7, 1));
        await Read<CycleResponse>(await hr.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance", new { to = "Feedback360" }));
        var todos = await Read<List<ReminderResponse>>(await staff.GetAsync("/api/evaluation/reminders"));
        var answer = new { ratings = Feedback360.Questions.ToDictionary(q => q, _ => 4), comment = "Phối hợp tốt" };
        var answered = await staff.PostAsJsonAsync($"/api/evaluation/evaluations/{person.Id}/feedback", answer);
        var notAsked = await colleague.PostAsJsonAsync($"/api/evaluation/evaluations/{person.Id}/feedback", answer);
        var summary = await Read<FeedbackSummary>(await hr.GetAsync($"/api/evaluation/evaluations/{person.Id}/feedback"));

        Assert.Equal([staffMe.StaffCode], asked.Select(r => r.StaffCode));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains(todos, t => t.Kind == ReminderKind.Feedback360 && t.EvaluationId == person.Id);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAsked.StatusCode);
        Assert.False(summary.Shown);
    }

    [SkippableFact]
    public async Task Hr_records_leave_from_json_and_a_file_with_located_errors_and_a_person_away_all_month_blocks_nothing()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);
        var (manager, _) = await As(DemoAccounts.Manager);
        var (staff, staffMe) = await As(DemoAccounts.Staff);
        var (colleague, colleagueMe) = await As(DemoAccounts.Colleagues[1]);
        object[] leave =
        [
            new { staff_code = staffMe.StaffCode, kind = "maternity", from = "2025-10-01", to = "2025-11-01" },
            new { staff_code = colleagueMe.StaffCode, kind = "annual", from = "2025-10-06", to = "2025-10-10" },
        ];

        var bad = await Read<ValidationProblemDetails>(await hr.PostAsJsonAsync("/api/leave", new object[]
        {
            new { staff_code = "KHONG-CO", kind = "sick", from = "2025-10-01", to = "2025-10-05" },
            new { staff_code = staffMe.StaffCode, kind = "holiday", from = "2025-10-01", to = "2025-10-05" },
            new { staff_code = staffMe.StaffCode, kind = "sick", from = "2025-10-05", to = "2025-10-01" },
        }), HttpStatusCode.BadRequest);
        var first = await Read<LeaveSaved>(await hr.PostAsJsonAsync("/api/leave", leave));
        var again = await Read<LeaveSaved>(await hr.PostAsJsonAsync("/api/leave", leave));
        using var file = new MultipartFormDataContent
        {
            { new ByteArrayContent("staff_code,kind,from,to\n".Select(c => (byte)c).Concat(System.Text.Encoding.UTF8.GetBytes($"{colleagueMe.StaffCode},sick,2025-11-03,2025-11-07\n{colleagueMe.StaffCode},ốm,2025-11-10,2025-11-12\n")).ToArray()), "file", "leave.csv" },
        };
        var fileErrors = await Read<ValidationProblemDetails>(await hr.PostAsync("/api/leave/import", file), HttpStatusCode.BadRequest);
        var notStaff = await staff.GetAsync("/api/leave");
        var listed = await Read<List<LeaveResponse>>(await manager.GetAsync($"/api/leave?staff={staffMe.StaffCode}"));
        var cycle = await Read<CycleResponse>(await manager.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = staffMe.ScopeUnitCode, periodKind = "Month", year = 2025, number = 10 }), HttpStatusCode.Created);
        var blockers = await Read<CycleBlockersResponse>(await manager.GetAsync($"/api/evaluation/cycles/{cycle.Id}/blockers"));

        Assert.Equal(["[0].staff_code", "[1].kind", "[2].to"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((2, 0, 0), (first.Added, first.Changed, first.Unchanged));
        Assert.Equal((0, 0, 2), (again.Added, again.Changed, again.Unchanged));
        Assert.Equal(["leave.csv:3:kind"], fileErrors.Errors.Keys);
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        Assert.Equal([(GovKpi.Core.Evaluation.LeaveKind.Maternity, new DateOnly(2025, 11, 1))], listed.Select(x => (x.Kind, x.To)));
        Assert.DoesNotContain(blockers.Blockers, b => b.StaffCode == staffMe.StaffCode);
        Assert.Contains(blockers.Blockers, b => b.StaffCode == colleagueMe.StaffCode);
    }

    [SkippableFact]
    public async Task In_a_year_cycle_a_public_employee_on_sick_leave_four_months_is_held_at_ht_by_calibration()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);
        var (_, me) = await As(DemoAccounts.Colleagues[2]);
        await InDatabase(async db =>
        {
            var person = await db.Staff.SingleAsync(s => s.Code == me.StaffCode);
            db.Entry(person).State = EntityState.Detached;
            db.Staff.Update(person with { Type = StaffType.VienChuc });
            return await db.SaveChangesAsync();
        });
        await Read<LeaveSaved>(await hr.PostAsJsonAsync("/api/leave", new[] { new { staff_code = me.StaffCode, kind = "sick", from = "2025-02-01", to = "2025-06-01" } }));
        var cycle = (await Read<BulkOpenResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk",
            new { unitCodes = new[] { me.ScopeUnitCode }, periodKind = "Year", year = 2025 }))).Opened.Single();
        await SelfAssessEveryoneBut("", new DateOnly(2025, 1, 1));
        foreach (var to in new[] { "Feedback360", "ManagerRating" })
        {
            await Read<BulkAdvanceResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance", new { cycleIds = new[] { cycle.Id }, to }));
        }

        foreach (var e in (await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycle.Id}"))).Evaluations)
        {
            await Read<EvaluationResponse>(await hr.PutAsJsonAsync($"/api/evaluation/evaluations/{e.Id}/rating", new { generalPoints = 25, taskPoints = 55, reason = "Theo kết quả KPI cả năm" }));
        }

        foreach (var to in new[] { "CollectiveReview", "Calibration", "HeadApproval" })
        {
            await Read<BulkAdvanceResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance", new { cycleIds = new[] { cycle.Id }, to }));
        }

        var people = (await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycle.Id}"))).Evaluations;
        var away = people.Single(e => e.StaffCode == me.StaffCode);
        var trail = await Read<AuditTrailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));

        Assert.Equal((ClassificationLevel.Htt, ClassificationLevel.Ht), (away.BandLevel, away.Level));
        Assert.All(people.Where(e => e.StaffCode != me.StaffCode), e => Assert.Equal(ClassificationLevel.Htt, e.Level));
        Assert.Contains(trail.Entries, e => e is { Action: "LevelSet", NewValue: "Ht" } && e.StaffCode == me.StaffCode && e.Reason.Contains("do thời gian nghỉ trong năm"));
    }
}

public sealed class SqliteProvinceCycleTests(SqliteDemoProvinceApp app) : ProvinceCycleTests<SqliteDemoProvinceApp>(app), IClassFixture<SqliteDemoProvinceApp>;

public sealed class PostgresProvinceCycleTests(PostgresDemoProvinceApp app) : ProvinceCycleTests<PostgresDemoProvinceApp>(app), IClassFixture<PostgresDemoProvinceApp>;
