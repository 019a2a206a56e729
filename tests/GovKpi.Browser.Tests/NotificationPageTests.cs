using GovKpi.Core.Notifications;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class NotificationPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_person_sees_the_unread_count_in_the_header_opens_the_inbox_marks_read_and_chooses_immediate_mail(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var staff = (await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == DemoAccounts.Staff)).StaffCode!;
            // Each screen size starts from an inbox of its own three.
            await db.Notifications.Where(n => n.RecipientStaffCode == staff).ExecuteDeleteAsync();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            Notification Notice(int i, NotificationKind kind, string subject, string body, string[] args, string link) => new()
            {
                SourceKey = $"browser:{width}:{i}", RecipientStaffCode = staff, Kind = kind,
                Subject = LocalisableText.Of(subject, args), Body = LocalisableText.Of(body, args), Link = link, CreatedAt = now.AddMinutes(i - 10),
            };
            await scope.ServiceProvider.GetRequiredService<NotificationInbox>().AddAsync(
            [
                Notice(1, NotificationKind.EvaluationDeadline, "Notifications.EvaluationDeadline.Subject", "Notifications.EvaluationDeadline.Body",
                    ["2026-11", "18/12/2026", "Trung tâm Phục vụ hành chính công"], "/evaluation"),
                Notice(2, NotificationKind.EvaluationReminder, "Notifications.EvaluationReminder.Subject", "Notifications.EvaluationReminder.Body",
                    ["2026-11", "18/12/2026", "Trung tâm Phục vụ hành chính công"], "/evaluation"),
                Notice(3, NotificationKind.EvaluationDeadline, "Notifications.EvaluationDeadline.Subject", "Notifications.EvaluationDeadline.Body",
                    ["2026-Q4", "05/01/2027", "Trung tâm Phục vụ hành chính công"], "/evaluation"),
            ], CancellationToken.None);
        }

        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Staff);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();

        await Assertions.Expect(page.GetByTestId("unread-count")).ToHaveTextAsync("3");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"notifications-header-{width}.png") });
        await AssertFitsTheScreenAsync(page, width);

        await page.GetByTestId("notification-badge").ClickAsync();
        await page.ArrivesAtAsync("/notifications$");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thông báo");
        var items = page.GetByTestId("notification");
        await Assertions.Expect(items).ToHaveCountAsync(3);
        await Assertions.Expect(items.First).ToContainTextAsync("Hạn tự đánh giá kỳ 2026-Q4: ngày 05/01/2027");
        await Assertions.Expect(items.Nth(1)).ToContainTextAsync("Nhắc việc: tự đánh giá kỳ 2026-11 trước ngày 18/12/2026");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"notifications-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);

        await items.First.GetByTestId("mark-read").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unread-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("notification").First).ToHaveAttributeAsync("data-unread", "false");

        await page.GetByTestId("choose-immediate").CheckAsync();
        await page.GetByTestId("save-preference").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preference-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("choose-immediate")).ToBeCheckedAsync();

        await page.GetByTestId("read-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unread-count")).ToHaveTextAsync("0");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"notifications-read-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);

        await page.GetByTestId("notification").Nth(1).GetByTestId("open").ClickAsync();
        await page.ArrivesAtAsync("/evaluation$");
    }

    private static async Task AssertFitsTheScreenAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{page.Url} is wider than {width}px");
}
