using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Measurement;

/// <summary>Builder of dossier versions for tests: a processed, on-time, online dossier unless told otherwise.</summary>
internal static class Dossiers
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    public static DateTimeOffset At(int month, int day, int hour = 9) => new(2025, month, day, hour, 0, 0, Vn);

    public static DossierVersion Dossier(
        string id = "XA01-250701-0001", string unit = "XA01", string? handler = "CB001",
        DossierChannel channel = DossierChannel.Online,
        DateTimeOffset? received = null, DateTimeOffset? due = null, DateTimeOffset? finished = null,
        DossierStatus status = DossierStatus.Processed, bool staffError = false, DateTimeOffset? updated = null,
        bool open = false)
    {
        var r = received ?? At(7, 1);
        return new DossierVersion(id, "1.001234", unit, handler, channel, r, due ?? r.AddDays(5),
            open ? null : finished ?? r.AddDays(2), open ? DossierStatus.Processing : status, 0, staffError, updated ?? r.AddDays(3));
    }
}
