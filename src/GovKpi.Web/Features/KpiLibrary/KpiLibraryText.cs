using System.Globalization;
using GovKpi.Core.KpiLibrary;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>How the KPI library pages word a definition's data source and target.</summary>
public static class KpiLibraryText
{
    /// <summary>The source in words; a code outside <see cref="KpiDataSource.All"/> (an older free text) as it was stored.</summary>
    public static string Source(IStringLocalizer l, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "";
        }

        var text = l["KpiDataSource." + code.Trim()];
        return text.ResourceNotFound ? code : text.Value;
    }

    /// <summary>A rating KPI's target as its level in words, any other as a number in the reader's culture.</summary>
    public static string Target(IStringLocalizer l, decimal? target, KpiKind kind) => target switch
    {
        null => "",
        _ when kind == KpiKind.Qualitative => l["Rating." + (RatingLevel)(int)target.Value],
        _ => target.Value.ToString("0.##", CultureInfo.CurrentCulture),
    };
}
