using System.Globalization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>What the evaluation pages share: numbers typed as text, and a desk refusal shown as a message.</summary>
public static class PageForms
{
    /// <summary>Points as typed: "27,5" or "27.5" (the vi-VN culture would read "27.5" as 275).</summary>
    public static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The message of a refused write: the conflict's detail, or each located error.</summary>
    public static IReadOnlyList<string> Messages<T>(DeskResult<T> result) => result.Errors is { } errors
        ? errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList()
        : [result.Detail];
}
