using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace GovKpi.Web.Features.Security;

/// <summary>
/// Data-protection keys sit in the database beside the data; with
/// <c>DataProtection:CertificatePath</c> (a PKCS#12 file, its password in
/// <c>DataProtection:CertificatePassword</c>) they are encrypted at rest, so a copy of the
/// database alone cannot forge session or antiforgery cookies.
/// </summary>
public static class KeyEncryption
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        var certificate = Load(path, configuration["DataProtection:CertificatePassword"]);
        // Certificates that encrypted older keys stay able to decrypt them after a rotation.
        var previous = (configuration["DataProtection:PreviousCertificatePaths"] ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Load(p, configuration["DataProtection:PreviousCertificatePassword"]));
        return builder
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate([certificate, .. previous]);
    }

    private static X509Certificate2 Load(string path, string? password) => X509CertificateLoader.LoadPkcs12FromFile(path, password);
}
