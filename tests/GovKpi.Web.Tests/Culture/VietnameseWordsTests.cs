using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Data.Resources;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Tests.Evaluation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Culture;

/// <summary>
/// What a person reads on the Vietnamese pages of the demo province is Vietnamese: the cycle's trail
/// as sentences, dossier states, skills, the quarantine's reasons and columns, parse errors; and a
/// sweep of every page each demo role's menu reaches finds no internal code and no English word of
/// the app's vocabulary. On both databases.
/// </summary>
public abstract partial class VietnameseWordsTests<TApp>(TApp app) where TApp : DemoProvinceApp
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The time the command line's English called "not a valid time" (no 30 February).</summary>
    private const string NoSuchTime = "2025-02-30T08:00:00+07:00";

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

    private static async Task<IDocument> Page(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>The words a person reads: the text of the element without the codes shown as codes (<c>code</c>, <c>kbd</c>, <c>samp</c>, <c>pre</c>) or scripts.</summary>
    private static string Visible(IElement? element)
    {
        Assert.NotNull(element);
        var copy = (IElement)element.Clone();
        foreach (var hidden in copy.QuerySelectorAll("code, kbd, samp, pre, script, style, template").ToList())
        {
            hidden.Remove();
        }

        // Cells and items read apart: their texts joined with a space, not run together.
        return Regex.Replace(string.Join(' ', copy.GetDescendants().OfType<IText>().Select(t => t.Data)), @"\s+", " ");
    }

    /// <summary>A cycle of the manager's commune, opened and moved past self-assessment by HR, as the finding's trail was.</summary>
    private async Task<(Guid Cycle, EvaluationSummary Person)> OpenedAndAdvancedAsync(string periodKind, int number)
    {
        var (manager, me) = await As(DemoAccounts.Manager);
        var (hr, _) = await As(DemoAccounts.Hr);
        var cycle = await Read<CycleResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = me.ScopeUnitCode, periodKind, year = 2026, number }), HttpStatusCode.Created);
        await Read<JsonElement>(await hr.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance",
            new { to = nameof(CycleStage.Feedback360), reason = "Quá hạn tự đánh giá, đã nhắc", confirm = true }));
        var detail = await Read<CycleDetailResponse>(await manager.GetAsync($"/api/evaluation/cycles/{cycle.Id}"));
        return (cycle.Id, detail.Evaluations[0]);
    }

    [SkippableFact]
    public async Task The_cycle_trail_reads_as_sentences_naming_the_person_and_the_stages()
    {
        RequireDatabase();
        var (cycle, person) = await OpenedAndAdvancedAsync("Quarter", 1);
        var (manager, _) = await As(DemoAccounts.Manager);

        var trail = Visible((await Page(manager, $"/evaluation/cycles/{cycle}")).QuerySelector("[data-testid=audit]"));

        Assert.Contains($"Mở kỳ đánh giá cho {person.StaffName} ({person.StaffCode})", trail, StringComparison.Ordinal);
        Assert.Contains("Chuyển bước", trail, StringComparison.Ordinal);
        Assert.Contains("Góp ý 360°", trail, StringComparison.Ordinal);
        foreach (var code in new[] { "EvaluationOpened", "StageAdvanced", "SelfAssessment", "Feedback360", "person", "stage" })
        {
            Assert.DoesNotContain(code, trail, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Dossier_states_on_the_explanation_page_are_in_Vietnamese()
    {
        RequireDatabase();
        var (manager, me) = await As(DemoAccounts.Manager);

        var page = await Page(manager, $"/kpis/explain?kpi=on_time_rate&scope=subtree&code={me.ScopeUnitCode}&from=2025-06-01&to=2026-03-01");
        var records = Visible(page.QuerySelector("[data-testid^=records-]"));

        Assert.Contains("Đã trả kết quả", records, StringComparison.Ordinal);
        foreach (var state in Enum.GetNames<DossierStatus>())
        {
            Assert.DoesNotContain(state, records, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Skills_on_a_unit_page_are_named_in_Vietnamese()
    {
        RequireDatabase();
        var unit = await InDatabase(async db =>
            (await db.Staff.AsNoTracking().ToListAsync()).First(s => s.Skills.Contains("customer_service")).UnitCode);
        var (leader, _) = await As(DemoAccounts.Leader);

        var text = Visible((await Page(leader, $"/organisation/{unit}")).Body);

        Assert.Contains("Tiếp dân, phục vụ người dân", text, StringComparison.Ordinal);
        Assert.DoesNotContain("customer_service", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_reason_the_command_line_stored_in_English_reads_in_Vietnamese_in_the_quarantine_with_the_file_s_column_names()
    {
        RequireDatabase();
        var id = await QuarantinedByTheCommandLineAsync();
        var (hr, _) = await As(DemoAccounts.Hr);

        var list = Visible((await Page(hr, "/measurement/quarantine")).QuerySelector("[data-testid=quarantine]"));
        var row = await Page(hr, $"/measurement/quarantine/{id}");

        Assert.Contains($"'{NoSuchTime}' không phải thời điểm hợp lệ: không có ngày hoặc giờ này", list, StringComparison.Ordinal);
        Assert.Contains(": bắt buộc nhưng đang để trống", list, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a valid time", list, StringComparison.Ordinal);
        Assert.DoesNotContain("required", list, StringComparison.Ordinal);
        var label = row.QuerySelector("label[for=field-received_at]");
        Assert.Equal("Thời điểm tiếp nhận", Visible(label).Trim());
        Assert.Contains(row.QuerySelectorAll("[data-testid=reason] code"), c => c.TextContent == "due_at");
        Assert.Equal("received_at", label!.QuerySelector("code")!.TextContent);
        Assert.Contains("không phải thời điểm hợp lệ", Visible(row.QuerySelector("[data-testid=reason]")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_time_that_does_not_exist_is_refused_on_the_correction_form_in_Vietnamese_at_its_column()
    {
        RequireDatabase();
        var id = await QuarantinedByTheCommandLineAsync();
        var (hr, _) = await As(DemoAccounts.Hr);
        var form = (await Page(hr, $"/measurement/quarantine/{id}")).QuerySelector("form.card")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["field.received_at"] = NoSuchTime;
        fields["field.due_at"] = "2025-03-05T17:00:00+07:00";

        var response = await hr.PostAsync($"/measurement/quarantine/{id}?handler=Resubmit", new FormUrlEncodedContent(fields));
        var errors = (await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[data-testid=quarantine-errors]");

        Assert.NotNull(errors);
        Assert.Equal("received_at", errors.QuerySelector("code")!.TextContent);
        Assert.Contains($"'{NoSuchTime}' không phải thời điểm hợp lệ", Visible(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("not a valid", Visible(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_CSV_row_is_refused_in_Vietnamese_without_the_parser_s_English_and_keeps_its_line()
    {
        var text = string.Join(",", RecordDefinitions.Dossiers.ColumnNames) + "\n\"B,1.001193\nC,2\n";
        var diagnostics = new CsvDiagnostics(stopAtFirstError: false);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            _ = DossierCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "dossiers.csv", diagnostics).ToList();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }

        var error = diagnostics.FirstError;
        Assert.NotNull(error);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("CSV sai định dạng: có dấu nháy kép chưa đóng", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotMatch(EnglishWords(), error.Reason);
    }

    [SkippableFact]
    public async Task An_organisation_import_is_refused_in_Vietnamese_at_each_field()
    {
        RequireDatabase();
        var (hr, _) = await As(DemoAccounts.Hr);

        var response = await hr.PostAsJsonAsync("/api/organisation/import", new
        {
            units = new[] { new { code = "ZZ1", name_vi = "Phòng thử", kind = "division", parent_code = "KHONG-CO", effective_from = "2026-01-01" } },
        });
        var problem = await Read<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(response, HttpStatusCode.BadRequest);

        Assert.Equal("không có đơn vị cấp trên 'KHONG-CO'", Assert.Single(problem.Errors["units[0].parent_code"]));
    }

    /// <summary>
    /// Every page each demo role's menu reaches, and the pages those link to (one of each route),
    /// with a cycle past its first stage and a quarantined row in the data: no enum-like identifier
    /// and no English word of the app's vocabulary in what a person reads.
    /// </summary>
    [SkippableFact]
    public async Task Every_page_a_role_s_menu_reaches_reads_without_internal_codes_or_English()
    {
        RequireDatabase();
        await OpenedAndAdvancedAsync("Month", 1);
        await QuarantinedByTheCommandLineAsync();
        var leaks = new List<string>();

        foreach (var role in new[] { DemoAccounts.Staff, DemoAccounts.Manager, DemoAccounts.Hr, DemoAccounts.Leader, DemoAccounts.Auditor })
        {
            var (client, _) = await As(role);
            var home = await Page(client, "/");
            var menu = home.QuerySelectorAll("header nav a[href]").Select(a => a.GetAttribute("href")!).Where(Crawlable).ToList();
            var routes = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<(string Url, int Depth)>(menu.Prepend("/").Select(u => (u, 0)));
            while (queue.TryDequeue(out var next))
            {
                if (!routes.Add(Route(next.Url)))
                {
                    continue;
                }

                var page = await Page(client, next.Url);
                var main = page.QuerySelector("main") ?? page.Body;
                foreach (var leak in Leaks(Visible(main)))
                {
                    leaks.Add($"{role} {next.Url}: {leak}");
                }

                if (next.Depth == 0)
                {
                    foreach (var link in main!.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(Crawlable))
                    {
                        queue.Enqueue((link, 1));
                    }
                }
            }
        }

        Assert.True(leaks.Count == 0, "Leaks on Vietnamese pages:\n" + string.Join("\n", leaks.Distinct()));
    }

    /// <summary>
    /// Pages another branch is localising now (issue 15): they are read by this sweep once merged.
    /// </summary>
    private static bool Crawlable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api", StringComparison.Ordinal)
        && !href.Contains("culture=", StringComparison.Ordinal) && !href.Contains('#', StringComparison.Ordinal)
        && !href.EndsWith(".xlsx", StringComparison.Ordinal) && !href.EndsWith(".pdf", StringComparison.Ordinal) && !href.EndsWith(".csv", StringComparison.Ordinal);

    /// <summary>One page per route: the path with its codes and ids replaced, without the query.</summary>
    private static string Route(string url)
    {
        var path = url.Split('?')[0];
        return string.Join('/', path.Split('/').Select(s => s.Length > 0 && (s.Any(char.IsDigit) || s.Any(char.IsUpper)) ? "*" : s));
    }

    private static IEnumerable<string> Leaks(string text) =>
        PascalCase().Matches(text).Select(m => m.Value).Where(w => !ProperNames.Contains(w))
            .Concat(SnakeCase().Matches(text).Select(m => m.Value))
            .Concat(EnglishWords().Matches(text).Select(m => m.Value))
            .Distinct();

    /// <summary>Names that are names, not codes.</summary>
    private static readonly HashSet<string> ProperNames = new(StringComparer.Ordinal) { "GovKpi" };

    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b")]
    private static partial Regex PascalCase();

    [GeneratedRegex(@"\b[a-z]+_[a-z_]+\b")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"\b(required|unknown|must|invalid|malformed|Pending|Draft|Approved|Published|Locked|not a valid|is not)\b")]
    private static partial Regex EnglishWords();

    /// <summary>A row the command line quarantined: its reasons worded in English, as <c>govkpi import</c> words them.</summary>
    private async Task<long> QuarantinedByTheCommandLineAsync()
    {
        string reason;
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            reason = DataText.Get("Record.NoSuchTime", NoSuchTime) + "; due_at: " + DataText.Get("Record.Required");
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }

        return await InDatabase(async db =>
        {
            var batch = Guid.NewGuid();
            var now = app.Clock.GetUtcNow();
            db.ImportBatches.Add(new ImportBatch
            {
                Id = batch, Source = ImportSource.Cli, FileName = "dossiers.csv", ImportedBy = "console:hr", StartedAt = now, FinishedAt = now,
                Status = ImportStatus.Completed, Read = 1, Invalid = 1,
            });
            var row = new QuarantinedRow
            {
                BatchId = batch, Kind = RecordKind.Dossier, File = "dossiers.csv", Line = 2, Column = "received_at", Reason = reason,
                RawJson = JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["dossier_id"] = "Q-" + batch.ToString("N")[..8], ["procedure_code"] = "1.001193", ["unit_code"] = "KH", ["channel"] = "online",
                    ["received_at"] = NoSuchTime, ["due_at"] = "", ["status"] = "received", ["updated_at"] = "2025-03-01T08:00:00+07:00",
                }),
                Status = QuarantineStatus.Open,
            };
            db.Quarantine.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
    }

    private async Task<T> InDatabase<T>(Func<GovKpiDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GovKpiDbContext>());
    }
}

public sealed class SqliteVietnameseWordsTests(SqliteDemoProvinceApp app) : VietnameseWordsTests<SqliteDemoProvinceApp>(app), IClassFixture<SqliteDemoProvinceApp>;

public sealed class PostgresVietnameseWordsTests(PostgresDemoProvinceApp app) : VietnameseWordsTests<PostgresDemoProvinceApp>(app), IClassFixture<PostgresDemoProvinceApp>;
