using GovKpi.Core.DemoProvince;

namespace GovKpi.Core.Tests.DemoProvince;

/// <summary>
/// The volume plan of a demo year (issue 15): a large province fills its busiest service centres
/// up to the 9,999 dossiers a day that an id's daily sequence can number and spreads the rest,
/// planned without generating a single dossier.
/// </summary>
public class DossierVolumeTests
{
    private const int Cap = 9_999;

    [Fact]
    public void Ten_million_dossiers_of_5000_staff_keep_every_centre_within_9999_a_day()
    {
        var province = DemoProvinceGenerator.Generate(seed: 1, staffCount: 5_000);

        var traffic = new DossierTraffic(province, 10_000_000, DossierTraffic.DefaultFrom, DossierTraffic.DefaultTo);

        var volumes = traffic.DailyVolumes;
        Assert.Equal(10_000_000L, volumes.Sum(day => day.Sum(c => (long)c)));
        Assert.All(volumes, day => Assert.All(day, count => Assert.InRange(count, 0, Cap)));
        // The rule did something: without it the busiest centre would be over the cap.
        Assert.Contains(volumes, day => day.Contains(Cap));
    }

    [Fact]
    public void Ids_of_a_day_at_ten_million_a_year_keep_the_contract_format()
    {
        // A busy working day at the rate of ten million dossiers a year (33,000 a day on average, a Monday of a busy month more).
        var province = DemoProvinceGenerator.Generate(seed: 1, staffCount: 5_000);
        var day = new DateOnly(2025, 12, 1);
        var traffic = new DossierTraffic(province, 48_000, day, day.AddDays(1));
        Assert.Contains(Cap, traffic.DailyVolumes[0]);

        var ids = traffic.Generate().Select(d => d.Current.DossierId).ToList();

        Assert.Equal(48_000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(@"^.+-251201-(?!0000)\d{4}$", id));
    }

    [Fact]
    public void A_surplus_goes_to_the_open_desks_with_room_in_proportion_to_their_weights()
    {
        int[] counts = [15_000, 4_000, 1_000, 0];
        double[] weights = [3, 1, 1, 0];

        Assert.True(DossierTraffic.CapDaily(counts, weights, Cap));

        // 5,001 over the cap: shared 1:1 by the two open desks with room (the odd one to the first), none to the closed one.
        Assert.Equal([Cap, 6_501, 3_500, 0], counts);
    }

    [Fact]
    public void A_surplus_that_fills_a_desk_moves_on_to_the_next()
    {
        int[] counts = [20_000, 9_000, 100];
        double[] weights = [1, 1, 1];

        Assert.True(DossierTraffic.CapDaily(counts, weights, Cap));

        Assert.Equal(29_100, counts.Sum());
        Assert.Equal([Cap, Cap, 29_100 - 2 * Cap], counts);
    }

    [Fact]
    public void A_day_beyond_what_the_open_desks_can_number_is_refused()
    {
        int[] counts = [15_000, 9_000, 50];
        double[] weights = [1, 1, 0];

        Assert.False(DossierTraffic.CapDaily(counts, weights, Cap));
        Assert.Equal(24_050, counts.Sum());
    }

    [Fact]
    public void A_day_within_the_cap_is_left_as_it_was()
    {
        int[] counts = [9_999, 12, 0];

        Assert.True(DossierTraffic.CapDaily(counts, [1, 1, 1], Cap));

        Assert.Equal([9_999, 12, 0], counts);
    }
}
