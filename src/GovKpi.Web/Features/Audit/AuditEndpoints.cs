using GovKpi.Data.Exports;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Audit;

/// <summary>The merged trail over HTTP: a page as JSON, and the filtered list as .xlsx or CSV; for <see cref="AuditReader.Readers"/>, within their unit scope.</summary>
public static class AuditEndpoints
{
    public static void AddAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton<IAuditTrailSource, EvaluationTrailSource>();
        services.AddSingleton<IAuditTrailSource, OrganisationTrailSource>();
        services.AddSingleton<IAuditTrailSource, AccountTrailSource>();
        services.AddSingleton<IAuditTrailSource, TaskTrailSource>();
        services.AddSingleton<IAuditTrailSource, ImportTrailSource>();
        services.AddSingleton<IAuditTrailSource, DelegatedTaskTrailSource>();
        services.AddSingleton<IAuditTrailSource, KpiLibraryTrailSource>();
        services.AddScoped<AuditLabels>();
        services.AddScoped<AuditReader>();
    }

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(p => p.RequireRole(AuditReader.Readers));

        group.MapGet("", async Task<Results<Ok<AuditPage>, ValidationProblem>> (
            string? source, string? from, string? to, string? actor, string? staff, string? cycle, string? q, string? page,
            AuditReader reader, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (filter, number, problems) = new AuditQuery(source, from, to, actor, staff, cycle, q, page).Parse(l);
            if (problems.Count > 0)
            {
                return TypedResults.ValidationProblem(problems, title: l["Audit.Error.Title"]);
            }

            return TypedResults.Ok(await reader.PageAsync(CurrentUser.From(http.User), reader.WithText(filter), number, ct));
        })
        .WithSummary("Every trail (evaluation cycles, organisation, accounts, tasks, imports) as one list, newest first, 100 a page, in words and codes. Auditors and HR, within their unit scope.")
        .WithDescription("source = evaluation | organisation | accounts | tasks | imports; from, to = yyyy-MM-dd (days in Vietnam, both included); "
            + "actor = an account; staff = a staff code; cycle = a cycle id; q = words of the action, values, reason or names; page = 1, 2…");

        group.MapGet("/export.{format:regex(^(xlsx|csv)$)}", async Task<Results<FileContentHttpResult, ValidationProblem>> (
            string format, HttpContext http, AuditReader reader, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (filter, _, problems) = AuditQuery.Of(http.Request.Query).Parse(l);
            if (problems.Count > 0)
            {
                return TypedResults.ValidationProblem(problems, title: l["Audit.Error.Title"]);
            }

            var rows = await reader.ExportAsync(CurrentUser.From(http.User), reader.WithText(filter), ct);
            var table = AuditColumns.Table(rows, l);
            using var bytes = new MemoryStream();
            if (format == "xlsx")
            {
                table.WriteXlsx(bytes);
                return TypedResults.File(bytes.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "nhat-ky-kiem-toan.xlsx");
            }

            await table.WriteCsvAsync(bytes, ct);
            return TypedResults.File(bytes.ToArray(), "text/csv; charset=utf-8", "nhat-ky-kiem-toan.csv");
        })
        .WithSummary("The filtered trail (same parameters as GET /api/audit, without page) as .xlsx or CSV with Vietnamese headers, newest first, at most 100,000 lines.");
    }
}

/// <summary>The columns of the trail, once for the page and both exports.</summary>
public static class AuditColumns
{
    public static readonly (string Key, double Width, Func<AuditRow, string> Value)[] All =
    [
        ("Audit.Column.Time", 17, r => r.Time),
        ("Audit.Column.Source", 14, r => r.SourceName),
        ("Audit.Column.Who", 28, r => r.Who),
        ("Audit.Column.Role", 22, r => r.Role),
        ("Audit.Column.What", 30, r => r.What),
        ("Audit.Column.About", 40, r => r.About),
        ("Audit.Column.Field", 22, r => r.FieldName),
        ("Audit.Column.OldValue", 30, r => r.OldValue),
        ("Audit.Column.NewValue", 30, r => r.NewValue),
        ("Audit.Column.Reason", 40, r => r.Reason),
    ];

    public static TextTable Table(IReadOnlyList<AuditRow> rows, IStringLocalizer<SharedResource> l) => new(
        l["Audit.Title"],
        [.. All.Select(c => l[c.Key].Value)],
        [.. All.Select(c => c.Width)],
        rows.Select(r => (IReadOnlyList<string>)[.. All.Select(c => c.Value(r))]));
}
