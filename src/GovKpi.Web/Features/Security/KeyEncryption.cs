using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GovKpi.Data;
using Microsoft.AspNetCore.DataProtection;

namespace GovKpi.Web.Features.Security;

/// <summary>
/// Data-protection keys sit in the database beside the data; they are always encrypted at rest
/// with a certificate kept outside it, so a copy of the database alone cannot forge session or
/// antiforgery cookies. <c>DataProtection:CertificatePath</c> names a PKCS#12 file (its password
/// in <c>DataProtection:CertificatePassword</c>) shared by every node; a single node on the
/// embedded SQLite database without one makes its own in the data directory on first start.
/// </summary>
public static class KeyEncryption
{
    public const string GeneratedFileName = "data-protection.pfx";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(
        this IDataProtectionBuilder builder, IConfiguration configuration, DatabaseOptions database, string dataDirectory, bool production)
    {
        var path = configuration["DataProtection:CertificatePath"];
        var password = configuration["DataProtection:CertificatePassword"];
        if (string.IsNullOrWhiteSpace(path))
        {
            // Nodes sharing PostgreSQL must share the certificate too: a per-node one would make their keys unreadable to each other.
            if (database.Provider != DatabaseProvider.Sqlite)
            {
                if (production && !configuration.GetValue("DataProtection:AllowPlainKeys", false))
                {
                    throw new InvalidOperationException(
                        "DataProtection:CertificatePath is not set: on PostgreSQL every node needs the same certificate to encrypt the cookie keys "
                        + "it stores in the database (docs/SECURITY.md). Set DataProtection__CertificatePath, or DataProtection__AllowPlainKeys=true "
                        + "to accept plain keys knowingly.");
                }

                return builder;
            }

            path = Path.Combine(dataDirectory, "keys", GeneratedFileName);
            password = null;
            CreateIfMissing(path);
        }

        var certificate = Load(path, password);
        // Certificates that encrypted older keys stay able to decrypt them after a rotation.
        var previous = (configuration["DataProtection:PreviousCertificatePaths"] ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Load(p, configuration["DataProtection:PreviousCertificatePassword"]));
        return builder
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate([certificate, .. previous]);
    }

    private static void CreateIfMissing(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=GovKpi data-protection keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        // Validity plays no part in encrypting keys; a fixed span keeps the clock out of it.
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var file = OperatingSystem.IsWindows()
            ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)
            : new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
        {
            file.Write(certificate.Export(X509ContentType.Pkcs12));
        }

        try
        {
            // Of two apps starting on the same directory the first complete file wins; the other reads it.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    private static X509Certificate2 Load(string path, string? password) => X509CertificateLoader.LoadPkcs12FromFile(path, password);
}
