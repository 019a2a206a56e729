using System.Security.Cryptography;

namespace GovKpi.Core.Audit;

/// <summary>
/// A secret that seals audit trails (HMAC-SHA256). Its id is the first 8 hex digits of the SHA-256
/// of the secret: a seal names the key that made it without revealing anything of the key.
/// </summary>
public sealed class AuditKey
{
    public const int Size = 32;

    private readonly byte[] _secret;

    public AuditKey(byte[] secret)
    {
        if (secret.Length != Size)
        {
            throw new ArgumentException($"An audit key has {Size} bytes, not {secret.Length}.", nameof(secret));
        }

        _secret = (byte[])secret.Clone();
        Id = Convert.ToHexStringLower(SHA256.HashData(_secret))[..8];
    }

    public string Id { get; }

    public static AuditKey New() => new(RandomNumberGenerator.GetBytes(Size));

    /// <summary>The secret in base64, to be kept in the key directory (never in the database).</summary>
    public string Export() => Convert.ToBase64String(_secret);

    internal byte[] Mac(byte[] message) => HMACSHA256.HashData(_secret, message);
}

/// <summary>Every audit key kept: the current one seals, the older ones still verify what they sealed.</summary>
public sealed class AuditKeyRing
{
    private readonly Dictionary<string, AuditKey> _keys;

    public AuditKeyRing(IEnumerable<AuditKey> keys, string currentId)
    {
        _keys = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
        Current = _keys.TryGetValue(currentId, out var current)
            ? current
            : throw new ArgumentException($"The current audit key {currentId} is not among the keys.", nameof(currentId));
    }

    public AuditKey Current { get; }

    public IReadOnlyCollection<string> Ids => _keys.Keys;

    public AuditKey? Find(string id) => _keys.GetValueOrDefault(id);
}
