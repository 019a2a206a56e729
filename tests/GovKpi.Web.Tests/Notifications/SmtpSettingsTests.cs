using GovKpi.Web.Features.Notifications;
using Microsoft.Extensions.Configuration;

namespace GovKpi.Web.Tests.Notifications;

public class SmtpSettingsTests
{
    private static SmtpSettings Read(params (string Key, string Value)[] values) =>
        SmtpSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build());

    [Fact]
    public void Without_a_host_mail_is_off_and_the_defaults_are_STARTTLS_on_587_and_a_7_oclock_digest()
    {
        var settings = Read();

        Assert.False(settings.IsConfigured);
        Assert.Equal(SmtpTls.StartTls, settings.Tls);
        Assert.Equal(587, settings.Port);
        Assert.Equal(7, settings.DigestHour);
    }

    [Fact]
    public void Every_setting_is_read_from_Notifications_Smtp()
    {
        var settings = Read(
            ("Notifications:Smtp:Host", "mail.tinh.gov.vn"), ("Notifications:Smtp:Tls", "sslonconnect"),
            ("Notifications:Smtp:FromAddress", "kpi@tinh.gov.vn"), ("Notifications:Smtp:User", "kpi"),
            ("Notifications:Smtp:Password", "bí mật"), ("Notifications:DigestHour", "17"),
            ("Notifications:PublicBaseUrl", "https://kpi.tinh.gov.vn/"));

        Assert.Equal(
            new SmtpSettings("mail.tinh.gov.vn", 465, "kpi@tinh.gov.vn", "GovKpi", "kpi", "bí mật", SmtpTls.SslOnConnect, 17, "https://kpi.tinh.gov.vn"),
            settings);
    }

    [Theory]
    [InlineData("Notifications:Smtp:Tls", "Auto", "Notifications:Smtp:Tls must be one of None, StartTls, SslOnConnect; it is 'Auto'.")]
    [InlineData("Notifications:Smtp:Tls", "1", "Notifications:Smtp:Tls must be one of None, StartTls, SslOnConnect; it is '1'.")]
    [InlineData("Notifications:DigestHour", "24", "Notifications:DigestHour must be an hour of the day, 0 to 23 (Vietnam time); it is 24.")]
    public void A_wrong_setting_stops_the_start_with_its_name_and_value(string key, string value, string expected)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Read((key, value)));

        Assert.Equal(expected, refusal.Message);
    }
}
