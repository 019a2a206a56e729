using System.Globalization;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

public sealed class IndexModel(GovKpiDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<KpiDefinition> Definitions { get; private set; } = [];
    public bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken ct) =>
        Definitions = await db.KpiDefinitions.AsNoTracking().OrderBy(k => k.Code).ThenBy(k => k.Version).ToListAsync(ct);

    public string SourceName(string code) => KpiLibraryText.Source(l, code);

    public string FormatTarget(decimal? target, KpiKind kind) => KpiLibraryText.Target(l, target, kind);
}
