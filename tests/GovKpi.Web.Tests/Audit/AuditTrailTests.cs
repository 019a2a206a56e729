using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using CsvHelper;
using GovKpi.Core.Access;
using GovKpi.Core.Tasks;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Audit;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Audit;

/// <summary>
/// The auditor's page and API over the trails of the small test province: a person added and
/// renamed and an account created by HR, a cycle opened, a task assigned, a measurement batch and
/// a leave; each source read in Vietnamese words, filtered, scoped and exported; on both databases.
/// </summary>
public abstract class AuditTrailTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private static readonly ConcurrentDictionary<GovKpiApp, Lazy<Task<Trail>>> Seeded = new();

    /// <summary>What the seeding wrote: the people added in C1 and C2, the opened cycle and the commune HR of C2.</summary>
    private sealed record Trail(string InC1, string InC2, Guid Cycle, string CommuneHr);

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private Task<Trail> SeedAsync() => Seeded.GetOrAdd(app, a => new Lazy<Task<Trail>>(() => WriteTrailsAsync((TApp)a))).Value;

    private static async Task<Trail> WriteTrailsAsync(TApp app)
    {
        var p = "A" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        using var hr = await app.SignedInAsync("hr");
        await Ok(await hr.PostAsJsonAsync("/api/organisation/staff", new
        {
            code = p + "1", full_name = "Bùi Thị Mai", type = "cong_chuc", unit_code = "C1-TT", position_code = "CV-TCCB", effective_from = "2026-01-01",
        }));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Ok(await hr.PutAsJsonAsync($"/api/organisation/staff/{p}1", new { full_name = "Bùi Thị Mai Anh" }));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Ok(await hr.PostAsJsonAsync("/api/organisation/staff", new
        {
            code = p + "2", full_name = "Hồ Văn Nam", type = "cong_chuc", unit_code = "C2-TT", position_code = "CV-TCCB", effective_from = "2026-01-01",
        }));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Ok(await hr.PostAsJsonAsync("/api/accounts", new { userName = p.ToLowerInvariant() + "1", role = "staff", staffCode = p + "1", password = "Mai@2026-audit" }));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var opened = await hr.PostAsJsonAsync("/api/evaluation/cycles", new { unitCode = "C1-TT", periodKind = "Quarter", year = 2026, number = 1 });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var cycle = (await opened.Content.ReadFromJsonAsync<IdOnly>(ApiJson.Options))!.Id;
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await Ok(await hr.PostAsJsonAsync("/api/leave", new[] { new { staff_code = "S004", kind = "sick", from = "2026-03-09", to = "2026-03-11" } }));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Ok(await hr.PostAsJsonAsync("/api/leave", new[] { new { staff_code = "S004", kind = "sick", from = "2026-03-09", to = "2026-03-13" } }));
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var commune = ("hr-" + p).ToLowerInvariant();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var now = app.Clock.GetUtcNow();
            db.TaskAssignments.Add(new TaskAssignment
            {
                Id = "eoffice:" + p, Source = "eoffice", UnitCode = "C1-TT", StaffCode = "S001", TaskTypeCode = "VB", CatalogueAgencyCode = "KH",
                Quantity = 1, AssignedOn = new DateOnly(2026, 3, 2), DueOn = new DateOnly(2026, 3, 31), ExpectedProduct = "Tờ trình",
                QualityCheck = "Đúng thể thức", AssignedBy = "manager", AssignedAt = now,
            });
            db.TaskAudit.Add(new TaskAuditEntry
            {
                TaskId = "eoffice:" + p, At = now, Actor = "manager", ActorRole = nameof(Role.Manager), Action = TaskActions.Assigned,
                Field = "task", OldValue = "", NewValue = "VB × 1 Tờ trình", Reason = "",
            });
            var batch = Guid.NewGuid();
            db.Quarantine.Add(new QuarantinedRow
            {
                BatchId = batch, Kind = RecordKind.Dossier, File = $"dossiers-{p}.csv", Line = 7, Column = "received_at", Reason = "ngày không hợp lệ",
                RawJson = "{}", Status = QuarantineStatus.Discarded, ResolvedBy = "hr", ResolvedAt = now,
            });
            db.ImportBatches.Add(new ImportBatch
            {
                Id = batch, Source = ImportSource.Upload, FileName = $"dossiers-{p}.csv", ImportedBy = "hr", StartedAt = now, FinishedAt = now,
                Status = ImportStatus.Completed, Read = 12, Inserted = 12,
            });
            var account = new UserAccount { UserName = commune, DisplayName = "HR phường", Role = Role.Hr, ScopeUnitCode = "C2", PasswordHash = "" };
            account.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<UserAccount>>().HashPassword(account, app.Password);
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
        }

        return new Trail(p + "1", p + "2", cycle, commune);
    }

    private sealed record IdOnly(Guid Id);

    private static async Task Ok(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    private static async Task<AuditPage> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/audit?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return System.Text.Json.JsonSerializer.Deserialize<AuditPage>(body, ApiJson.Options)!;
    }

    [SkippableFact]
    public async Task The_auditor_reads_each_trail_in_Vietnamese_words_newest_first()
    {
        RequireDatabase();
        var trail = await SeedAsync();
        using var auditor = await app.SignedInAsync("auditor");

        var all = await PageAsync(auditor, "");
        var organisation = await PageAsync(auditor, $"source=organisation&staff={trail.InC1}");
        var accounts = await PageAsync(auditor, $"source=accounts&staff={trail.InC1}");
        var evaluation = await PageAsync(auditor, $"source=evaluation&cycle={trail.Cycle}");
        var tasks = await PageAsync(auditor, "source=tasks&staff=S001");
        var imports = await PageAsync(auditor, "source=imports");

        Assert.Equal(all.Rows.OrderByDescending(r => r.At).Select(r => r.At), all.Rows.Select(r => r.At));
        Assert.Equal(["Tổ chức", "Tài khoản", "Kỳ đánh giá", "Nhiệm vụ", "Nhập dữ liệu"],
            new[] { organisation, accounts, evaluation, tasks, imports }.Select(p => p.Rows.Select(r => r.SourceName).Distinct().Single()));
        var renamed = organisation.Rows.Single(r => r.What == "Sửa thông tin cán bộ");
        Assert.Equal(("Họ và tên", "Bùi Thị Mai", "Bùi Thị Mai Anh", "Tổ chức cán bộ (Sở Nội vụ)", "Qua API"),
            (renamed.FieldName, renamed.OldValue, renamed.NewValue, renamed.Role, renamed.Reason));
        Assert.Contains($"Bùi Thị Mai Anh ({trail.InC1})", renamed.About);
        Assert.Contains(organisation.Rows, r => r.What == "Thêm cán bộ");
        Assert.Contains(accounts.Rows, r => r.What == "Tạo tài khoản" && r.FieldName == "Vai trò" && r.NewValue == "Cán bộ, công chức" && r.Who == "hr");
        Assert.Contains(evaluation.Rows, r => r.What == "Mở kỳ đánh giá" && r.About.EndsWith("Trung tâm Phục vụ hành chính công xã Ninh Hòa Mới — Quý 1/2026", StringComparison.Ordinal));
        Assert.Contains(evaluation.Rows, r => r.What == "Đưa cán bộ vào kỳ đánh giá" && r.About.StartsWith("Trần Thị Hồng (S001)", StringComparison.Ordinal));
        Assert.Contains(tasks.Rows, r => r.What == "Giao nhiệm vụ" && r.Role == "Lãnh đạo quản lý" && r.FieldName == "Nhiệm vụ");
        Assert.Contains(imports.Rows, r => r.What == "Nhập số liệu đo lường" && r.FieldName == "Số bản ghi thêm mới" && r.NewValue == "12");
        Assert.Contains(imports.Rows, r => r.What == "Bỏ dòng số liệu bị cách ly" && r.About.EndsWith(".csv:7", StringComparison.Ordinal) && r.Reason == "ngày không hợp lệ");
        Assert.Contains(imports.Rows, r => r.What == "Ghi nhận nghỉ" && r.FieldName == "Nghỉ ốm" && r.NewValue == "09/03/2026 – 10/03/2026" && r.Who == "hr");
        Assert.Contains(imports.Rows, r => r.What == "Sửa ngày kết thúc nghỉ" && (r.OldValue, r.NewValue) == ("09/03/2026 – 10/03/2026", "09/03/2026 – 12/03/2026"));
        Assert.All(all.Rows, r => Assert.Matches(@"^\d\d/\d\d/\d{4} \d\d:\d\d$", r.Time));
    }

    [SkippableFact]
    public async Task A_new_kpi_definition_is_in_the_trail_worded_with_its_author_and_values()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var auditor = await app.SignedInAsync("auditor");
        await Ok(await hr.PostAsJsonAsync("/api/kpis", new
        {
            code = "audited_on_time", nameVi = "Tỷ lệ hồ sơ đúng hạn (thử nhật ký)", nameEn = "On-time rate (trail test)",
            kind = "Quantitative", formulaRef = "on_time_rate", unitOfMeasure = "%", direction = "HigherIsBetter",
            target = 95, dataSource = "dossiers", period = "Month", effectiveFrom = "2026-01-01",
        }));

        var library = await PageAsync(auditor, "source=kpilibrary&q=audited_on_time");

        Assert.NotEmpty(library.Rows);
        Assert.All(library.Rows, r => Assert.Equal(("Thư viện KPI", "Tạo KPI", "hr"), (r.SourceName, r.What, r.Who)));
        Assert.Contains(library.Rows, r => r.NewValue == "Tỷ lệ hồ sơ đúng hạn (thử nhật ký)");
    }

    [SkippableFact]
    public async Task Filters_narrow_the_trail_by_source_dates_actor_staff_cycle_and_words()
    {
        RequireDatabase();
        var trail = await SeedAsync();
        using var auditor = await app.SignedInAsync("auditor");
        var today = GovKpi.Core.VietnamTime.Today(app.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var byStaff = await PageAsync(auditor, $"staff={trail.InC1}");
        var byCycle = await PageAsync(auditor, $"cycle={trail.Cycle}");
        var byActor = await PageAsync(auditor, "actor=manager");
        var byWords = await PageAsync(auditor, $"q={Uri.EscapeDataString("sửa thông tin")}&staff={trail.InC1}");
        var byWordsWithoutMarks = await PageAsync(auditor, $"q=sua+thong+tin&staff={trail.InC1}");
        var byValue = await PageAsync(auditor, $"q={Uri.EscapeDataString("dossiers-")}");
        var future = await PageAsync(auditor, "from=2030-01-01");
        var thisDay = await PageAsync(auditor, $"from={today}&to={today}&source=organisation&staff={trail.InC1}");
        var wrong = await auditor.GetAsync("/api/audit?from=15-03-2026&source=everything");

        Assert.All(byStaff.Rows, r => Assert.Equal(trail.InC1, r.StaffCode));
        Assert.Equal(["Kỳ đánh giá"], byCycle.Rows.Select(r => r.SourceName).Distinct());
        Assert.Equal(["Nhiệm vụ"], byActor.Rows.Select(r => r.SourceName).Distinct());
        Assert.Equal(["Sửa thông tin cán bộ"], byWords.Rows.Select(r => r.What).Distinct());
        Assert.Equal(byWords.Rows.Select(r => r.What), byWordsWithoutMarks.Rows.Select(r => r.What));
        Assert.Equal(["Bỏ dòng số liệu bị cách ly", "Nhập số liệu đo lường"], byValue.Rows.Select(r => r.What).Order(StringComparer.Ordinal));
        Assert.Empty(future.Rows);
        Assert.Equal(["Sửa thông tin cán bộ", "Thêm cán bộ"], thisDay.Rows.Select(r => r.What).Distinct());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var problem = (await wrong.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Equal(["from", "source"], problem.Errors.Keys.Order());
    }

    [SkippableFact]
    public async Task Staff_and_managers_are_refused_the_trail_its_page_and_its_exports()
    {
        RequireDatabase();
        await SeedAsync();
        using var staff = await app.SignedInAsync("staff");
        using var manager = await app.SignedInAsync("manager");

        foreach (var client in new[] { staff, manager })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit/export.xlsx")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit/export.csv")).StatusCode);
            var page = await client.GetAsync("/audit");
            Assert.NotEqual("/audit", page.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.DoesNotContain("audit-filters", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_reader_scoped_to_a_commune_sees_only_the_changes_within_it()
    {
        RequireDatabase();
        var trail = await SeedAsync();
        using var communeHr = await app.SignedInAsync(trail.CommuneHr);

        var seen = await PageAsync(communeHr, "");

        Assert.Contains(seen.Rows, r => r.StaffCode == trail.InC2 && r.What == "Thêm cán bộ");
        Assert.Contains(seen.Rows, r => r.What == "Ghi nhận nghỉ" && r.StaffCode == "S004");
        Assert.DoesNotContain(seen.Rows, r => r.StaffCode == trail.InC1 || r.StaffCode == "S001");
        Assert.DoesNotContain(seen.Rows, r => r.Source is "Evaluation" or "Tasks" or "Accounts");
        Assert.DoesNotContain(seen.Rows, r => r.What is "Nhập số liệu đo lường" or "Bỏ dòng số liệu bị cách ly");
    }

    [SkippableFact]
    public async Task The_xlsx_and_csv_exports_open_and_hold_the_filtered_rows_under_Vietnamese_headers()
    {
        RequireDatabase();
        var trail = await SeedAsync();
        using var auditor = await app.SignedInAsync("auditor");
        var query = $"source=organisation&staff={trail.InC1}";
        var expected = (await PageAsync(auditor, query)).Rows.Select(r => new[] { r.Time, r.What, r.FieldName, r.OldValue, r.NewValue }).ToList();
        string[] header = ["Thời gian", "Nguồn", "Người thực hiện", "Vai trò", "Hành động", "Đối tượng", "Nội dung thay đổi", "Giá trị cũ", "Giá trị mới", "Lý do, ghi chú"];

        var xlsx = await auditor.GetAsync("/api/audit/export.xlsx?" + query);
        var csv = await auditor.GetAsync("/api/audit/export.csv?" + query);

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync()))
        {
            var sheet = workbook.Worksheets.First();
            Assert.Equal(header, Enumerable.Range(1, header.Length).Select(c => sheet.Cell(3, c).GetString()));
            var rows = Enumerable.Range(4, sheet.LastRowUsed()!.RowNumber() - 3)
                .Select(r => new[] { 1, 5, 7, 8, 9 }.Select(c => sheet.Cell(r, c).GetString()).ToArray()).ToList();
            Assert.Equal(expected, rows);
        }

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        using var reader = new StreamReader(await csv.Content.ReadAsStreamAsync());
        using var parser = new CsvReader(reader, CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        Assert.True(await parser.ReadAsync());
        parser.ReadHeader();
        Assert.Equal(header, parser.HeaderRecord);
        while (await parser.ReadAsync())
        {
            records.Add(new[] { 0, 4, 6, 7, 8 }.Select(i => parser.GetField(i)!).ToArray());
        }

        Assert.Equal(expected, records);
    }
}

public sealed class SqliteAuditTrailTests(SqliteApp app) : AuditTrailTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresAuditTrailTests(PostgresApp app) : AuditTrailTests<PostgresApp>(app), IClassFixture<PostgresApp>;
