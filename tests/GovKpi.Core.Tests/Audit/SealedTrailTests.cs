using GovKpi.Core.Access;
using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Tests.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Audit;

public class SealedTrailTests
{
    private static readonly AuditKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly AuditKeyRing Ring = new([Key], Key.Id);

    /// <summary>A cycle of three people rated, calibrated at their band and published, with its trail sealed and checkpointed as a save does.</summary>
    private sealed class PublishedCycle
    {
        public CycleSample Sample { get; } = new CycleSample(CycleStage.Approved).Rated(92, 75, 60);
        public List<AuditEntry> Entries { get; } = [];
        public List<EvaluationResult> Results { get; }
        public AuditCheckpoint Checkpoint { get; }
        public string Scope => AuditScopes.Cycle(Sample.Cycle.Id);

        public PublishedCycle(AuditKeyRing? ring = null)
        {
            var audit = Sample.Trail();
            foreach (var e in Sample.People)
            {
                e.Level = Sample.Cycle.Policy.Bands.LevelOf(e.Score!.Value);
                e.LevelReason = ClassificationReason.Band;
                audit.Change(AuditActions.Rated, e, "score", null, e.Score, "Theo kết quả KPI");
            }

            Results = Publication.Publish(Sample.Cycle, Sample.People, audit).ToList();
            Entries.AddRange(audit.Entries);
            Checkpoint = SealedTrail.SealChained(Scope, null, Entries, ring ?? Ring);
        }

        public List<AuditFinding> Verify(AuditKeyRing? ring = null) =>
        [
            .. TrailVerification.Verify(Scope, Entries, Checkpoint, ring ?? Ring),
            .. ResultReconciliation.Check(Sample.People, Results, Entries),
        ];

        /// <summary>What a database administrator can do without the key: recompute every hash from <paramref name="from"/> on with plain SHA-256.</summary>
        public void RecomputeFrom(int index)
        {
            var previous = index == 0 ? AuditChain.Genesis : Entries[index - 1].Hash;
            foreach (var e in Entries.Skip(index))
            {
                e.Hash = AuditChain.Hash(previous, e.Content);
                previous = e.Hash;
            }
        }
    }

    [Fact]
    public void A_sealed_published_cycle_verifies_without_findings()
    {
        var cycle = new PublishedCycle();

        Assert.Empty(cycle.Verify());
        Assert.Equal((6L, cycle.Entries[^1].Hash, Key.Id), (cycle.Checkpoint.LastSequence, cycle.Checkpoint.HeadHash, cycle.Checkpoint.KeyId));
        Assert.All(cycle.Entries, e => Assert.StartsWith(Key.Id + ":", e.Seal));
    }

    [Fact]
    public void An_edited_entry_is_named_by_its_sequence()
    {
        var cycle = new PublishedCycle();
        cycle.Entries[1].Reason = "Sửa lý do";

        var finding = Assert.Single(cycle.Verify());
        Assert.Equal((AuditFindingKind.EditedEntry, 2L), (finding.Kind, finding.Sequence));
    }

    [Fact]
    public void A_score_changed_in_the_trail_and_the_result_with_the_chain_recomputed_is_caught_by_the_seal_at_that_entry()
    {
        var cycle = new PublishedCycle();
        var published = cycle.Entries.Single(e => e.Action == AuditActions.ResultPublished && e.StaffCode == "NV03");
        var index = cycle.Entries.IndexOf(published);
        published.NewValue = "v1: 95 HTXS";
        var result = cycle.Results.Single(r => r.EvaluationId == cycle.Sample["NV03"].Id);
        (result.Score, result.Level) = (95, ClassificationLevel.Htxs);
        (cycle.Sample["NV03"].Score, cycle.Sample["NV03"].Level) = (95, ClassificationLevel.Htxs);
        cycle.RecomputeFrom(index);

        var findings = cycle.Verify();

        Assert.Equal(AuditFindingKind.ChainRecomputed, findings[0].Kind);
        Assert.Equal(published.Sequence, findings[0].Sequence);
        Assert.Contains(findings, f => f is { Kind: AuditFindingKind.CheckpointHeadDiffers, Sequence: 6 });
    }

