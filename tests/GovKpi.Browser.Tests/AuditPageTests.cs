using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class AuditPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task The_auditor_opens_the_trail_from_the_menu_and_filters_it_by_source_person_and_words(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        string unit, code;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == DemoAccounts.Staff);
            var member = await db.Staff.AsNoTracking().SingleAsync(s => s.Code == account.StaffCode);
            (unit, code) = (member.UnitCode, member.Code);
        }

        using (var hr = site.CreateClient())
        {
            (await hr.PostAsJsonAsync("/api/auth/sign-in", new { userName = DemoAccounts.Hr, password = DemoAccounts.Password })).EnsureSuccessStatusCode();
            var opened = await hr.PostAsJsonAsync("/api/evaluation/cycles", new { unitCode = unit, periodKind = "Month", year = 2026, number = width == 390 ? 8 : 9 });
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
            var renamed = await hr.PutAsJsonAsync($"/api/organisation/staff/{code}", new { full_name = $"Nguyễn Thị Thanh Hương {width}" });
            Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());
        }

        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Auditor);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();

        await SiteMenu.FollowAsync(page, page.GetByTestId("nav-audit"));
        await page.ArrivesAtAsync("/audit$");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nhật ký kiểm toán");
        await Assertions.Expect(page.GetByTestId("audit-rows").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"audit-{width}.png"), FullPage = false });
        await AssertFitsTheScreenAsync(page, width);

        await page.GetByLabel("Nguồn").SelectOptionAsync("evaluation");
        await page.GetByLabel("Mã cán bộ").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        var rows = page.GetByTestId("audit-rows").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("Đưa cán bộ vào kỳ đánh giá");
        Assert.All(await rows.AllInnerTextsAsync(), text => Assert.Contains($"({code})", text));
        Assert.Equal(["evaluation"], (await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.source)")).Distinct());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"audit-cycle-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);

        await page.GetByLabel("Nguồn").SelectOptionAsync("organisation");
        await page.GetByLabel("Tìm theo từ").FillAsync("sửa thông tin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        var renamedRow = page.GetByTestId("audit-rows").Locator("tbody tr").Filter(new() { HasText = $"Nguyễn Thị Thanh Hương {width}" }).First;
        await Assertions.Expect(renamedRow).ToContainTextAsync("Sửa thông tin cán bộ");
        await Assertions.Expect(renamedRow).ToContainTextAsync("Họ và tên");
        await Assertions.Expect(renamedRow).ToContainTextAsync("Tổ chức cán bộ (Sở Nội vụ)");
        Assert.Equal($"/api/audit/export.xlsx?source=organisation&staff={code}&q=s%E1%BB%ADa%20th%C3%B4ng%20tin",
            await page.GetByTestId("export-xlsx").GetAttributeAsync("href"));
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"audit-organisation-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);
    }

    private static async Task AssertFitsTheScreenAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{page.Url} is wider than {width}px");
}
