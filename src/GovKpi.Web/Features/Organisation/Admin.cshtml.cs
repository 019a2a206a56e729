using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>
/// HR's forms for units, positions and staff. Each form posts the columns of its organisation file
/// by name and goes through <see cref="OrganisationAdmin"/>, as the API does, with the source
/// <c>page</c>; problems come back next to their fields, a saved change with its summary.
/// </summary>
[Authorize(Roles = Roles.Hr)]
public sealed class OrganisationAdminModel(GovKpiDbContext db, OrganisationAdmin admin, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The forms of the page: what each posts to.</summary>
    public const string AddUnit = "add-unit", EditUnit = "edit-unit", RetireUnit = "retire-unit", AddPosition = "add-position", EditPosition = "edit-position",
        AddStaff = "add-staff", EditStaff = "edit-staff", MoveStaff = "move-staff", LeaveStaff = "leave-staff";

    [FromQuery(Name = "unit")]
    public string? UnitCode { get; set; }

    [FromQuery(Name = "position")]
    public string? PositionCode { get; set; }

    [FromQuery(Name = "staff")]
    public string? StaffCode { get; set; }

    public UnitScope? Scope { get; private set; }
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public IReadOnlyList<JobPosition> Positions { get; private set; } = [];
    public IReadOnlyList<StaffMember> UnitStaff { get; private set; } = [];
    public Unit? SelectedUnit { get; private set; }
    public JobPosition? SelectedPosition { get; private set; }
    public StaffMember? SelectedStaff { get; private set; }
    public StaffPlacement? SelectedPlacement { get; private set; }
    public string Today { get; private set; } = "";

    /// <summary>The form that was posted, with what it held, its problems per field, and the refusal or change it brought.</summary>
    public string? Posted { get; private set; }
    public IReadOnlyDictionary<string, string?> PostedFields { get; private set; } = new Dictionary<string, string?>();
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Refusal { get; private set; }
    public OrganisationChangeResponse? Change { get; private set; }

    /// <summary>The form whose change was saved: its summary is shown inside it, where the page returns to.</summary>
    public string? Saved { get; private set; }

    public bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public string Name(Unit u) => English && u.NameEn.Length > 0 ? u.NameEn : u.NameVi;

    public string Name(JobPosition p) => English && p.NameEn.Length > 0 ? p.NameEn : p.NameVi;

    /// <summary>What a field of a form shows: what was posted in it when that form came back, else the stored value.</summary>
    public string? Value(string form, string field, string? stored) => Posted == form ? PostedFields.GetValueOrDefault(field) : stored;

    public IReadOnlyList<string> ErrorsOf(string form, string field) => Posted == form ? Errors.GetValueOrDefault(field) ?? [] : [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string op, string? target, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var fields = Request.Form
            .Where(f => f.Key is not ("op" or "target" or "version" or "__RequestVerificationToken"))
            .ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        const OrganisationChangeSource page = OrganisationChangeSource.Page;
        var code = target ?? "";
        var version = Request.Form["version"].ToString() is { Length: > 0 } v ? v : null;
        var outcome = op switch
        {
            AddUnit => await admin.CreateUnitAsync(fields, user, page, ct),
            EditUnit => await admin.EditUnitAsync(code, fields, user, page, version, ct),
            RetireUnit => await admin.RetireUnitAsync(code, fields, user, page, version, ct),
            AddPosition => await admin.CreatePositionAsync(fields, user, page, ct),
            EditPosition => await admin.EditPositionAsync(code, fields, user, page, version, ct),
            AddStaff => await admin.CreateStaffAsync(fields, user, page, ct),
            EditStaff => await admin.EditStaffAsync(code, fields, user, page, version, ct),
            MoveStaff => await admin.MoveStaffAsync(code, fields, user, page, version, ct),
            LeaveStaff => await admin.RecordDepartureAsync(code, fields, user, page, version, ct),
            _ => null,
        };
        if (outcome is null)
        {
            return BadRequest();
        }

        Posted = op;
        PostedFields = fields;
        // The record a form changes stays selected, whatever the address the form was posted from.
        if (target is not null)
        {
            _ = op switch
            {
                EditUnit or RetireUnit => UnitCode = target,
                EditPosition => PositionCode = target,
                _ => StaffCode = target,
            };
        }

        switch (outcome.Status)
        {
            case AdminStatus.Done:
                Change = outcome.Change;
                Saved = op;
                // The saved record is shown as stored now, and a new record becomes the one selected.
                Posted = null;
                if (op is AddUnit && fields.GetValueOrDefault("code") is { } unit)
                {
                    UnitCode = unit;
                }
                else if (op is AddPosition && fields.GetValueOrDefault("code") is { } position)
                {
                    PositionCode = position;
                }
                else if (op is AddStaff && fields.GetValueOrDefault("code") is { } staff)
                {
                    StaffCode = staff;
                }

                break;
            case AdminStatus.Invalid:
                Errors = outcome.Errors!;
                break;
            case AdminStatus.NotFound:
                Refusal = l["Organisation.Admin.NotFound"];
                break;
            case AdminStatus.Forbidden:
                Refusal = l["Organisation.Admin.Forbidden"];
                break;
            case AdminStatus.Stale:
                Refusal = l["Organisation.Admin.Stale"];
                break;
            default:
                Refusal = $"{l["Organisation.Admin.Exists"]} ({outcome.Detail})";
                break;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Scope = await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
        Today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Units = Scope.Tree.Units.Where(u => Scope.Contains(u.Code)).OrderBy(u => u.EffectiveTo is not null).ThenBy(u => u.NameVi, StringComparer.Ordinal).ToList();
        Positions = await db.JobPositions.AsNoTracking().OrderBy(p => p.NameVi).ToListAsync(ct);
        SelectedPosition = Positions.FirstOrDefault(p => p.Code == PositionCode);
        if (StaffCode is not null)
        {
            SelectedStaff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == StaffCode, ct);
            if (SelectedStaff is not null && !Scope.Contains(SelectedStaff.UnitCode))
            {
                SelectedStaff = null;
            }
        }

        if (SelectedStaff is not null)
        {
            UnitCode ??= SelectedStaff.UnitCode;
            SelectedPlacement = (await db.StaffHistory.AsNoTracking().Where(h => h.StaffCode == SelectedStaff.Code).ToListAsync(ct)).MaxBy(h => h.EffectiveFrom)
                ?? StaffPlacement.AssumedFor(SelectedStaff, Scope.Tree.Find(SelectedStaff.UnitCode)?.EffectiveFrom ?? DateOnly.MinValue);
        }

        SelectedUnit = Units.FirstOrDefault(u => u.Code == UnitCode);
        if (SelectedUnit is not null)
        {
            var code = SelectedUnit.Code;
            UnitStaff = await db.Staff.AsNoTracking().Where(s => s.UnitCode == code).OrderBy(s => s.FullName).ToListAsync(ct);
        }
    }
}
