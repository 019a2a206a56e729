using GovKpi.Core.Measurement;
using GovKpi.Web.Features.Measurement;
using Microsoft.Extensions.Configuration;

namespace GovKpi.Web.Tests.Measurement;

public sealed class RecordPlausibilitySettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_settings_the_readers_use_the_defaults() =>
        Assert.Equal(RecordPlausibility.Default, RecordPlausibilitySettings.From(Settings()));

    [Fact]
    public void Records_plausibility_settings_replace_the_defaults_they_name()
    {
        var plausibility = RecordPlausibilitySettings.From(Settings(("Records:Plausibility:FirstYear", "1990"), ("Records:Plausibility:NothingBeforeReceipt", "false")));

        Assert.Equal(new RecordPlausibility { FirstYear = 1990, LastYear = 2100, NothingBeforeReceipt = false }, plausibility);
    }

    [Fact]
    public void A_window_that_cannot_hold_a_year_stops_the_app_at_start()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            RecordPlausibilitySettings.From(Settings(("Records:Plausibility:FirstYear", "2200"), ("Records:Plausibility:LastYear", "2100"))));

        Assert.StartsWith("Records:Plausibility:", e.Message, StringComparison.Ordinal);
    }
}
