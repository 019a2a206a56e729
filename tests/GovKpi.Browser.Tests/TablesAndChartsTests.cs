using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>The tables marked data-table sort, filter, page and export in the browser (tables.js); the assistant's chart is drawn by the bundled Chart.js.</summary>
public sealed class TablesAndChartsTests(DemoSite site) : IClassFixture<DemoSite>
{
    private const string ShownRows = "t => [...t.tBodies[0].rows].filter(r => !r.hasAttribute('data-table-hidden')).map(r => r.cells[3].textContent.trim())";

    /// <summary>Lower case without diacritics, as the filter compares.</summary>
    private static string Folded(string text) => string.Concat(text.Normalize(NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)).ToLowerInvariant().Replace('đ', 'd');

    private async Task<(IPage Page, List<string> Errors)> SignedInAsync(string userName, int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // Chromium asks every new site for /favicon.ico, which the app does not serve; that is not this page's error.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add($"{page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();
        return (page, errors);
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Hr_sorts_filters_pages_and_downloads_the_staffing_table_as_xlsx(int width, int height)
    {
        var (page, errors) = await SignedInAsync(DemoAccounts.Hr, width, height);
        await page.GotoAsync("/workforce");
        var table = page.GetByTestId("staff");
        var all = await table.Locator("tbody tr").CountAsync();
        var pages = (all + 24) / 25;
        Assert.True(all > 25, $"the demo's staffing table has {all} rows, too few to page");
        var pager = page.Locator("[data-testid=staff] ~ .table-pager");

        await Assertions.Expect(pager.Locator("span")).ToHaveTextAsync($"Trang 1/{pages} · {all} dòng");
        Assert.Equal(25, (await table.EvaluateAsync<string[]>(ShownRows)).Length);
        await pager.GetByRole(AriaRole.Button, new() { Name = "Trang sau" }).ClickAsync();
        await Assertions.Expect(pager.Locator("span")).ToHaveTextAsync($"Trang 2/{pages} · {all} dòng");

        if (width > 800)
        {
            // Phones show each row as a card without the header row, so sorting is a desktop affair.
            var dossiers = table.GetByRole(AriaRole.Button, new() { Name = "Hồ sơ", Exact = true });
            await dossiers.ClickAsync();
            await dossiers.ClickAsync();
            await Assertions.Expect(table.Locator("th[aria-sort=descending]")).ToHaveTextAsync("Hồ sơ");
            var most = (await table.EvaluateAsync<string[]>("t => [...t.tBodies[0].rows].map(r => r.cells[3].textContent.trim())")).Select(int.Parse).ToList();
            Assert.Equal(most.OrderDescending(), most);
            await Assertions.Expect(pager.Locator("span")).ToHaveTextAsync($"Trang 2/{pages} · {all} dòng");
        }

        // The filter ignores case and diacritics: a name typed "nguyen van an" finds "Nguyễn Văn An", wherever it was.
        var name = (await table.Locator("tbody tr").Nth(30).Locator("td a").First.TextContentAsync())!.Trim();
        var query = Folded(name);
        var tools = page.Locator(".table-tools:has(+ [data-testid=staff])");
        await tools.GetByLabel("Lọc bảng").FillAsync(query);
        var shown = await table.EvaluateAsync<string[]>("t => [...t.tBodies[0].rows].filter(r => !r.hasAttribute('data-table-hidden')).map(r => r.cells[0].textContent.trim())");
        Assert.Contains(shown, cell => cell.StartsWith(name, StringComparison.Ordinal));
        Assert.All(shown, cell => Assert.Contains(query, Folded(cell)));
        await Assertions.Expect(pager).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"table-filtered-{width}.png"), FullPage = false });

        var download = await page.RunAndWaitForDownloadAsync(() => tools.GetByRole(AriaRole.Button, new() { Name = "Xuất .xlsx" }).ClickAsync());
        Assert.Equal("Theo cán bộ.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"govkpi-table-{width}.xlsx");
        await download.SaveAsAsync(path);
        using (var workbook = new XLWorkbook(path))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal("Theo cán bộ", sheet.Cell("A1").GetString());
            Assert.Equal(["Cán bộ", "Đơn vị", "Ngày có mặt", "Hồ sơ"], sheet.Row(3).Cells(1, 4).Select(c => c.GetString()));
            Assert.Equal(shown, Enumerable.Range(4, shown.Length).Select(r => sheet.Cell(r, 1).GetString()));
            Assert.True(sheet.Cell(4 + shown.Length, 1).IsEmpty());
            Assert.Equal(XLDataType.Number, sheet.Cell(4, 4).DataType);
        }

        File.Delete(path);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableFact]
    public async Task Decimals_shown_with_a_comma_sort_by_value_on_a_Vietnamese_page_and_a_data_sort_key_is_read_invariantly()
    {
        var (page, errors) = await SignedInAsync(DemoAccounts.Hr, 1366, 768);
        await page.GotoAsync("/workforce");
        // A table of the shapes the pages write — "1,125" shown over the key "1.125", "2,5" over the stored scale "2.500" — enhanced by the page's own tables.js.
        await page.EvaluateAsync(@"() => new Promise(resolve => {
            const table = document.createElement('table');
            table.dataset.table = 'Thử';
            table.dataset.testid = 'decimals';
            table.innerHTML = '<thead><tr><th>Tên</th><th>Khóa</th><th>Chữ</th></tr></thead><tbody>'
                + [['a', '2.500', '2,5', '12'], ['b', '1.125', '1,125', '1,5'], ['c', '10', '10', '0,25'], ['d', '0.5', '0,5', '2.000']]
                    .map(([name, key, shown, text]) => `<tr><td>${name}</td><td data-sort=""${key}"">${shown}</td><td>${text}</td></tr>`).join('')
                + '</tbody>';
            document.querySelector('main').append(table);
            const script = document.createElement('script');
            script.src = document.querySelector('script[src*=""tables.js""]').src;
            Object.assign(script.dataset, document.querySelector('script[src*=""tables.js""]').dataset);
            script.onload = resolve;
            document.head.append(script);
        })");
        var table = page.GetByTestId("decimals");
        const string Names = "t => [...t.tBodies[0].rows].map(r => r.cells[0].textContent.trim()).join('')";

        await table.GetByRole(AriaRole.Button, new() { Name = "Khóa", Exact = true }).ClickAsync();
        Assert.Equal("dbac", await table.EvaluateAsync<string>(Names));
        await table.GetByRole(AriaRole.Button, new() { Name = "Chữ", Exact = true }).ClickAsync();
        Assert.Equal("cbad", await table.EvaluateAsync<string>(Names));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task The_assistant_draws_the_answer_chart_in_the_browser_beside_its_table_without_a_console_error(int width, int height)
    {
        var (page, errors) = await SignedInAsync(DemoAccounts.Hr, width, height);

        await page.GotoAsync("/assistant/data?q=" + Uri.EscapeDataString("xã nào có tỷ lệ trễ hạn cao nhất quý 3 năm 2026?"));

        var canvas = page.GetByTestId("answer-chart").Locator("canvas");
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        await Assertions.Expect(canvas).ToHaveAttributeAsync("aria-label", "tỷ lệ trễ hạn · quý 3/2026");
        var box = (await canvas.BoundingBoxAsync())!;
        Assert.True(box is { Width: > 200, Height: > 100 } && box.Width <= width, $"{box.Width}×{box.Height}");
        // Chart.js has painted: some pixel of the canvas is not transparent.
        Assert.True(await canvas.EvaluateAsync<bool>("c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0)"));
        await Assertions.Expect(page.GetByTestId("answer-table")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"assistant-chart-{width}.png"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
