using System.Security.Cryptography;
using System.Text;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>The content of one audit entry, as it is hashed.</summary>
public sealed record AuditContent(
    long Sequence, DateTimeOffset At, string Actor, string ActorName, string ActorRole, string Action, Guid? EvaluationId, string? StaffCode,
    string Field, string OldValue, string NewValue, string Reason);

/// <summary>
/// Makes a cycle's audit trail tamper-evident: each entry's hash covers its content and the hash
/// of the entry before it, so changing, removing or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "";

    public static string Hash(string previousHash, AuditContent content)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return HashFields(
        [
            previousHash, content.Sequence.ToString(invariant), Microseconds(content.At),
            content.Actor, content.ActorName, content.ActorRole, content.Action, content.EvaluationId?.ToString("N") ?? "",
            content.StaffCode ?? "", content.Field, content.OldValue, content.NewValue, content.Reason,
        ]);
    }

    /// <summary>The hash of an entry of another trail (organisation, accounts, KPI library): the same rule over its own fields.</summary>
    public static string Hash(string previousHash, long sequence, DateTimeOffset at, IEnumerable<string?> fields) =>
        HashFields([previousHash, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Microseconds(at), .. fields.Select(f => f ?? "")]);

    // Microseconds: what both databases keep of an instant, so a read-back entry hashes the same.
    public static string Microseconds(DateTimeOffset at) =>
        (at.UtcTicks / TimeSpan.TicksPerMicrosecond).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string HashFields(IEnumerable<string> fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            // Length-prefixed: no character inside a value can shift a field boundary.
            text.Append(field.Length).Append(':').Append(field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The sequence number of the first entry whose hash does not match, or null when the chain is intact.</summary>
    public static long? FirstBroken(IEnumerable<(AuditContent Content, string Hash)> entriesInOrder)
    {
        var previous = Genesis;
        var expected = 1L;
        foreach (var (content, hash) in entriesInOrder)
        {
            if (content.Sequence != expected || Hash(previous, content) != hash)
            {
                return content.Sequence;
            }

            previous = hash;
            expected++;
        }

        return null;
    }
}
