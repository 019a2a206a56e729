namespace GovKpi.Core.Audit;

/// <summary>
/// The signed head of one audit trail, moved with every change to it: how many entries the trail
/// had and the hash of the last one, when, and the key that signed it. Entries cut from the end or
/// a chain recomputed without the key no longer agree with it.
/// </summary>
public sealed class AuditCheckpoint
{
    /// <summary>The trail (<see cref="AuditScopes"/>).</summary>
    public required string Scope { get; set; }
    public long LastSequence { get; set; }
    public string HeadHash { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string KeyId { get; set; } = "";
    public string Signature { get; set; } = "";
}

/// <summary>The trails that are sealed, each with its own chain and checkpoint.</summary>
public static class AuditScopes
{
    public const string Organisation = "organisation";
    public const string Accounts = "accounts";
    public const string KpiLibrary = "kpi-library";
    private const string CyclePrefix = "cycle:";

    public static string Cycle(Guid cycleId) => CyclePrefix + cycleId.ToString("D");

    public static Guid? CycleOf(string scope) =>
        scope.StartsWith(CyclePrefix, StringComparison.Ordinal) && Guid.TryParse(scope[CyclePrefix.Length..], out var id) ? id : null;
}

/// <summary>An entry of a sealed trail: numbered, chained to the entry before it and sealed with a key.</summary>
public interface ISealedAuditEntry
{
    long Sequence { get; set; }
    DateTimeOffset At { get; }
    string Hash { get; set; }
    /// <summary><c>keyId:mac</c> of the scope, sequence and hash (<see cref="TrailSeal"/>); empty before sealing.</summary>
    string Seal { get; set; }

    /// <summary>What <see cref="Hash"/> must be after the entry whose hash is <paramref name="previousHash"/>.</summary>
    string HashAfter(string previousHash);
}
