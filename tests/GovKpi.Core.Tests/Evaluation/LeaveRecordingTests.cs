using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tests.Evaluation;

public class LeaveRecordingTests
{
    private static LeaveRecord Sick(string code, int fromDay, int toDay) => new(code, LeaveKind.Sick, new(2026, 3, fromDay), new(2026, 3, toDay));

    [Fact]
    public void Saving_the_same_leave_again_changes_nothing_and_a_new_end_date_replaces_the_old_one()
    {
        var recorded = new Dictionary<LeaveKey, DateOnly>
        {
            [LeaveKey.Of(Sick("NV01", 2, 6))] = new(2026, 3, 6),
            [LeaveKey.Of(Sick("NV02", 2, 6))] = new(2026, 3, 6),
        };

        var changes = LeaveRecording.Merge([Sick("NV01", 2, 6), Sick("NV02", 2, 9), Sick("NV03", 2, 6)], recorded);

        Assert.Equal(["NV03"], changes.Added.Select(r => r.StaffCode));
        Assert.Equal([("NV02", new DateOnly(2026, 3, 9))], changes.Changed.Select(r => (r.StaffCode, r.To)));
        Assert.Equal(1, changes.Unchanged);
    }

    [Fact]
    public void An_unknown_person_and_the_same_leave_twice_in_one_upload_are_located_by_row()
    {
        var problems = LeaveRecording.Check([Sick("NV01", 2, 6), null, Sick("ZZ9", 2, 6), Sick("NV01", 2, 8)], new HashSet<string> { "NV01" });

        Assert.Equal([(2, "staff_code", LeaveProblemKind.UnknownStaff), (3, "from", LeaveProblemKind.Twice)], problems.Select(p => (p.Index, p.Column, p.Kind)));
    }

    [Fact]
    public void Applying_writes_who_recorded_each_new_leave_and_the_old_and_new_end_of_each_corrected_one()
    {
        var at = new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.FromHours(7));
        var stored = new LeaveEntry { StaffCode = "NV01", Kind = LeaveKind.Sick, From = new(2026, 3, 2), To = new(2026, 3, 6), RecordedBy = "hr", RecordedAt = at.AddDays(-5) };
        var recorded = new Dictionary<LeaveKey, LeaveEntry> { [LeaveKey.Of(stored.Record)] = stored };

        var (_, added, audit) = LeaveRecording.Apply([Sick("NV01", 2, 9), Sick("NV02", 2, 6)], recorded, "hr2", at);

        Assert.Equal(["NV02"], added.Select(a => a.StaffCode));
        Assert.Equal(
            [("NV01", (DateOnly?)new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 9), "hr2", at), ("NV02", null, new DateOnly(2026, 3, 6), "hr2", at)],
            audit.Select(a => (a.StaffCode, a.OldTo, a.To, a.RecordedBy, a.RecordedAt)));
        Assert.Equal((new DateOnly(2026, 3, 9), "hr2"), (stored.To, stored.RecordedBy));
    }
}
