using GovKpi.Core.Measurement;

namespace GovKpi.Web.Features.Measurement;

/// <summary>
/// The plausibility rules of this installation's record readers: <c>Records:Plausibility:*</c>
/// (<c>FirstYear</c>, <c>LastYear</c>, <c>NothingBeforeReceipt</c>; e.g.
/// <c>Records__Plausibility__FirstYear=1990</c>), unset keys keep <see cref="RecordPlausibility.Default"/>.
/// </summary>
public static class RecordPlausibilitySettings
{
    public const string Section = "Records:Plausibility";

    public static RecordPlausibility From(IConfiguration configuration)
    {
        var plausibility = configuration.GetSection(Section).Get<RecordPlausibility>() ?? RecordPlausibility.Default;
        return plausibility.Problem() is { } problem ? throw new InvalidOperationException(problem) : plausibility;
    }
}
