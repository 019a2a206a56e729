using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>HR's organisation forms and a person's own page, on a phone and on a laptop.</summary>
public sealed class OrganisationAdminTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string userName, int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();
        return page;
    }

    private async Task<(string Unit, string Position, string StaffCode)> StaffAccountAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == DemoAccounts.Staff);
        var member = await db.Staff.AsNoTracking().SingleAsync(s => s.Code == account.StaffCode);
        return (member.UnitCode, member.PositionCode, member.Code);
    }

    private static async Task AssertFitsTheScreenAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{page.Url} is wider than {width}px");

    private static ILocator Form(IPage page, string name) => page.Locator($"form[data-form={name}]");

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task HR_adds_a_unit_and_a_person_sees_a_refused_move_next_to_its_field_then_moves_them_and_records_their_departure(int width, int height)
    {
        var page = await SignedInAsync(DemoAccounts.Hr, width, height);
        var (unit, position, _) = await StaffAccountAsync();
        await page.GotoAsync($"/organisation/{unit}");
        await page.GetByTestId("unit-admin-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Quản trị tổ chức");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"organisation-admin-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);

        var addUnit = Form(page, "add-unit");
        await addUnit.GetByLabel("Mã").FillAsync($"TO{width}");
        await addUnit.GetByLabel("Tên tiếng Việt").FillAsync($"Tổ công nghệ số {width}");
        await addUnit.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-change")).ToContainTextAsync("Đã lưu thay đổi");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Sửa đơn vị Tổ công nghệ số {width}" })).ToBeVisibleAsync();
        await page.GetByLabel("Đơn vị đang làm việc").SelectOptionAsync(unit);
        await page.GetByRole(AriaRole.Button, new() { Name = "Chọn" }).First.ClickAsync();
        await Assertions.Expect(Form(page, "add-staff").GetByLabel("Đơn vị")).ToHaveValueAsync(unit);
        var addStaff = Form(page, "add-staff");
        await addStaff.GetByLabel("Mã").FillAsync($"NV{width}");
        await addStaff.GetByLabel("Họ và tên").FillAsync("Lý Thị Thu Hà");
        await addStaff.GetByLabel("Vị trí việc làm").SelectOptionAsync(position);
        await addStaff.GetByLabel("Có hiệu lực từ ngày").FillAsync("2026-11-01");
        await addStaff.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-change")).ToContainTextAsync("staff: thêm 1");

        var move = Form(page, "move-staff");
        await move.GetByLabel("Đơn vị").SelectOptionAsync($"TO{width}");
        await move.GetByLabel("Có hiệu lực từ ngày").FillAsync("2026-10-01");
        await move.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(Form(page, "move-staff").Locator(".field-error[data-field=effective_from]"))
            .ToHaveTextAsync($"NV{width} đang công tác ở {unit}, vị trí {position}, từ ngày 2026-11-01: việc điều động phải bắt đầu sau ngày đó");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"organisation-admin-refused-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);

        move = Form(page, "move-staff");
        await move.GetByLabel("Có hiệu lực từ ngày").FillAsync("2026-12-01");
        await move.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-change")).ToContainTextAsync("staff: thêm 0, sửa 1");

        var leave = Form(page, "leave-staff");
        await leave.GetByLabel("Đến ngày (không tính ngày này)").FillAsync("2026-12-31");
        await leave.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-change")).ToContainTextAsync("kết thúc 1");
        await Assertions.Expect(page.GetByTestId("admin-change")).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"organisation-admin-saved-view-{width}.png") });
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"organisation-admin-saved-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);

        await page.GetByTestId("admin-staff-page").ClickAsync();
        var rows = page.GetByTestId("placements").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync($"Tổ công nghệ số {width}");
        await Assertions.Expect(rows.First).ToContainTextAsync("31/12/2026");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("01/11/2026");
        await Assertions.Expect(page.GetByTestId("left-on")).ToHaveTextAsync("31/12/2026");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"staff-page-hr-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_staff_member_opens_their_own_record_from_the_menu_with_their_history_and_evaluations(int width, int height)
    {
        var page = await SignedInAsync(DemoAccounts.Staff, width, height);
        var (unit, _, code) = await StaffAccountAsync();
        using var hr = site.CreateClient();
        (await hr.PostAsJsonAsync("/api/auth/sign-in", new { userName = DemoAccounts.Hr, password = DemoAccounts.Password })).EnsureSuccessStatusCode();
        var opened = await hr.PostAsJsonAsync("/api/evaluation/cycles", new { unitCode = unit, periodKind = "Month", year = 2026, number = width == 390 ? 10 : 11 });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());

        await SiteMenu.FollowAsync(page, page.GetByTestId("nav-my-record"));

        await page.ArrivesAtAsync($"/organisation/staff/{code}$");
        await Assertions.Expect(page.GetByTestId("placements").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("staff-links").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Giá trị KPI"]);
        await Assertions.Expect(page.GetByTestId("evaluations").GetByRole(AriaRole.Link, new() { Name = width == 390 ? "2026-10" : "2026-11" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"staff-page-self-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);
        var evaluation = page.GetByTestId("evaluations").Locator("a").First;
        await evaluation.ClickAsync();
        await page.ArrivesAtAsync("/evaluation/[^/]+$");
    }
}
