using GovKpi.Core.KpiLibrary;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>What the KPI library pages show of a definition's data source.</summary>
public static class KpiDataSourceText
{
    /// <summary>The source in words; a code outside <see cref="KpiDataSource.All"/> (an older free text) as it was stored.</summary>
    public static string Name(IStringLocalizer l, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "";
        }

        var text = l["KpiDataSource." + code.Trim()];
        return text.ResourceNotFound ? code : text.Value;
    }
}
