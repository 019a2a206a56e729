using System.Globalization;
using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tests.Evaluation;

public sealed class ExplanationNumbersTests
{
    [Theory]
    [InlineData("vi-VN", "on_time_rate: 93.93 ÷ 98 = 95.84%", "on_time_rate: 93,93 ÷ 98 = 95,84%")]
    [InlineData("vi-VN", "26 + 58.8 = 84.8", "26 + 58,8 = 84,8")]
    [InlineData("en-US", "26 + 58.8 = 84.8", "26 + 58.8 = 84.8")]
    [InlineData("th-TH", "26 + 58.8 = 84.8", "26 + 58.8 = 84.8")]
    public void Decimal_points_between_digits_follow_the_reader(string culture, string invariant, string expected) =>
        Assert.Equal(expected, ExplanationNumbers.InCulture(invariant, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void A_full_stop_that_ends_a_sentence_stays() =>
        Assert.Equal("Đạt 95,5. Xem thêm.", ExplanationNumbers.InCulture("Đạt 95.5. Xem thêm.", CultureInfo.GetCultureInfo("vi-VN")));
}
