using GovKpi.Core.Access;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>Leave records (<c>/api/leave</c>): HR writes, HR and managers read within their scope.</summary>
public static class LeaveEndpoints
{
    public const long MaximumFileBytes = 20 * 1024 * 1024;

    public static void MapLeaveEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leave").WithTags("Leave").RequireAuthorization(p => p.RequireRole(Roles.Hr, Roles.Manager));

        group.MapGet("/", async (string? staff, GovKpiDbContext db, LeaveDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.ListAsync(await Caller.LoadAsync(db, http, ct), staff, ct)).ToHttp())
            .WithSummary("Leave of the staff in the caller's scope (HR, managers), latest first; staff = one staff code.");

        group.MapPost("/", async (List<LeaveRequest> rows, GovKpiDbContext db, LeaveDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.SaveAsync(await Caller.LoadAsync(db, http, ct), rows.Select(LeaveDesk.Row).ToList(), (row, column) => $"[{row.Line}].{column}", ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.Hr))
            .WithSummary("Records leave (HR): a JSON array of {staff_code, kind, from, to} as in leave.csv, all or nothing, idempotent.")
            .WithDescription("kind = annual | sick | maternity | training | unpaid; from and to yyyy-MM-dd, to exclusive. Errors are keyed [index].field. "
                + "The same person, kind and first day again replaces the end date. Annual leave counts as time worked; the others reduce the time worked "
                + "that Decree 335's rules read (year score, six-month minimum, cap after three months away).");

        group.MapPost("/import", async (IFormFile? file, GovKpiDbContext db, LeaveDesk desk, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await ImportAsync(file, await Caller.LoadAsync(db, http, ct), desk, l, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.Hr))
            // Room above the file limit so that a file somewhat too big gets the located message.
            .WithMetadata(new UploadSizeAttribute("leave", "file", 2 * MaximumFileBytes))
            // Scripts cannot fetch an antiforgery token; ApiWriteGuard refuses this upload from another origin instead.
            .DisableAntiforgery()
            .WithSummary("Imports leave.csv or a .xlsx with the same columns (multipart field 'file'), all or nothing; errors keyed file:line:column.");
    }

    /// <summary>Reads an uploaded leave file and saves it; shared by the API and the page.</summary>
    public static async Task<DeskResult<LeaveSaved>> ImportAsync(IFormFile? file, Caller caller, LeaveDesk desk, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > MaximumFileBytes)
        {
            return DeskResult<LeaveSaved>.Invalid(l["Leave.Error.Title"], new() { ["file"] = [l["Leave.Error.File", MaximumFileBytes / 1024 / 1024]] });
        }

        await using var stream = file.OpenReadStream();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        List<LeaveRow> rows;
        List<FieldProblem> header;
        try
        {
            (rows, header) = LeaveFile.Read(buffer, file.FileName);
        }
        catch (UploadLimitException e)
        {
            return DeskResult<LeaveSaved>.Invalid(l["Leave.Error.Title"], new() { ["file"] = [UploadRefusal.Message(e, l)] });
        }
        catch (WorkbookException e)
        {
            return DeskResult<LeaveSaved>.Invalid(l["Leave.Error.Title"], new() { ["file"] = [e.Message] });
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException)
        {
            return DeskResult<LeaveSaved>.Invalid(l["Leave.Error.Title"], new() { ["file"] = [$"{file.FileName}: {e.Message}"] });
        }

        if (header.Count > 0)
        {
            return DeskResult<LeaveSaved>.Invalid(l["Leave.Error.Title"], header.ToDictionary(p => $"{file.FileName}:1:{p.Column}", p => new[] { l["Leave.Error.Field", p.Reason].Value }));
        }

        return await desk.SaveAsync(caller, rows, (row, column) => $"{file.FileName}:{row.Line}:{column}", ct);
    }
}
