using System.Text;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class OrganisationImportTests(DemoSite site) : IClassFixture<DemoSite>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("govkpi-org-upload-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private async Task<IPage> HrPageAsync(int width, int height)
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
        await page.GotoAsync("/organisation/import");
        return page;
    }

    private string Write(string folder, string name, string content)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_files, folder)).FullName;
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private async Task<(string Unit, string Position)> SomeUnitAndPositionAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var member = await db.Staff.AsNoTracking().OrderBy(s => s.Code).FirstAsync();
        return (member.UnitCode, member.PositionCode);
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task HR_uploads_organisation_files_and_sees_the_summary_then_nothing_changed_on_the_second_upload(int width, int height)
    {
        var page = await HrPageAsync(width, height);
        var (unit, position) = await SomeUnitAndPositionAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"organisation-import-{width}.png"), FullPage = true });
        Assert.Equal("Nhập cơ cấu tổ chức, cán bộ và tài khoản", await page.Locator("h1").InnerTextAsync());
        var staff = Write($"ok-{width}", "staff.csv",
            $"code,full_name,type,unit_code,position_code,effective_from\nUP{width},Trương Thị Mai,vien_chuc,{unit},{position},2026-01-01\n");
        var accounts = Write($"ok-{width}", "accounts.csv", $"user_name,role,staff_code\nmai{width},staff,UP{width}\n");

        await page.Locator("input[type=file]").SetInputFilesAsync([staff, accounts]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        var state = page.Locator("#org-import-state");
        await Assertions.Expect(state).ToHaveTextAsync("Đã nhập xong");
        await Assertions.Expect(page.Locator("#org-import-summary tbody tr")).ToHaveCountAsync(2);
        Assert.Equal(["staff", "1", "0", "0", "0"], await page.Locator("#org-import-summary tbody tr").First.Locator("td").AllInnerTextsAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"organisation-import-done-{width}.png"), FullPage = true });

        await page.Locator("input[type=file]").SetInputFilesAsync([staff, accounts]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        await Assertions.Expect(state).ToHaveTextAsync("Đã nhập xong: không có gì thay đổi");
    }

    [SkippableFact]
    public async Task HR_sees_every_located_problem_of_an_invalid_upload()
    {
        var page = await HrPageAsync(390, 844);
        var (unit, _) = await SomeUnitAndPositionAsync();
        var units = Write("bad", "units.csv", "code,name_vi,kind,parent_code,effective_from\nZZ1,Phòng thử,division,KHONG-CO,2025-07-01\n");
        var staff = Write("bad", "staff.csv", $"code,full_name,type,unit_code,position_code\nZZ9,Ngô Văn Nam,cong_chuc,{unit},KHONG-CO\nZZ8,,cong_chuc,{unit},KHONG-CO\n");

        await page.Locator("input[type=file]").SetInputFilesAsync([units, staff]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#org-import-state")).ToHaveTextAsync("Tệp tổ chức có dòng không hợp lệ; chưa thay đổi gì");
        var problems = await page.GetByTestId("org-import-problems").Locator("li").AllInnerTextsAsync();
        Assert.Contains("units.csv:2:parent_code: không có đơn vị cấp trên 'KHONG-CO'", problems);
        Assert.Contains("staff.csv:2:position_code: không có vị trí việc làm 'KHONG-CO'", problems);
        Assert.Contains("staff.csv:3:full_name: bắt buộc nhưng đang để trống", problems);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("organisation-import-invalid-390.png"), FullPage = true });
        var wide = await HrPageAsync(1366, 768);
        await wide.GotoAsync(page.Url);
        await Assertions.Expect(wide.GetByTestId("org-import-problems").Locator("li")).ToHaveCountAsync(problems.Count);
        await wide.ScreenshotAsync(new() { Path = Screenshots.PathFor("organisation-import-invalid-1366.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task The_template_has_a_notes_sheet_and_one_sheet_per_file()
    {
        var page = await HrPageAsync(1366, 768);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("org-import-template").ClickAsync());
        var path = Path.Combine(_files, "template.xlsx");
        await download.SaveAsAsync(path);

        using var workbook = new ClosedXML.Excel.XLWorkbook(path);
        Assert.Equal(["Hướng dẫn", "units", "unit_lineage", "positions", "staff", "secondments", "kpi_definitions", "kpi_sets", "accounts"],
            workbook.Worksheets.Select(w => w.Name));
        var notes = workbook.Worksheet("Hướng dẫn");
        var effectiveTo = notes.RowsUsed().Single(r => r.Cell(1).GetString() == "staff.csv" && r.Cell(2).GetString() == "effective_to");
        Assert.StartsWith("Ngày nghỉ việc", effectiveTo.Cell(4).GetString(), StringComparison.Ordinal);
    }
}
