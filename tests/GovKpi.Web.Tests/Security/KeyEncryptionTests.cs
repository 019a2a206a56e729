using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GovKpi.Data;
using GovKpi.Web.Features.Security;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Security;

/// <summary>With DataProtection:CertificatePath the keys in the database are encrypted with that certificate, and sessions still work.</summary>
public abstract class KeyEncryptionTests<TApp>(TApp app) where TApp : CertificateApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    [SkippableFact]
    public async Task Keys_are_stored_encrypted_with_the_configured_certificate_and_a_session_cookie_still_signs_in()
    {
        RequireDatabase();
        var cookie = await app.SignInCookieAsync("hr");
        using var client = app.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.Contains(app.CertificateBase64, xml);
            Assert.DoesNotContain("<value>", xml);
        }

        // Read back from the database as another node would: each key decrypts with the certificate.
        var manager = scope.ServiceProvider.GetRequiredService<IKeyManager>();
        foreach (var key in manager.GetAllKeys())
        {
            Assert.NotNull(key.Descriptor);
        }
    }
}

/// <summary>The app with a fresh self-signed certificate file as its data-protection key certificate.</summary>
public abstract class CertificateApp : GovKpiApp
{
    private readonly string _directory = Directory.CreateTempSubdirectory("govkpi-cert-").FullName;
    private const string CertificatePassword = "mật khẩu chứng thư";

    protected CertificateApp(DatabaseProvider provider) : base(provider)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=GovKpi data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        CertificateBase64 = Convert.ToBase64String(certificate.RawData);
        CertificatePath = Path.Combine(_directory, "keys.pfx");
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
    }

    /// <summary>The public certificate as the encrypted key XML names it.</summary>
    public string CertificateBase64 { get; }
    public string CertificatePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataProtection:CertificatePath", CertificatePath);
        builder.UseSetting("DataProtection:CertificatePassword", CertificatePassword);
    }

    protected override Task AfterServerStoppedAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class SqliteCertificateApp() : CertificateApp(DatabaseProvider.Sqlite);

public sealed class PostgresCertificateApp() : CertificateApp(DatabaseProvider.Postgres);

public sealed class SqliteKeyEncryptionTests(SqliteCertificateApp app) : KeyEncryptionTests<SqliteCertificateApp>(app), IClassFixture<SqliteCertificateApp>;

public sealed class PostgresKeyEncryptionTests(PostgresCertificateApp app) : KeyEncryptionTests<PostgresCertificateApp>(app), IClassFixture<PostgresCertificateApp>;

/// <summary>A single node on SQLite with no certificate configured makes its own beside the data, so its keys are never plain.</summary>
public sealed class GeneratedCertificateTests(GeneratedCertificateApp app) : IClassFixture<GeneratedCertificateApp>
{
    [Fact]
    public async Task Without_a_configured_certificate_the_sqlite_node_encrypts_its_keys_with_one_it_made_readable_only_by_its_owner()
    {
        var cookie = await app.SignInCookieAsync("hr");
        using var client = app.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        var file = Path.Combine(app.DataDirectory, "keys", GovKpi.Web.Features.Security.KeyEncryption.GeneratedFileName);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(file, null);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains(Convert.ToBase64String(certificate.RawData), xml);
            Assert.DoesNotContain("<value>", xml);
        });
    }
}

public sealed class GeneratedCertificateApp() : GovKpiApp(DatabaseProvider.Sqlite)
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("govkpi-keys-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
    }

    protected override Task AfterServerStoppedAsync()
    {
        Directory.Delete(DataDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Nodes sharing PostgreSQL in production refuse to start with their cookie keys plain, unless told to accept that.</summary>
public sealed class SharedDatabaseKeyTests
{
    private static readonly DatabaseOptions Postgres = new(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=govkpi");

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_production_node_on_postgresql_without_a_certificate_refuses_to_start_naming_the_setting()
    {
        var builder = new ServiceCollection().AddDataProtection();

        var refused = Assert.Throws<InvalidOperationException>(() => builder.ProtectKeysWithConfiguredCertificate(Settings(), Postgres, ".", production: true));

        Assert.Contains("DataProtection__CertificatePath", refused.Message);
        builder.ProtectKeysWithConfiguredCertificate(Settings(("DataProtection:AllowPlainKeys", "true")), Postgres, ".", production: true);
        builder.ProtectKeysWithConfiguredCertificate(Settings(), Postgres, ".", production: false);
    }
}
