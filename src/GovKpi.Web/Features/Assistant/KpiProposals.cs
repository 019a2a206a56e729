using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using GovKpi.Web.Features.KpiLibrary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

public sealed record KpiProposalRequest(string? PositionCode, string? Description);

public sealed record KpiProposalItemResponse(string KpiCode, string Name, string Kind, decimal WeightPercent, decimal? Target, string Unit,
    string DataSource, string? Period, IReadOnlyList<string> Evidence, string Explanation);

public sealed record KpiProposalResponse(string Mode, string? PositionCode, string Description, IReadOnlyList<KpiProposalItemResponse> Items,
    decimal TotalWeight, bool SmartPassed, IReadOnlyList<string> SmartProblems, string Summary);

/// <summary>Proposals of KPI sets from a job position's description (<see cref="KpiProposer"/>), explained in the user's language.</summary>
public sealed class KpiProposals(GovKpiDbContext db, IStringLocalizer<SharedResource> l)
{
    private static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    /// <summary>The description to work from: the position's, or the one given; null with <paramref name="errors"/> filled when neither is usable.</summary>
    public async Task<(string? PositionCode, string? Description)> DescriptionAsync(KpiProposalRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.PositionCode))
        {
            var position = await db.JobPositions.AsNoTracking().SingleOrDefaultAsync(p => p.Code == request.PositionCode, ct);
            if (position is null)
            {
                errors["positionCode"] = [l["Assistant.Kpi.Error.Position", request.PositionCode]];
                return (null, null);
            }

            var text = string.IsNullOrWhiteSpace(request.Description) ? position.Description : request.Description;
            if (string.IsNullOrWhiteSpace(text))
            {
                errors["description"] = [l["Assistant.Kpi.Error.NoDescription", position.Code]];
                return (null, null);
            }

            return (position.Code, text.Trim());
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            errors["description"] = [l["Assistant.Kpi.Error.Empty"]];
            return (null, null);
        }

        if (request.Description.Length > AssistantEndpoints.MaximumDescriptionLength)
        {
            errors["description"] = [l["Assistant.Kpi.Error.TooLong", AssistantEndpoints.MaximumDescriptionLength, request.Description.Length]];
            return (null, null);
        }

        return (null, request.Description.Trim());
    }

    public async Task<KpiProposalResponse> ProposeAsync(string? positionCode, string description, DateOnly today, CancellationToken ct)
    {
        var library = await db.KpiDefinitions.AsNoTracking().ToListAsync(ct);
        var proposal = KpiProposer.Propose(description, library, today);
        var items = proposal.Items.Select(i =>
        {
            var d = i.Definition;
            var evidence = i.MatchedPhrases.Select(p => VietnameseText.Quote(description, p)).ToList();
            var target = d.Target is { } t ? TargetText(d, t) : "—";
            var why = evidence.Count > 0
                ? l["Assistant.Kpi.Because", string.Join(", ", evidence.Select(e => "«" + e + "»"))].Value
                : l["Assistant.Kpi.Baseline"].Value;
            var explanation = why + " " + l["Assistant.Kpi.Terms", target, d.DataSource.Length > 0 ? KpiLibraryText.Source(l, d.DataSource) : "—",
                d.Period is { } p ? l["Assistant.Kpi.Period." + p].Value : "—", i.WeightPercent.ToString("0.#", CultureInfo.CurrentCulture)].Value;
            return new KpiProposalItemResponse(d.Code, English ? d.NameEn : d.NameVi, d.Kind.ToString(), i.WeightPercent, d.Target, d.UnitOfMeasure,
                d.DataSource, d.Period?.ToString(), evidence, explanation);
        }).ToList();
        var problems = proposal.Violations.Select(v => KpiSetVersioning.Message(l, v)).ToList();
        var summary = proposal.NoMeasuredKpiMatched
            ? l["Assistant.Kpi.SummaryRatingsOnly"].Value
            : l["Assistant.Kpi.Summary", items.Count(i => i.Kind == nameof(KpiKind.Quantitative)), items.Count(i => i.Kind == nameof(KpiKind.Qualitative))].Value;
        return new KpiProposalResponse(DataAnswers.OfflineMode, positionCode, description, items, items.Sum(i => i.WeightPercent), problems.Count == 0,
            problems, summary);
    }

    private string TargetText(KpiDefinition d, decimal target) => d.Kind == KpiKind.Qualitative
        ? l["Assistant.Kpi.RatingTarget", l["Rating." + (RatingLevel)(int)target].Value].Value
        : (d.Direction == KpiDirection.LowerIsBetter ? "≤ " : "≥ ") + target.ToString("0.##", CultureInfo.CurrentCulture) + " " + d.UnitOfMeasure;
}
