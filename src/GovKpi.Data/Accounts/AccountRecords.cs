using System.Security.Cryptography;

namespace GovKpi.Data.Accounts;

/// <summary>
/// A signed-in browser or API client. The cookie carries a random token; the row keeps only its
/// hash, so a copy of the database opens no session. Every request looks its row up
/// (<see cref="AccountSessions.CheckAsync"/>): revoking it ends the session on every node.
/// </summary>
public sealed class AccountSession
{
    /// <summary>SHA-256 of the token, hex.</summary>
    public required string Id { get; set; }
    public required int AccountId { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public required DateTimeOffset LastSeenAt { get; set; }
    /// <summary>Idle expiry: moves forward as the session is used.</summary>
    public required DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A one-time link with which a person chooses their password; only the token's hash is kept.</summary>
public sealed class AccountSetupToken
{
    public required string Id { get; set; }
    public required int AccountId { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public required DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>One change of an account: who, when, which account, its facts before and after (JSON). Never changed.</summary>
public sealed class AccountAuditEntry : GovKpi.Core.Audit.ISealedAuditEntry
{
    public long Id { get; set; }
    public required DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string UserName { get; set; }
    public string? Before { get; set; }
    public required string After { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public string Seal { get; set; } = "";

    public string HashAfter(string previousHash) =>
        GovKpi.Core.Evaluation.Cycles.AuditChain.Hash(previousHash, Sequence, At, [Actor, Action, UserName, Before, After]);
}

/// <summary>Random secrets for session cookies and setup links: 256 bits from the system's CSPRNG, stored as a SHA-256 hash.</summary>
public static class SecretToken
{
    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>A fast hash suffices: the token has 256 bits of entropy, nothing to guess as with a password.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
