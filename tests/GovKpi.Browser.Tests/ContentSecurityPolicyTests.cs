using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// The Content-Security-Policy forbids inline script: a page that still had some would break
/// silently, so Chromium's console is read for violations while HR walks through the main pages.
/// </summary>
public sealed class ContentSecurityPolicyTests(DemoSite site) : IClassFixture<DemoSite>
{
    private static readonly string[] Pages =
    [
        "/organisation", "/organisation/admin", "/organisation/import", "/accounts", "/kpis", "/kpi-sets", "/kpis/values",
        "/measurement/import", "/measurement/quarantine", "/units/results", "/goals", "/tasks", "/tasks/types",
        "/delegated-tasks", "/evaluation", "/evaluation/leave", "/assistant/documents", "/assistant/ask", "/assistant/drafts",
    ];

    [SkippableFact]
    public async Task Hr_walks_the_main_pages_without_one_content_security_policy_violation_and_select_all_still_works()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => violations.Add($"{page.Url}: {error}");

        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Hr);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
        }

        await page.GotoAsync("/evaluation");
        var bulk = page.GetByTestId("bulk-open");
        await bulk.GetByLabel("Tất cả xã, phường").CheckAsync();
        await bulk.GetByLabel("Loại kỳ").SelectOptionAsync("Month");
        await bulk.GetByLabel("Năm").FillAsync("2026");
        await bulk.GetByLabel("Tháng hoặc quý").FillAsync("11");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Mở các đợt" }).ClickAsync();
        await page.GetByTestId("bulk-opened").WaitForAsync();
        var boxes = page.Locator("input[name=CycleIds][type=checkbox]");
        Assert.True(await boxes.CountAsync() > 1, "the opened cycles can be selected");
        await page.GetByLabel("Chọn tất cả").CheckAsync();
        foreach (var box in await boxes.AllAsync())
        {
            Assert.True(await box.IsCheckedAsync());
        }

        Assert.Empty(violations);
    }

    [SkippableFact]
    public async Task The_api_reference_shows_the_operations_under_the_same_policy_as_every_page()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/api-docs");

        Assert.Equal(GovKpi.Web.Features.Security.DeploymentSecurity.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        // The operations are grouped by tag: a group name shows only once the OpenAPI document has loaded.
        await page.GetByText("KPI library").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("api-docs-1366.png") });
        Assert.Empty(violations);
    }
}
