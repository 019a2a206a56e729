using System.Globalization;
using System.Text.Json;
using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>The mobile-team and citizen-contact page on the demo province, on a phone and a laptop.</summary>
public sealed class FieldWorkPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string userName, int width, int height)
    {
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

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_manager_records_a_field_session_and_a_meeting_sees_its_late_follow_up_and_closes_it(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var manager = await SignedInAsync(DemoAccounts.Manager, width, height);
        var me = (await (await manager.APIRequest.GetAsync("/api/auth/me")).JsonAsync())!.Value;
        var staffCode = me.GetProperty("staffCode").GetString()!;
        // Yesterday in Vietnam: a session cannot be recorded for a day after the server's today.
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await manager.GotoAsync("/field-work");
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Tổ công tác lưu động và tiếp xúc nhân dân" })).ToBeVisibleAsync();

        await manager.GetByText("Ghi nhận buổi làm việc lưu động").ClickAsync();
        var session = manager.GetByTestId("session-form");
        await session.GetByLabel("Địa điểm (thôn, bản, tổ dân phố)").FillAsync($"Thôn Suối Mơ {width}");
        await session.GetByLabel("Ngày").FillAsync(yesterday);
        await session.GetByLabel("Từ giờ").FillAsync("11:00");
        await session.GetByLabel("Đến giờ").FillAsync("07:30");
        await session.GetByLabel("Thành viên tổ (mã cán bộ)").FillAsync(staffCode);
        await session.GetByLabel("Hướng dẫn, tư vấn").FillAsync("6");
        await session.GetByLabel("Hồ sơ tiếp nhận", new() { Exact = true }).FillAsync("2");
        await session.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        // Refused at its field, with what was typed kept.
        await Assertions.Expect(manager.Locator("[data-testid=session-form] .field-error[data-field=ends_at]")).ToHaveTextAsync("Giờ kết thúc phải sau giờ bắt đầu (11:00).");
        await manager.GetByTestId("session-form").ScreenshotAsync(new() { Path = Screenshots.PathFor($"field-work-session-errors-{width}.png") });
        session = manager.GetByTestId("session-form");
        await session.GetByLabel("Từ giờ").FillAsync("07:30");
        await session.GetByLabel("Đến giờ").FillAsync("11:00");
        await session.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("saved")).ToHaveTextAsync("Đã ghi nhận.");
        await Assertions.Expect(manager.GetByTestId("sessions")).ToContainTextAsync($"Thôn Suối Mơ {width}");

        await manager.GetByText("Ghi nhận buổi tiếp xúc, đối thoại").ClickAsync();
        var meeting = manager.GetByTestId("meeting-form");
        await meeting.GetByLabel("Địa điểm (thôn, bản, tổ dân phố)").FillAsync($"Nhà văn hóa thôn {width}");
        await meeting.GetByLabel("Ngày", new() { Exact = true }).FillAsync(yesterday);
        await meeting.GetByLabel("Người chủ trì").FillAsync("Chủ tịch UBND xã");
        await meeting.GetByLabel("Số người dự").FillAsync("58");
        await meeting.GetByLabel("Nội dung kiến nghị 1").FillAsync($"Đường vào thôn xuống cấp ({width})");
        await meeting.GetByLabel("Người theo dõi (mã cán bộ)").First.FillAsync(staffCode);
        await meeting.GetByLabel("Hạn xử lý").First.FillAsync(yesterday);
        await meeting.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("saved")).ToBeVisibleAsync();

        // Due yesterday and open: late, and the owner closes it from the list.
        var row = manager.Locator("[data-testid=follow-ups] tr", new() { HasText = $"Đường vào thôn xuống cấp ({width})" });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "late");
        await Assertions.Expect(row).ToContainTextAsync("Quá hạn");
        await Assertions.Expect(manager.GetByTestId("late-count")).ToContainTextAsync("kiến nghị quá hạn");
        Assert.True(await manager.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"/field-work is wider than {width}px");
        await manager.ScreenshotAsync(new() { Path = Screenshots.PathFor($"field-work-{width}.png"), FullPage = true });

        await row.GetByPlaceholder("Kết quả xử lý").FillAsync("Đã khảo sát, đưa vào kế hoạch sửa chữa quý I");
        await row.GetByRole(AriaRole.Button, new() { Name = "Đóng kiến nghị" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator("[data-testid=follow-ups] tr", new() { HasText = $"Đường vào thôn xuống cấp ({width})" })).ToHaveCountAsync(0);
        await Assertions.Expect(manager.Locator("section[data-meeting]", new() { HasText = $"Nhà văn hóa thôn {width}" })).ToContainTextAsync("Đã xử lý, quá hạn");
    }
}
