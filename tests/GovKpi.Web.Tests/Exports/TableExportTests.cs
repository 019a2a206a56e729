using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Exports;

/// <summary>A page's table posted by tables.js comes back as an .xlsx, read here with ClosedXML as a person's spreadsheet would read it.</summary>
public abstract class TableExportTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static object Table(params object?[][] rows) => new
    {
        title = "Giá trị KPI · quý 3/2026",
        columns = new[] { "Đơn vị", "Số hồ sơ", "Tỷ lệ đúng hạn", "Ghi chú" },
        rows,
    };

    [SkippableFact]
    public async Task A_signed_in_user_gets_the_rows_as_a_workbook_with_numbers_as_numbers()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");

        var response = await staff.PostAsJsonAsync("/api/exports/table", Table(
            ["Phường Bắc Nha Trang", 1234, "50,0 %", null],
            ["Xã Đông Hòa", 7.5, "—", "0012"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Giá trị KPI · quý 3-2026.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Giá trị KPI · quý 3/2026", sheet.Cell("A1").GetString());
        Assert.Equal(["Đơn vị", "Số hồ sơ", "Tỷ lệ đúng hạn", "Ghi chú"], sheet.Row(3).Cells(1, 4).Select(c => c.GetString()));
        Assert.Equal(("Phường Bắc Nha Trang", 1234.0, "50,0 %", ""), (sheet.Cell("A4").GetString(), sheet.Cell("B4").GetDouble(), sheet.Cell("C4").GetString(), sheet.Cell("D4").GetString()));
        Assert.Equal(XLDataType.Number, sheet.Cell("B5").DataType);
        Assert.Equal((7.5, "0012"), (sheet.Cell("B5").GetDouble(), sheet.Cell("D5").GetString()));
        Assert.Equal(XLDataType.Text, sheet.Cell("D5").DataType);
        Assert.True(sheet.Cell("A6").IsEmpty());
        Assert.InRange(sheet.Column(1).Width, "Phường Bắc Nha Trang".Length, 60);
    }

    [SkippableFact]
    public async Task Cells_that_start_like_a_formula_are_written_as_text_with_an_apostrophe()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await hr.PostAsJsonAsync("/api/exports/table", Table(
            ["=HYPERLINK(\"http://evil.example\",\"bấm\")", -3, "+cmd|' /C calc'!A0", "@SUM(1+1)"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.All(new[] { "A4", "C4", "D4" }, address => Assert.False(sheet.Cell(address).HasFormula, address));
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"bấm\")", sheet.Cell("A4").GetString());
        Assert.Equal("'+cmd|' /C calc'!A0", sheet.Cell("C4").GetString());
        Assert.Equal("'@SUM(1+1)", sheet.Cell("D4").GetString());
        Assert.Equal(-3.0, sheet.Cell("B4").GetDouble());
    }

    [SkippableFact]
    public async Task An_anonymous_caller_is_refused()
    {
        RequireDatabase();
        using var anonymous = app.CreateClientWithoutRedirects();

        var response = await anonymous.PostAsJsonAsync("/api/exports/table", Table(["Xã Đông Hòa", 1, "1", ""]));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Found });
        Assert.NotEqual("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task A_malformed_table_is_refused_with_messages_keyed_by_row_and_cell()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");

        var response = await staff.PostAsJsonAsync("/api/exports/table", new
        {
            title = " ",
            columns = new[] { "Đơn vị", "Số hồ sơ" },
            rows = new object?[][] { ["Xã Đông Hòa"], ["Xã Đông Hòa", new { x = 1 }], ["Xã Đông Hòa", new string('a', 32_768)] },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal(["rows[0]", "rows[1][1]", "rows[2][1]", "title"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Dòng có 1 ô trong khi bảng có 2 cột.", Assert.Single(problem.Errors["rows[0]"]));
        Assert.Equal("Ô phải là chữ, số hoặc để trống.", Assert.Single(problem.Errors["rows[1][1]"]));
    }

    [SkippableFact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_read()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");
        using var content = new ByteArrayContent(new byte[17 * 1024 * 1024]);
        content.Headers.ContentType = new("application/json");

        // With Expect: 100-continue the body waits for the server's go-ahead, which a refused body never gets.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/exports/table") { Content = content };
        request.Headers.ExpectContinue = true;

        var response = await staff.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal("Tệp tải lên (17 MB) vượt quá giới hạn 16 MB của trang này.", Assert.Single(problem!.Errors["rows"]));
    }
}

public sealed class SqliteTableExportTests(SqliteApp app) : TableExportTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresTableExportTests(PostgresApp app) : TableExportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
