using System.Text;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class TaskTypesPageTests(DemoSite site) : IClassFixture<DemoSite>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("govkpi-task-types-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task HR_imports_the_task_catalogue_and_sees_each_type_with_its_standard_products_per_unit(int width, int height)
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
        string province;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            province = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().Units.AsNoTracking()
                .Where(u => u.ParentCode == null).Select(u => u.Code).FirstAsync();
        }

        var file = Path.Combine(_files, "task_types.csv");
        File.WriteAllText(file, "code,agency_code,group,name,unit_of_output,conversion_factor,difficulty,effective_from,approved_by\n"
            + $"VB{width},{province},B,Soạn thảo văn bản hành chính,văn bản,1.5,1.2,2026-01-01,\n", new UTF8Encoding(false));

        await page.GotoAsync("/tasks/types");
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập danh mục" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("imported")).ToHaveTextAsync("Đã đọc 1 dòng, thêm 1 phiên bản.");
        var row = page.GetByTestId("task-types").Locator("tr", new() { HasText = $"VB{width}" });
        // The factors in the page's language: vi-VN writes a decimal comma.
        Assert.Equal([province, $"VB{width}", "B", "Soạn thảo văn bản hành chính", "văn bản", "1,5", "1,2", "1,8", "1"],
            (await row.Locator("td").AllInnerTextsAsync()).Take(9));
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"task-types-{width}.png"), FullPage = true });
    }
}
