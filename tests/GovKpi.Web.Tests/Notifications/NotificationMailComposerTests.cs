using System.Globalization;

namespace GovKpi.Web.Tests.Notifications;

public class NotificationMailComposerTests
{
    [Fact]
    public void Mails_are_written_in_Vietnamese_even_on_a_thread_whose_culture_is_English()
    {
        var (_, composer, _) = SmtpMailTests.Build(SmtpMailTests.Settings(25));
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        try
        {
            var mail = composer.Immediate(SmtpMailTests.Deadline("CB001", DateTimeOffset.UnixEpoch), "an@tinh.gov.vn", null);

            Assert.Equal("Hạn tự đánh giá kỳ Quý IV/2026: ngày 15/12/2026", mail.Subject);
            Assert.Equal("en-US", CultureInfo.CurrentUICulture.Name);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
