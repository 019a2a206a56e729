using GovKpi.Core.Measurement;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>The citizen survey page in a browser with JavaScript turned off, on a phone and on a desktop.</summary>
public sealed class SurveyPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_citizen_without_JavaScript_rates_a_returned_dossier_once_and_is_told_why_an_open_one_cannot_be_rated(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        string finished, open;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var rated = db.Surveys.Select(s => s.DossierId);
            // Each screen size rates a dossier of its own.
            finished = await db.Dossiers.Where(d => d.Status == DossierStatus.ResultReturned && !rated.Contains(d.DossierId))
                .OrderBy(d => d.DossierId).Select(d => d.DossierId).Skip(width < 1000 ? 0 : 1).FirstAsync();
            open = await db.Dossiers.Where(d => d.Status == DossierStatus.Processing).OrderBy(d => d.DossierId).Select(d => d.DossierId).FirstAsync();
        }

        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", JavaScriptEnabled = false, ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();

        // Arriving by the QR code's link: the code is filled in.
        await page.GotoAsync("/survey?code=" + Uri.EscapeDataString(finished));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Đánh giá mức độ hài lòng");
        await Assertions.Expect(page.GetByTestId("survey-code")).ToHaveValueAsync(finished);
        await page.GetByLabel("4 · Hài lòng").CheckAsync();
        await page.GetByLabel("Góp ý thêm (không bắt buộc)").FillAsync("Cán bộ hướng dẫn tận tình, đúng hẹn.");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"survey-form-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);
        await page.GetByTestId("survey-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-thanks")).ToContainTextAsync("Cảm ơn bạn đã đánh giá");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"survey-thanks-{width}.png") });

        await page.GotoAsync("/survey?code=" + Uri.EscapeDataString(finished));
        await page.GetByLabel("1 · Rất không hài lòng").CheckAsync();
        await page.GetByTestId("survey-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-error")).ToHaveTextAsync("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.");

        await page.GetByTestId("survey-code").FillAsync(open);
        await page.GetByLabel("3 · Bình thường").CheckAsync();
        await page.GetByTestId("survey-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-error")).ToContainTextAsync("Hồ sơ này chưa giải quyết xong nên chưa thể đánh giá.");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"survey-refused-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);

        await page.GetByTestId("switch-en").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Citizen satisfaction survey");
        await Assertions.Expect(page.GetByLabel("5 · Very satisfied")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"survey-english-{width}.png"), FullPage = true });

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            Assert.Equal([4], await db.Surveys.Where(s => s.DossierId == finished).Select(s => s.Score).ToListAsync());
            Assert.False(await db.Surveys.AnyAsync(s => s.DossierId == open));
        }

        await context.CloseAsync();
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Staff_print_a_slip_with_the_qr_code_and_the_link_of_a_dossier(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(GovKpi.Web.Features.DemoData.DemoAccounts.Staff);
        await page.GetByLabel("Mật khẩu").FillAsync(GovKpi.Web.Features.DemoData.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();

        await page.GotoAsync("/survey/slip");
        await page.GetByTestId("slip-code").FillAsync("KH.P01.TTPV-251208-0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo phiếu" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("slip-receipt")).ToHaveTextAsync("KH.P01.TTPV-251208-0001");
        await Assertions.Expect(page.GetByTestId("slip-link")).ToHaveTextAsync(site.BaseAddress.GetLeftPart(UriPartial.Authority) + "/survey?code=KH.P01.TTPV-251208-0001");
        // The QR image loaded (it may still be on its way when the text is there): a broken image has no natural width.
        await Assertions.Expect(page.GetByTestId("slip-qr")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await page.GetByTestId("slip-qr").EvaluateAsync<int>("img => img.naturalWidth") > 100);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"survey-slip-{width}.png"), FullPage = true });
        await AssertFitsTheScreenAsync(page, width);
        await context.CloseAsync();
    }

    private static async Task AssertFitsTheScreenAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{page.Url} is wider than {width}px");
}