    [Fact]
    public void The_last_entry_cut_from_the_end_is_named_by_the_checkpoint()
    {
        var cycle = new PublishedCycle();
        cycle.Entries.RemoveAt(cycle.Entries.Count - 1);

        var findings = cycle.Verify();

        Assert.Contains(findings, f => f is { Kind: AuditFindingKind.CutFromEnd, From: 6, To: 6 });
        // The person whose publication entry went with it has a result the trail no longer records.
        Assert.Contains(findings, f => f is { Kind: AuditFindingKind.ResultDisagrees, StaffCode: "NV03" });
    }

    [Fact]
    public void Entries_removed_from_the_middle_are_named_even_when_the_chain_is_recomputed()
    {
        var cycle = new PublishedCycle();
        cycle.Entries.RemoveAt(2);
        cycle.RecomputeFrom(2);

        var findings = cycle.Verify();

        Assert.Contains(findings, f => f is { Kind: AuditFindingKind.MissingEntries, From: 3, To: 3 });
        Assert.Contains(findings, f => f is { Kind: AuditFindingKind.ChainRecomputed, Sequence: 4 });
    }

    [Fact]
    public void A_library_entry_cut_and_followed_by_a_later_change_leaves_a_named_gap()
    {
        var by = new AuditActor("hr", "Lê Nhân Sự", Role.Hr);
        var entries = new List<KpiLibraryAuditEntry> { KpiLibraryTrail.DefinitionVersion(by, CycleSample.Now, null, Definition("KPI_01", 1)) };
        var checkpoint = SealedTrail.Append(AuditScopes.KpiLibrary, null, entries, Ring);
        entries.Add(KpiLibraryTrail.DefinitionVersion(by, CycleSample.Now.AddMinutes(1), Definition("KPI_01", 1), Definition("KPI_01", 2)));
        SealedTrail.Append(AuditScopes.KpiLibrary, checkpoint, [entries[1]], Ring);
        entries.RemoveAt(1);
        entries.Add(KpiLibraryTrail.DefinitionVersion(by, CycleSample.Now.AddMinutes(2), null, Definition("KPI_02", 1)));
        SealedTrail.Append(AuditScopes.KpiLibrary, checkpoint, [entries[1]], Ring);

        var finding = Assert.Single(TrailVerification.Verify(AuditScopes.KpiLibrary, entries, checkpoint, Ring));
        Assert.Equal((AuditFindingKind.MissingEntries, 2L, 2L), (finding.Kind, finding.From, finding.To));
    }

    [Fact]
    public void A_checkpoint_moved_back_without_the_key_is_forged()
    {
        var cycle = new PublishedCycle();
        cycle.Entries.RemoveAt(cycle.Entries.Count - 1);
        (cycle.Checkpoint.LastSequence, cycle.Checkpoint.HeadHash) = (5, cycle.Entries[^1].Hash);

        var finding = Assert.Single(cycle.Verify(), f => f.Kind != AuditFindingKind.ResultDisagrees);
        Assert.Equal(AuditFindingKind.CheckpointForged, finding.Kind);
    }

    [Fact]
    public void A_trail_sealed_with_another_key_does_not_verify()
    {
        var cycle = new PublishedCycle(OtherRing());

        var findings = cycle.Verify(Ring);

        Assert.Contains(findings, f => f is { Kind: AuditFindingKind.UnknownKey, Sequence: 1 });
        Assert.Contains(findings, f => f.Kind == AuditFindingKind.CheckpointUnknownKey);
    }

    [Fact]
    public void After_rotation_the_new_key_seals_and_the_old_key_still_verifies()
    {
        var cycle = new PublishedCycle();
        var next = AuditKey.New();
        var rotated = new AuditKeyRing([Key, next], next.Id);
        var person = cycle.Sample["NV01"];
        var audit = cycle.Sample.Trail();
        audit.Write(AuditActions.AppealFiled, person, "appeal", "", "Pending", "");
        SealedTrail.SealChained(cycle.Scope, cycle.Checkpoint, audit.Entries, rotated);
        cycle.Entries.AddRange(audit.Entries);

        Assert.Empty(cycle.Verify(rotated));
        Assert.Equal((next.Id, next.Id), (cycle.Checkpoint.KeyId, cycle.Entries[^1].Seal.Split(':')[0]));
        Assert.Equal(Key.Id, cycle.Entries[0].Seal.Split(':')[0]);
    }

