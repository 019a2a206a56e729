using System.Globalization;

namespace GovKpi.Core.Privacy;

/// <summary>
/// How long the assistant keeps its exchanges (the questions people asked and the answers they
/// got, which may name people and quote documents): <see cref="Days"/> days, then they are
/// deleted; 0 keeps none. Setting <c>Assistant:RetentionDays</c>, default
/// <see cref="DefaultDays"/> (docs/SECURITY.md, "Personal data").
/// </summary>
public sealed record ExchangeRetention
{
    public const int DefaultDays = 90;

    /// <summary>Ten years: longer is no retention limit at all.</summary>
    public const int MaximumDays = 3650;

    private ExchangeRetention(int days) => Days = days;

    public int Days { get; }

    public static ExchangeRetention Default { get; } = new(DefaultDays);

    /// <summary>Whether a new exchange is written down at all.</summary>
    public bool KeepsExchanges => Days > 0;

    /// <summary>Whether an exchange made at <paramref name="at"/> must be gone at <paramref name="now"/>: older than <see cref="Days"/> whole days, or any when none are kept.</summary>
    public bool HasExpired(DateTimeOffset at, DateTimeOffset now) => !KeepsExchanges || now - at > TimeSpan.FromDays(Days);

    /// <summary>The exchanges, of those given, that must be deleted at <paramref name="now"/>.</summary>
    public IReadOnlyList<long> Expired(IEnumerable<(long Id, DateTimeOffset At)> exchanges, DateTimeOffset now) =>
        [.. exchanges.Where(x => HasExpired(x.At, now)).Select(x => x.Id)];

    /// <summary>The setting as configured: unset means <see cref="Default"/>; anything but a whole number of days from 0 to <see cref="MaximumDays"/> is refused with the reason.</summary>
    public static ExchangeRetention? Parse(string? setting, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(setting))
        {
            return Default;
        }

        if (int.TryParse(setting.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaximumDays)
        {
            return new ExchangeRetention(days);
        }

        problem = $"'{setting}' is not a whole number of days from 0 (keep no exchange) to {MaximumDays}";
        return null;
    }
}
