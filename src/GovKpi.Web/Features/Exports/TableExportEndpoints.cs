using System.Text;
using System.Text.Json;
using GovKpi.Data.Exports;
using GovKpi.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Exports;

/// <summary>
/// A page's table as the person sees it (<c>wwwroot/js/tables.js</c>: headers and cells after their
/// filter and sort, every page of it): <c>columns</c> are the header texts, <c>rows</c> the cells,
/// each a string, a number or null.
/// </summary>
public sealed record TableExportRequest(string? Title, IReadOnlyList<string?>? Columns, IReadOnlyList<IReadOnlyList<JsonElement>?>? Rows);

/// <summary>
/// Turns a table shown on a page into an .xlsx. It holds only what the page already showed the
/// caller, so any signed-in user may ask; the body is bounded before it is read.
/// </summary>
public static class TableExportEndpoints
{
    public const int MaximumRows = 50_000;
    public const int MaximumColumns = 60;
    public const int MaximumTitleLength = 200;

    /// <summary>Excel's own limit on the characters in one cell.</summary>
    public const int MaximumCellLength = 32_767;

    public const long MaximumRequestBytes = 16 * 1024 * 1024;

    private const int MaximumErrors = 20;
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapTableExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/exports/table", Results<FileContentHttpResult, ValidationProblem> (TableExportRequest request, IStringLocalizer<SharedResource> l) =>
        {
            var (table, errors) = Parse(request, l);
            if (table is null)
            {
                return TypedResults.ValidationProblem(errors, title: l["Tables.Error.Title"]);
            }

            using var buffer = new MemoryStream();
            table.WriteXlsx(buffer);
            return TypedResults.File(buffer.ToArray(), Xlsx, FileName(table.Title) + ".xlsx");
        })
        .RequireAuthorization()
        .WithMetadata(new UploadSizeAttribute("table-export", "rows", MaximumRequestBytes))
        .WithTags("Exports")
        .WithSummary("A table as shown on a page (title, columns, rows of strings, numbers or nulls) as an .xlsx: title in A1, header on row 3.")
        .WithDescription($"For any signed-in user. At most {MaximumColumns} columns and {MaximumRows} rows, {MaximumCellLength} characters a cell; "
            + "text that starts like a formula is written with a leading apostrophe. 400 with messages keyed by field (e.g. rows[3][1]) otherwise.");
    }

    private static (PageTable? Table, Dictionary<string, string[]> Errors) Parse(TableExportRequest request, IStringLocalizer<SharedResource> l)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string key, string message)
        {
            if (errors.Count < MaximumErrors)
            {
                errors[key] = [message];
            }
        }

        var title = request.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaximumTitleLength)
        {
            Add("title", l["Tables.Error.TitleLength", MaximumTitleLength]);
        }

        var columns = request.Columns ?? [];
        if (columns.Count is 0 or > MaximumColumns)
        {
            Add("columns", l["Tables.Error.ColumnCount", MaximumColumns]);
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if ((columns[c]?.Length ?? 0) > MaximumTitleLength)
            {
                Add($"columns[{c}]", l["Tables.Error.TitleLength", MaximumTitleLength]);
            }
        }

        var rows = request.Rows ?? [];
        if (rows.Count > MaximumRows)
        {
            Add("rows", l["Tables.Error.RowCount", rows.Count, MaximumRows]);
            return (null, errors);
        }

        var parsed = new List<IReadOnlyList<PageTableCell>>(rows.Count);
        for (var r = 0; r < rows.Count && errors.Count < MaximumErrors; r++)
        {
            var row = rows[r] ?? [];
            if (row.Count != columns.Count)
            {
                Add($"rows[{r}]", l["Tables.Error.RowWidth", row.Count, columns.Count]);
                continue;
            }

            var cells = new PageTableCell[row.Count];
            for (var c = 0; c < row.Count; c++)
            {
                var value = row[c];
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null or JsonValueKind.Undefined:
                        cells[c] = PageTableCell.Of("");
                        break;
                    case JsonValueKind.String when value.GetString()!.Length <= MaximumCellLength:
                        cells[c] = PageTableCell.Of(value.GetString()!);
                        break;
                    case JsonValueKind.String:
                        Add($"rows[{r}][{c}]", l["Tables.Error.CellLength", MaximumCellLength]);
                        break;
                    case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                        cells[c] = PageTableCell.Of(number);
                        break;
                    default:
                        Add($"rows[{r}][{c}]", l["Tables.Error.CellKind"]);
                        break;
                }
            }

            parsed.Add(cells);
        }

        return errors.Count > 0 ? (null, errors) : (new PageTable(title, [.. columns.Select(c => c?.Trim() ?? "")], parsed), errors);
    }

    /// <summary>The title with what a file name may not hold replaced, so the download keeps its Vietnamese name.</summary>
    private static string FileName(string title)
    {
        var name = new StringBuilder(title.Length);
        foreach (var c in title)
        {
            name.Append(char.IsControl(c) || Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '-' : c);
        }

        var trimmed = name.ToString().Trim(' ', '.', '-');
        return trimmed.Length == 0 ? "bang" : trimmed[..Math.Min(trimmed.Length, 100)];
    }
}
