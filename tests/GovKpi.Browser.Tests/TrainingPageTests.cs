using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// <c>/training</c> on a phone and a laptop: HR adds an AI course and its session, records a person's
/// completion with a certificate, and the person leaves the unit's list of people not yet trained.
/// The demo's today is 8 December 2026.
/// </summary>
public sealed class TrainingPageTests(DemoSite site) : IClassFixture<DemoSite>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("govkpi-training-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task HR_records_a_completion_with_its_certificate_and_the_person_leaves_the_untrained_list(int width, int height)
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

        var course = $"AI-{width}";
        await page.GotoAsync("/training");
        var addCourse = page.GetByTestId("add-course");
        await addCourse.Locator("input[name=code]").FillAsync(course);
        await addCourse.Locator("input[name=name]").FillAsync("Sử dụng trợ lý AI trong soạn thảo văn bản");
        await addCourse.Locator("select[name=kind]").SelectOptionAsync("Ai");
        await addCourse.Locator("input[name=validMonths]").FillAsync("24");
        await addCourse.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();

        var addSession = page.GetByTestId("add-session");
        await addSession.Locator("select[name=courseCode]").SelectOptionAsync(course);
        await addSession.Locator("input[name=from]").FillAsync("2026-11-02");
        await addSession.Locator("input[name=to]").FillAsync("2026-11-03");
        await addSession.Locator("input[name=place]").FillAsync("Trung tâm Chuyển đổi số tỉnh");
        await addSession.Locator("input[name=trainer]").FillAsync("Sở Khoa học và Công nghệ");
        await addSession.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();

        long sessionId;
        string staffCode, unitCode;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            sessionId = (await db.TrainingSessions.AsNoTracking().SingleAsync(s => s.CourseCode == course)).Id;
            var trained = await db.TrainingCompletions.AsNoTracking().Select(c => c.StaffCode).ToListAsync();
            var person = (await db.Staff.AsNoTracking().OrderBy(s => s.Code).ToListAsync()).First(s => !trained.Contains(s.Code));
            (staffCode, unitCode) = (person.Code, person.UnitCode);
        }

        await page.GotoAsync($"/training?unit={unitCode}&on=2026-12-08");
        await Assertions.Expect(page.Locator($"tr[data-staff='{staffCode}']")).ToContainTextAsync("chưa hoàn thành khóa kỹ năng số hoặc sử dụng AI nào");

        var certificate = Path.Combine(_files, "chung-nhan.pdf");
        await File.WriteAllTextAsync(certificate, "%PDF-1.4 chứng nhận");
        var record = page.GetByTestId("record-completion");
        await record.Locator("select[name=sessionId]").SelectOptionAsync(sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await record.Locator("input[name=staffCode]").FillAsync(staffCode);
        await record.Locator("input[name=certificate]").SetInputFilesAsync(certificate);
        await record.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("completions").GetByRole(AriaRole.Link, new() { Name = "chung-nhan.pdf" }).First).ToBeVisibleAsync();

        await page.GotoAsync($"/training?unit={unitCode}&on=2026-12-08");
        await Assertions.Expect(page.GetByTestId("share-summary")).ToContainTextAsync("mục tiêu 80 %");
        await Assertions.Expect(page.Locator($"tr[data-staff='{staffCode}']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"training-{width}.png"), FullPage = true });
        await context.CloseAsync();
    }
}
