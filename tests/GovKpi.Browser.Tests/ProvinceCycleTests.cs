using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>The bulk forms of /evaluation and the confirmation on the cycle page, in Vietnamese, on a phone and a laptop.</summary>
public sealed class ProvinceCycleTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string userName, int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        return page;
    }

    [SkippableTheory]
    [InlineData(1366, 768, 10)]
    [InlineData(390, 844, 9)]
    public async Task Hr_opens_every_commune_at_once_then_sees_the_blockers_and_confirms_with_a_reason_to_move_them_on(int width, int height, int month)
    {
        var page = await SignedInAsync(DemoAccounts.Hr, width, height);
        await page.GotoAsync("/evaluation");
        var bulk = page.GetByTestId("bulk-open");
        await bulk.GetByLabel("Tất cả xã, phường").CheckAsync();
        await bulk.GetByLabel("Loại kỳ").SelectOptionAsync("Month");
        await bulk.GetByLabel("Năm").FillAsync("2026");
        await bulk.GetByLabel("Tháng hoặc quý").FillAsync(month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Mở các đợt" }).ClickAsync();

        var opened = await page.GetByTestId("bulk-opened").InnerTextAsync();
        Assert.Matches(@"Đã mở [1-9]\d* đợt; bỏ qua 0 đơn vị\.", opened);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"evaluation-bulk-open-{width}.png"), FullPage = true });

        var label = $"2026-{month:00}";
        var rows = page.GetByTestId("cycles").Locator("tbody tr").Filter(new() { HasText = label });
        var count = await rows.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await rows.Nth(i).Locator("input[type=checkbox]").CheckAsync();
        }

        await page.GetByLabel("Chuyển các đợt đã chọn sang bước").SelectOptionAsync("Feedback360");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển bước các đợt đã chọn" }).ClickAsync();

        var blockers = page.GetByTestId("blockers");
        Assert.Contains("Chưa thể chuyển bước", await blockers.InnerTextAsync());
        Assert.Contains("chưa nộp bản tự đánh giá", await blockers.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"evaluation-bulk-blockers-{width}.png"), FullPage = true });

        var confirm = page.GetByTestId("confirm-form");
        await confirm.GetByLabel("Lý do vẫn chuyển bước (ghi vào nhật ký)").FillAsync("Đã quá hạn tự đánh giá, đã nhắc hai lần");
        await confirm.GetByRole(AriaRole.Checkbox).CheckAsync();
        await confirm.GetByRole(AriaRole.Button).ClickAsync();

        Assert.Equal($"Đã chuyển bước {count} đợt; 0 đợt chưa thể chuyển.", await page.GetByTestId("bulk-advanced").InnerTextAsync());
        Assert.Equal(count, await page.GetByTestId("cycles").Locator("tbody tr").Filter(new() { HasText = label }).Filter(new() { HasText = "Góp ý 360°" }).CountAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"evaluation-bulk-advanced-{width}.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task A_manager_moving_one_cycle_past_self_assessment_sees_who_is_missing_and_must_confirm()
    {
        var page = await SignedInAsync(DemoAccounts.Manager, 390, 844);
        await page.GotoAsync("/evaluation");
        var open = page.Locator("form[action*='handler=Open']").First;
        await open.GetByLabel("Loại kỳ").SelectOptionAsync("Quarter");
        await open.GetByLabel("Năm").FillAsync("2026");
        await open.GetByLabel("Tháng hoặc quý").FillAsync("2");
        await open.GetByRole(AriaRole.Button, new() { Name = "Mở đợt", Exact = true }).ClickAsync();
        await page.ArrivesAtAsync("/evaluation/cycles/[^/]+");

        var blockers = page.GetByTestId("blockers");
        Assert.Contains("chưa nộp bản tự đánh giá", await blockers.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("cycle-blockers-390.png"), FullPage = true });
        await page.GetByLabel("Lý do vẫn chuyển bước (ghi vào nhật ký)").FillAsync("Hết hạn tự đánh giá");
        await page.GetByLabel("Tôi xác nhận chuyển bước").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển sang bước “Góp ý 360°”" }).ClickAsync();

        Assert.True(await page.GetByTestId("done").IsVisibleAsync());
        var trail = await page.ContentAsync();
        Assert.Contains("Chuyển bước dù còn vướng mắc", trail);
        Assert.Contains("Hết hạn tự đánh giá", trail);
        Assert.DoesNotContain("BlockersOverridden", trail);
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Hr_records_a_leave_with_the_form_and_is_told_of_a_wrong_staff_code(int width, int height)
    {
        var page = await SignedInAsync(DemoAccounts.Hr, width, height);
        await page.GotoAsync("/evaluation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ngày nghỉ của cán bộ" }).ClickAsync();
        await page.GetByLabel("Mã cán bộ").FillAsync("KHONG-CO");
        await page.GetByLabel("Loại nghỉ").SelectOptionAsync("sick");
        await page.GetByLabel("Từ ngày").FillAsync("2026-03-02");
        await page.GetByLabel("Đến ngày (không tính ngày này)").FillAsync("2026-03-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        Assert.Contains("Không có cán bộ, công chức mã KHONG-CO", await page.GetByTestId("errors").InnerTextAsync());

        // Someone of a commune in force, read from the API as the page's user would look them up.
        var someone = await page.EvaluateAsync<string>(
            "fetch('/api/units').then(r => r.json()).then(us => fetch('/api/units/' + us.find(u => u.kind === 'Commune' && !u.effectiveTo).code + '/staff')).then(r => r.json()).then(s => s[0].code)");
        await page.GotoAsync("/evaluation/leave");
        await page.GetByLabel("Mã cán bộ").FillAsync(someone);
        await page.GetByLabel("Loại nghỉ").SelectOptionAsync("maternity");
        await page.GetByLabel("Từ ngày").FillAsync(width == 390 ? "2026-03-02" : "2026-05-04");
        await page.GetByLabel("Đến ngày (không tính ngày này)").FillAsync("2026-08-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        Assert.Equal("Đã lưu: 1 mới, 0 thay đổi, 0 không đổi.", await page.GetByTestId("saved").InnerTextAsync());
        Assert.Contains("Nghỉ thai sản", await page.GetByTestId("leave").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"leave-{width}.png"), FullPage = true });
    }
}
