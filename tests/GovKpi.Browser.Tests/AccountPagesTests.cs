using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>HR's /accounts page and the change-password page, on a phone (390×844) and a laptop (1366×768).</summary>
public sealed class AccountPagesTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInPageAsync(string userName, string password, int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();
        return page;
    }

    [SkippableTheory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task HR_creates_an_account_and_sees_its_setup_link_once(int width, int height)
    {
        var page = await SignedInPageAsync(DemoAccounts.Hr, DemoAccounts.Password, width, height);
        await page.GotoAsync("/accounts");
        Assert.Equal("Tài khoản người dùng", await page.Locator("h1").InnerTextAsync());

        await page.Locator("#NewUserName").FillAsync($"thanhtra.{width}");
        await page.Locator("#NewRole").SelectOptionAsync("auditor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản", Exact = true }).ClickAsync();

        Assert.Contains($"Đã tạo tài khoản thanhtra.{width}.", await page.GetByTestId("accounts-done").InnerTextAsync());
        Assert.Contains("/account/setup?token=", await page.GetByTestId("setup-links").InnerTextAsync());
        var row = page.Locator($"tr[data-user='thanhtra.{width}']");
        Assert.Contains("Chờ đặt mật khẩu", await row.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"accounts-{width}.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"accounts-{width}-top.png") });
        await row.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"accounts-{width}-row.png") });

        await page.GotoAsync("/accounts");
        Assert.Equal(0, await page.GetByTestId("setup-links").CountAsync());
    }

    [SkippableTheory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task A_person_given_a_temporary_password_is_led_to_the_change_page_and_changes_it(int width, int height)
    {
        var hr = await SignedInPageAsync(DemoAccounts.Hr, DemoAccounts.Password, width, height);
        await hr.GotoAsync("/accounts");
        await hr.Locator("#NewUserName").FillAsync($"lanhdao.{width}");
        await hr.Locator("#NewRole").SelectOptionAsync("leader");
        await hr.Locator("#NewPassword").FillAsync("Tạm thời 2026");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản", Exact = true }).ClickAsync();
        Assert.Contains("Phải đổi mật khẩu khi đăng nhập", await hr.Locator($"tr[data-user='lanhdao.{width}']").InnerTextAsync());

        var page = await SignedInPageAsync($"lanhdao.{width}", "Tạm thời 2026", width, height);
        Assert.EndsWith("/account/password", page.Url);
        await page.GotoAsync("/organisation");
        Assert.EndsWith("/account/password", page.Url);
        Assert.Contains("Bạn cần đổi mật khẩu", await page.GetByTestId("must-change").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"password-{width}.png"), FullPage = true });

        await page.GetByLabel("Mật khẩu hiện tại").FillAsync("Tạm thời 2026");
        await page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("matkhau123");
        await page.GetByLabel("Nhập lại mật khẩu mới").FillAsync("matkhau123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).Last.ClickAsync();
        Assert.Contains("quá phổ biến", await page.Locator(".field-errors").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"password-refused-{width}.png"), FullPage = true });

        await page.GetByLabel("Mật khẩu hiện tại").FillAsync("Tạm thời 2026");
        await page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("Núi Chúa 1990");
        await page.GetByLabel("Nhập lại mật khẩu mới").FillAsync("Núi Chúa 1990");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).Last.ClickAsync();

        Assert.Contains("Đã đổi mật khẩu", await page.GetByTestId("password-changed").InnerTextAsync());
        await page.GotoAsync("/organisation");
        Assert.EndsWith("/organisation", page.Url);
    }
}
