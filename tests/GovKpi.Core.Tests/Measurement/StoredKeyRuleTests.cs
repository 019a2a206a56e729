using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Measurement;

public sealed class StoredKeyRuleTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_same_content_is_unchanged_whoever_stored_it(bool versioned)
    {
        Assert.Equal(StoredKeyOutcome.Unchanged, StoredKeyRule.Decide(sameContent: true, earlierInBatch: false, versioned));
        Assert.Equal(StoredKeyOutcome.Unchanged, StoredKeyRule.Decide(sameContent: true, earlierInBatch: true, versioned));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Other_content_after_an_earlier_row_of_the_batch_is_a_conflict_with_that_row_and_never_replaces_it(bool versioned) =>
        Assert.Equal(StoredKeyOutcome.ConflictInBatch, StoredKeyRule.Decide(sameContent: false, earlierInBatch: true, versioned));

    [Fact]
    public void A_dossier_version_with_other_content_than_the_stored_one_is_a_conflict_with_it() =>
        Assert.Equal(StoredKeyOutcome.ConflictWithStored, StoredKeyRule.Decide(sameContent: false, earlierInBatch: false, versioned: true));

    [Fact]
    public void A_record_without_versions_sent_again_by_a_later_batch_replaces_the_stored_one() =>
        Assert.Equal(StoredKeyOutcome.Replaces, StoredKeyRule.Decide(sameContent: false, earlierInBatch: false, versioned: false));
}
