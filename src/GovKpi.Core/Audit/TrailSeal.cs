using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Audit;

/// <summary>
/// The keyed MACs of a sealed trail. A seal covers the scope and sequence as well as the hash, so a
/// seal cannot be moved to another trail or position; a checkpoint's signature covers all its fields.
/// </summary>
public static class TrailSeal
{
    public static string Seal(AuditKey key, string scope, long sequence, string hash) =>
        key.Id + ":" + Mac(key, "entry", scope, sequence.ToString(CultureInfo.InvariantCulture), hash);

    public static SealCheck Check(AuditKeyRing ring, string scope, long sequence, string hash, string seal)
    {
        if (seal.Length == 0)
        {
            return SealCheck.Missing;
        }

        var colon = seal.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || ring.Find(seal[..colon]) is not { } key)
        {
            return SealCheck.UnknownKey;
        }

        return Equal(Seal(key, scope, sequence, hash), seal) ? SealCheck.Valid : SealCheck.Invalid;
    }

    public static void Sign(AuditKey key, AuditCheckpoint checkpoint)
    {
        checkpoint.KeyId = key.Id;
        checkpoint.Signature = CheckpointMac(key, checkpoint);
    }

    public static SealCheck Check(AuditKeyRing ring, AuditCheckpoint checkpoint) =>
        ring.Find(checkpoint.KeyId) is not { } key ? SealCheck.UnknownKey
        : Equal(CheckpointMac(key, checkpoint), checkpoint.Signature) ? SealCheck.Valid
        : SealCheck.Invalid;

    private static string CheckpointMac(AuditKey key, AuditCheckpoint c) =>
        Mac(key, "checkpoint", c.Scope, c.LastSequence.ToString(CultureInfo.InvariantCulture), c.HeadHash, AuditChain.Microseconds(c.At));

    private static string Mac(AuditKey key, params string[] fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append(field.Length).Append(':').Append(field);
        }

        return Convert.ToHexStringLower(key.Mac(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static bool Equal(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}

public enum SealCheck
{
    Valid,
    Missing,
    UnknownKey,
    Invalid,
}