    [Fact]
    public void A_change_to_a_trail_cut_since_its_checkpoint_is_refused_rather_than_sealed_over()
    {
        var cycle = new PublishedCycle();
        // The head moved back by hand, as a database administrator would after deleting the last entry.
        (cycle.Sample.Cycle.AuditSequence, cycle.Sample.Cycle.AuditHead) = (5, cycle.Entries[4].Hash);
        var audit = cycle.Sample.Trail();
        audit.Write(AuditActions.AppealFiled, cycle.Sample["NV01"], "appeal", "", "Pending", "");

        var refused = Assert.Throws<InvalidOperationException>(() => SealedTrail.SealChained(cycle.Scope, cycle.Checkpoint, audit.Entries, Ring));
        Assert.Contains("#6 after #6", refused.Message);
    }

    [Fact]
    public void Library_entries_are_numbered_chained_and_sealed_after_the_checkpoint()
    {
        var by = new AuditActor("hr", "Lê Nhân Sự", Role.Hr);
        var at = CycleSample.Now;
        var first = KpiLibraryTrail.DefinitionVersion(by, at, null, Definition("KPI_01", 1));
        var checkpoint = SealedTrail.Append(AuditScopes.KpiLibrary, null, [first], Ring);
        var second = KpiLibraryTrail.DefinitionVersion(by, at.AddMinutes(5), Definition("KPI_01", 1), Definition("KPI_01", 2));
        SealedTrail.Append(AuditScopes.KpiLibrary, checkpoint, [second], Ring);

        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));
        Assert.Equal((KpiLibraryActions.DefinitionCreated, KpiLibraryActions.DefinitionChanged), (first.Action, second.Action));
        Assert.Contains("\"version\":1", second.Before);
        Assert.Equal(("hr", "Lê Nhân Sự", "Hr"), (second.Actor, second.ActorName, second.ActorRole));
        Assert.Empty(TrailVerification.Verify(AuditScopes.KpiLibrary, [first, second], checkpoint, Ring));

        // A seal copied to another trail or position does not hold there.
        Assert.Equal(SealCheck.Invalid, TrailSeal.Check(Ring, AuditScopes.Organisation, 2, second.Hash, second.Seal));
        Assert.Equal(SealCheck.Invalid, TrailSeal.Check(Ring, AuditScopes.KpiLibrary, 1, second.Hash, second.Seal));
    }

    [Fact]
    public void A_result_row_changed_alone_disagrees_with_the_trail_naming_the_person_and_entry()
    {
        var cycle = new PublishedCycle();
        cycle.Results.Single(r => r.EvaluationId == cycle.Sample["NV02"].Id).Score = 80;

        var finding = Assert.Single(cycle.Verify());
        var entry = cycle.Entries.Single(e => e.Action == AuditActions.ResultPublished && e.StaffCode == "NV02");
        Assert.Equal((AuditFindingKind.ResultDisagrees, "NV02", entry.Sequence), (finding.Kind, finding.StaffCode, finding.Sequence));
        Assert.Contains("v1: 80 HTT", finding.Detail);
    }

    [Fact]
    public void A_key_id_is_the_first_eight_hex_digits_of_the_keys_hash()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()))[..8];

        Assert.Equal(expected, Key.Id);
    }

    private static AuditKeyRing OtherRing()
    {
        var other = AuditKey.New();
        return new AuditKeyRing([other], other.Id);
    }

    private static KpiDefinition Definition(string code, int version) => new()
    {
        Code = code, Version = version, NameVi = "Tỷ lệ hồ sơ đúng hạn", NameEn = "On-time rate", Kind = KpiKind.Quantitative,
        UnitOfMeasure = "%", Direction = KpiDirection.HigherIsBetter, DataSource = "dossiers", EffectiveFrom = new(2026, 1, version),
    };
}
