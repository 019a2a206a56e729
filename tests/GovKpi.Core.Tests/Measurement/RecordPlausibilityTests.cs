using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Measurement;

public sealed class RecordPlausibilityTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(1999, false)]
    [InlineData(2000, true)]
    [InlineData(2025, true)]
    [InlineData(2100, true)]
    [InlineData(2101, false)]
    [InlineData(9999, false)]
    public void By_default_the_years_2000_to_2100_are_plausible(int year, bool plausible) =>
        Assert.Equal(plausible, RecordPlausibility.Default.IsPlausibleYear(year));

    [Fact]
    public void By_default_nothing_of_a_dossier_may_come_before_its_receipt() =>
        Assert.True(RecordPlausibility.Default.NothingBeforeReceipt);

    [Theory]
    [InlineData(1990, 2200, true)]
    [InlineData(1, 9999, true)]
    [InlineData(2100, 2000, false)]
    [InlineData(0, 2100, false)]
    [InlineData(2000, 10000, false)]
    public void A_window_is_usable_only_within_the_years_a_time_can_have(int first, int last, bool usable) =>
        Assert.Equal(usable, new RecordPlausibility { FirstYear = first, LastYear = last }.Problem() is null);
}
