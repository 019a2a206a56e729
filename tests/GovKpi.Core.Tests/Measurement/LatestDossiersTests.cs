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

    [Fact]
    public void Offering_says_which_version_became_the_latest_and_which_it_replaced()
    {
        var latest = new LatestDossiers();

        latest.Offer(Open, 2, out var newIsLatest, out var newReplaced);
        latest.Offer(Finished, 3, out var newerIsLatest, out var newerReplaced);
        latest.Offer(Open, 4, out var repeatIsLatest, out var repeatReplaced);

        Assert.Equal((true, null), (newIsLatest, newReplaced));
        Assert.Equal((true, Open), (newerIsLatest, newerReplaced));
        Assert.Equal((false, null), (repeatIsLatest, repeatReplaced));
    }

    [Fact]
    public void Tables_of_parts_read_apart_share_few_dossiers_and_taking_them_gives_what_one_read_gives()
    {
        var first = new LatestDossiers();
        var second = new LatestDossiers();
        first.Offer(Finished, 2);
        first.Offer(Dossier("B", updated: At(7, 5)), 3);
        second.Offer(Open, 4);
        second.Offer(Dossier("B", updated: At(7, 6), staffError: true), 5);
        second.Offer(Dossier("C"), 6);

        var shared = first.Shared(second, 0, 2).Concat(first.Shared(second, 1, 2)).Order().ToList();

        Assert.Equal(["A", "B"], shared);
        Assert.All(shared, id => Assert.Null(first.Take(second, id)));
        Assert.Null(first.Take(second, "D"));
        Assert.Equal(Finished, first.Find("A"));
        Assert.True(first.Find("B")!.StaffErrorReturn);
        Assert.Equal(["C"], second.Versions.Select(v => v.DossierId));
    }

    [Fact]
    public void Taking_a_dossier_reports_a_conflict_with_its_older_versions()
    {
        var first = new LatestDossiers();
        var second = new LatestDossiers();
        first.Offer(Open, 2);
        second.Offer(OpenOtherwise, 7);
        second.Offer(Finished, 8);

        Assert.Equal(new DossierConflict("A", At(7, 1, 10), 2, 7), first.Take(second, "A"));
    }
}
