using System.Globalization;
using GovKpi.Core.Workforce;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Workforce;

/// <summary>The words of the workforce pages that are built from data.</summary>
public static class WorkforceText
{
    public static string Reason(ProposedLine line, IStringLocalizer l) => line.Reason switch
    {
        ProposalReason.Overload => l["Workforce.Reason.Overload", line.ToUnitCode, Ratio(line.ToLoad), line.FromUnitCode, Ratio(line.FromLoad)]
            + (line.Skill is null ? "" : " " + l["Workforce.Reason.AlsoSkill", line.Skill]),
        _ => l["Workforce.Reason.SkillGap", line.ToUnitCode, line.Skill ?? ""],
    };

    /// <summary>A load ratio as a percentage of the norm.</summary>
    public static string Ratio(decimal? load) => load is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "–";
}
