using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>The versions of one position's KPI set and, for HR, the form for the next version.</summary>
public sealed class SetModel(GovKpiDbContext db, KpiSetVersioning versioning, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int BlankRows = 3;

    public JobPosition? Position { get; private set; }
    public IReadOnlyList<KpiSet> Versions { get; private set; } = [];
    public IReadOnlyDictionary<string, KpiDefinition> Definitions { get; private set; } = new Dictionary<string, KpiDefinition>();
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public int? Saved { get; private set; }
    /// <summary>The form holds the built-in set of the position's group because the position has none of its own.</summary>
    public bool FromGroup { get; private set; }
    public bool CanEdit => User.IsInRole(Roles.KpiDesigners);
    public bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public sealed class FormInput
    {
        public DateOnly? EffectiveFrom { get; set; }
        public string? Note { get; set; }
        public List<FormItem> Items { get; set; } = [];
    }

    /// <summary>Numbers stay text until parsed here: the vi-VN culture reads "4.5" as 45.</summary>
    public sealed class FormItem
    {
        public string? KpiCode { get; set; }
        public string? WeightPercent { get; set; }
        public string? TargetOverride { get; set; }
    }

    private static decimal? ParseNumber(string? text) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    public async Task<IActionResult> OnGetAsync(string position, int? saved, CancellationToken ct)
    {
        if (!await LoadAsync(position, ct))
        {
            return NotFound();
        }

        Saved = saved;
        var current = KpiVersions.SetAt(Versions, VietnamTime.Today(clock));
        FromGroup = Versions.Count == 0;
        Input = new FormInput
        {
            EffectiveFrom = VietnamTime.Today(clock).AddDays(1),
            Items = (current?.Items ?? (FromGroup ? GroupKpiSets.For(Position!.Group).Items : [])).Select(i => new FormItem
            {
                KpiCode = i.KpiCode,
                WeightPercent = i.WeightPercent.ToString(CultureInfo.InvariantCulture),
                TargetOverride = i.TargetOverride?.ToString(CultureInfo.InvariantCulture),
            }).ToList(),
        };
        Input.Items.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new FormItem()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string position, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        // Blank rows of the form are padding, not KPIs.
        var items = Input.Items.Where(i => !string.IsNullOrWhiteSpace(i.KpiCode) || !string.IsNullOrWhiteSpace(i.WeightPercent)).ToList();
        var outcome = await versioning.SaveAsync(position, new KpiSetRequest(Input.EffectiveFrom, Input.Note,
            items.Select(i => new KpiSetItemRequest(i.KpiCode, ParseNumber(i.WeightPercent), ParseNumber(i.TargetOverride))).ToList()), CurrentUser.From(User), ct);
        switch (outcome)
        {
            case KpiSetSaveOutcome.Saved saved:
                return Redirect($"/kpi-sets/{Uri.EscapeDataString(position)}?saved={saved.Set.Version}");
            case KpiSetSaveOutcome.Invalid invalid:
                await LoadAsync(position, ct);
                Errors = invalid.Errors;
                Input.Items = [.. items, .. Enumerable.Range(0, BlankRows).Select(_ => new FormItem())];
                return Page();
            default:
                return NotFound();
        }
    }

    public string SourceName(string? code) => KpiLibraryText.Source(l, code);

    public string FormatTarget(decimal? target, KpiDefinition? definition) =>
        definition is null ? target?.ToString("0.##", CultureInfo.CurrentCulture) ?? "" : KpiLibraryText.Target(l, target, definition.Kind);

    private async Task<bool> LoadAsync(string position, CancellationToken ct)
    {
        Position = await db.JobPositions.AsNoTracking().SingleOrDefaultAsync(p => p.Code == position, ct);
        if (Position is null)
        {
            return false;
        }

        Versions = await db.KpiSets.AsNoTracking().Where(s => s.PositionCode == position).OrderBy(s => s.Version).ToListAsync(ct);
        Definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, VietnamTime.Today(clock));
        return true;
    }
}
