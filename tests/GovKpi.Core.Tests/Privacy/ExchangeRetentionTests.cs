using GovKpi.Core.Privacy;

namespace GovKpi.Core.Tests.Privacy;

public sealed class ExchangeRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(7));

    private static ExchangeRetention Days(string setting) => ExchangeRetention.Parse(setting, out _)!;

    [Fact]
    public void Exchanges_older_than_the_retention_expire_and_newer_ones_stay()
    {
        var retention = Days("90");
        (long, DateTimeOffset)[] exchanges =
        [
            (1, Now.AddDays(-200)), (2, Now.AddDays(-90).AddMinutes(-1)), (3, Now.AddDays(-90)), (4, Now.AddDays(-89)), (5, Now.AddMinutes(-5)),
        ];

        Assert.Equal([1L, 2L], retention.Expired(exchanges, Now));
        Assert.True(retention.KeepsExchanges);
    }

    [Fact]
    public void A_retention_of_zero_days_keeps_no_exchange_not_even_one_made_now()
    {
        var retention = Days("0");

        Assert.False(retention.KeepsExchanges);
        Assert.True(retention.HasExpired(Now, Now));
    }

    [Theory]
    [InlineData(null, 90)]
    [InlineData("", 90)]
    [InlineData(" 30 ", 30)]
    [InlineData("3650", 3650)]
    public void An_unset_setting_means_ninety_days(string? setting, int days) =>
        Assert.Equal(days, ExchangeRetention.Parse(setting, out _)!.Days);

    [Theory]
    [InlineData("-1")]
    [InlineData("3651")]
    [InlineData("90d")]
    [InlineData("1.5")]
    public void A_setting_that_is_not_a_whole_number_of_days_in_range_is_refused_with_the_reason(string setting)
    {
        Assert.Null(ExchangeRetention.Parse(setting, out var problem));
        Assert.Contains(setting, problem);
        Assert.Contains("3650", problem);
    }
}
