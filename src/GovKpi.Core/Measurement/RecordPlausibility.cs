using System.Globalization;

namespace GovKpi.Core.Measurement;

/// <summary>
/// What a measurement record may say and still be believed, beyond what its format allows:
/// every time and date within a window of years (a dossier of year 0001 or 9999 is a typing or
/// export error, and would break the period arithmetic of the aggregates), and a dossier's due
/// and update times not before its receipt. The contract allows any such value in form; these
/// refuse it as a located row problem. Configurable in the web app as <c>Records:Plausibility:*</c>.
/// </summary>
public sealed record RecordPlausibility
{
    public static RecordPlausibility Default { get; } = new();

    /// <summary>The earliest year a time or date may have (inclusive).</summary>
    public int FirstYear { get; init; } = 2000;

    /// <summary>The latest year a time or date may have (inclusive).</summary>
    public int LastYear { get; init; } = 2100;

    /// <summary>Whether a dossier's <c>due_at</c> and <c>updated_at</c> must not be before its <c>received_at</c>.</summary>
    public bool NothingBeforeReceipt { get; init; } = true;

    public bool IsPlausibleYear(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Problem() =>
        FirstYear < 1 || LastYear > 9999 || FirstYear > LastYear
            ? string.Create(CultureInfo.InvariantCulture, $"Records:Plausibility: FirstYear {FirstYear} to LastYear {LastYear} is not a window of years within 1 to 9999")
            : null;
}
