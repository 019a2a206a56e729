using ClosedXML.Excel;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// The delegated-task register in a browser on a phone and a laptop: HR imports a ministry's .xlsx
/// list, the province view shows the task with its communes and those that have not reported, and
/// the task page records an inspection. The demo's today is 8 December 2026.
/// </summary>
public sealed class DelegatedTaskPagesTests(DemoSite site) : IClassFixture<DemoSite>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("govkpi-delegated-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task HR_imports_a_ministry_list_sees_the_communes_that_have_not_reported_and_records_an_inspection(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Hr);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        List<Unit> communes;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            communes = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().Units.AsNoTracking()
                .Where(u => u.Kind == UnitKind.Commune && u.EffectiveTo == null).OrderBy(u => u.Code).Take(2).ToListAsync();
        }

        var code = $"KHCN-{width}";
        var file = Path.Combine(_files, "bo-khcn.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("delegated_tasks");
            string[] header = ["code", "title", "source_body", "legal_basis", "kind", "from_level", "to_level", "receiving_unit_codes", "start_on", "due_on", "report_rhythm"];
            string[] row = [code, "Cấp giấy phép hoạt động dịch vụ khoa học và công nghệ", "Bộ Khoa học và Công nghệ", "Nghị định 133/2025/NĐ-CP",
                "decentralised", "ministry", "commune", string.Join(';', communes.Select(c => c.Code)), "2026-07-01", "2027-06-30", "quarterly"];
            for (var c = 0; c < header.Length; c++)
            {
                sheet.Cell(1, c + 1).SetValue(header[c]);
                sheet.Cell(2, c + 1).SetValue(row[c]);
            }

            workbook.SaveAs(file);
        }

        await page.GotoAsync("/delegated-tasks");
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập danh mục" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("imported")).ToHaveTextAsync("Đã nhập 1 nhiệm vụ.");
        var task = page.Locator($"tr[data-task='{code}']");
        foreach (var commune in communes)
        {
            await Assertions.Expect(task.Locator($"li[data-unit='{commune.Code}']")).ToContainTextAsync($"{commune.NameVi}: 0 % chưa báo cáo kỳ 30/09/2026");
            await Assertions.Expect(page.GetByTestId("missing-reports")).ToContainTextAsync($"{code} — {commune.NameVi}: chưa báo cáo kỳ 30/09/2026");
        }

        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"delegated-tasks-{width}.png"), FullPage = true });

        await task.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await page.GetByLabel("Cơ quan, người kiểm tra").FillAsync("Thanh tra Bộ Khoa học và Công nghệ");
        await page.GetByLabel("Ngày kiểm tra").FillAsync("2026-12-01");
        await page.GetByLabel("Kết luận, phát hiện").FillAsync("Chưa niêm yết thủ tục tại bộ phận một cửa.");
        await page.GetByLabel("Việc cần khắc phục").FillAsync("Niêm yết thủ tục, báo cáo kết quả.");
        await page.Locator("#i-due").FillAsync("2026-12-31");
        await page.GetByTestId("inspect-form").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("inspection")).ToContainTextAsync("Kiểm tra 1 · 01/12/2026 · Thanh tra Bộ Khoa học và Công nghệ");
        await Assertions.Expect(page.GetByTestId("inspection")).ToContainTextAsync("Chưa niêm yết thủ tục tại bộ phận một cửa.");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"delegated-task-{width}.png"), FullPage = true });
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task HR_registers_a_task_by_the_form_sees_located_messages_then_reports_for_a_commune(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Hr);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        string commune;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            commune = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().Units.AsNoTracking()
                .Where(u => u.Kind == UnitKind.Commune && u.EffectiveTo == null).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
        }

        await page.GotoAsync("/delegated-tasks/new");
        await page.GetByLabel("Mã nhiệm vụ").FillAsync($"NV-FORM-{width}");
        await page.GetByLabel("Tên nhiệm vụ").FillAsync("Thẩm định hồ sơ cấp phép xây dựng");
        await page.GetByLabel("Cơ quan giao").FillAsync("Bộ Xây dựng");
        await page.GetByLabel("Căn cứ pháp lý").FillAsync("Nghị định 140/2025/NĐ-CP");
        await page.GetByLabel("Cấp nhận").SelectOptionAsync("commune");
        await page.GetByLabel("Ngày bắt đầu").FillAsync("2026-10-01");
        await page.GetByLabel("Thời hạn").FillAsync("2026-09-01");
        await page.Locator("#f-receiving_unit_codes").SelectOptionAsync(commune);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field=due_on]")).ToHaveTextAsync("Thời hạn 01/09/2026 phải sau ngày bắt đầu 01/10/2026.");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"delegated-task-form-{width}.png"), FullPage = true });

        await page.GetByLabel("Thời hạn").FillAsync("2027-03-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.ArrivesAtAsync($@"/delegated-tasks/task\?code=NV-FORM-{width}$");
        await page.GetByLabel("Hoàn thành (%)").FillAsync("100");
        await page.GetByLabel("Nội dung báo cáo").FillAsync("Đã thẩm định 12 hồ sơ.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("reports")).ToContainTextAsync("08/12/2026");
        await Assertions.Expect(page.GetByTestId("task")).ToContainTextAsync("Đã hoàn thành");
    }
}
