using GovKpi.Core.Measurement;
using static GovKpi.Core.Tests.Measurement.Dossiers;

namespace GovKpi.Core.Tests.Measurement;

public class LatestDossiersTests
{
    private static readonly DossierVersion Open = Dossier("A", open: true, updated: At(7, 1, 10));
    private static readonly DossierVersion OpenOtherwise = Dossier("A", open: true, updated: At(7, 1, 10), handler: "CB002");
    private static readonly DossierVersion Finished = Dossier("A", finished: At(7, 2), updated: At(7, 2, 10));

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(0, 2, 1)]
    [InlineData(1, 0, 2)]
    [InlineData(1, 2, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(2, 1, 0)]
    public void Two_different_versions_with_the_same_updated_at_conflict_even_when_a_later_version_supersedes_them(int first, int second, int third)
    {
        // CONTRACTS.md: rows with the same dossier_id and updated_at but different content are a
        // conflict, whatever their order; the newer version must not hide it.
        DossierVersion[] rows = [Open, OpenOtherwise, Finished];
        var latest = new LatestDossiers();

        var conflicts = new[] { first, second, third }.Select((row, i) => latest.Offer(rows[row], i + 2)).OfType<DossierConflict>().ToList();

        var conflict = Assert.Single(conflicts);
        Assert.Equal(At(7, 1, 10), conflict.UpdatedAt);
        Assert.True(conflict.FirstLine < conflict.SecondLine);
        Assert.Equal(Finished, latest.Find("A"));
    }

    [Fact]
    public void Identical_repeats_of_an_older_version_are_ignored()
    {
        var latest = new LatestDossiers();

        Assert.Null(latest.Offer(Open, 2));
        Assert.Null(latest.Offer(Finished, 3));
        Assert.Null(latest.Offer(Open, 4));
        Assert.Equal(Finished, latest.Find("A"));
        Assert.Equal(1, latest.Count);
    }
}
