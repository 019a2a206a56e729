namespace GovKpi.Core.Evaluation;

/// <summary>What is wrong with the record at <see cref="Index"/> of an upload, at its <see cref="Column"/>.</summary>
public sealed record LeaveProblem(int Index, string Column, LeaveProblemKind Kind, LeaveRecord Record);

public enum LeaveProblemKind
{
    /// <summary>No staff member has the record's code.</summary>
    UnknownStaff,
    /// <summary>An earlier record of the same upload is the same leave (person, kind, first day).</summary>
    Twice,
}

/// <summary>A leave's identity: the person, the kind and the first day.</summary>
public readonly record struct LeaveKey(string StaffCode, LeaveKind Kind, DateOnly From)
{
    public static LeaveKey Of(LeaveRecord r) => new(r.StaffCode, r.Kind, r.From);
}

/// <summary>What saving an upload does: leave to add, leave whose end date changes, and how many are already recorded as they are.</summary>
public sealed record LeaveChanges(IReadOnlyList<LeaveRecord> Added, IReadOnlyList<LeaveRecord> Changed, int Unchanged);

/// <summary>
/// Recording leave, all or nothing and idempotent: a leave is its person, kind and first day, so
/// the same file saved again changes nothing and a new end date replaces the old one.
/// </summary>
public static class LeaveRecording
{
    /// <summary>The problems of an upload's parsed records (null where a row did not parse), in row order.</summary>
    public static IReadOnlyList<LeaveProblem> Check(IReadOnlyList<LeaveRecord?> records, IReadOnlySet<string> knownStaff)
    {
        var problems = new List<LeaveProblem>();
        var seen = new HashSet<LeaveKey>();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i] is not { } r)
            {
                continue;
            }

            if (!knownStaff.Contains(r.StaffCode))
            {
                problems.Add(new(i, "staff_code", LeaveProblemKind.UnknownStaff, r));
            }
            else if (!seen.Add(LeaveKey.Of(r)))
            {
                problems.Add(new(i, "from", LeaveProblemKind.Twice, r));
            }
        }

        return problems;
    }

    /// <summary>Compares checked records with the end dates recorded so far for the same leave.</summary>
    public static LeaveChanges Merge(IReadOnlyList<LeaveRecord> records, IReadOnlyDictionary<LeaveKey, DateOnly> recordedEnds)
    {
        var added = new List<LeaveRecord>();
        var changed = new List<LeaveRecord>();
        foreach (var r in records)
        {
            if (!recordedEnds.TryGetValue(LeaveKey.Of(r), out var end))
            {
                added.Add(r);
            }
            else if (end != r.To)
            {
                changed.Add(r);
            }
        }

        return new LeaveChanges(added, changed, records.Count - added.Count - changed.Count);
    }

    /// <summary>
    /// Applies checked records to the leave recorded so far: a corrected end date changes the stored
    /// entry (with who and when), a new leave becomes an entry to add; what is recorded as it is stays.
    /// Each added or changed leave writes an audit entry with its old and new end, since the stored
    /// entry keeps only the latest.
    /// </summary>
    public static (LeaveChanges Changes, IReadOnlyList<LeaveEntry> Added, IReadOnlyList<LeaveAuditEntry> Audit) Apply(
        IReadOnlyList<LeaveRecord> records, IReadOnlyDictionary<LeaveKey, LeaveEntry> recorded, string recordedBy, DateTimeOffset at)
    {
        var changes = Merge(records, recorded.ToDictionary(x => x.Key, x => x.Value.To));
        var audit = new List<LeaveAuditEntry>();
        foreach (var r in changes.Changed)
        {
            var entry = recorded[LeaveKey.Of(r)];
            audit.Add(LeaveAuditEntry.Of(r, entry.To, recordedBy, at));
            (entry.To, entry.RecordedBy, entry.RecordedAt) = (r.To, recordedBy, at);
        }

        audit.AddRange(changes.Added.Select(r => LeaveAuditEntry.Of(r, null, recordedBy, at)));
        return (changes, changes.Added.Select(r => new LeaveEntry { StaffCode = r.StaffCode, Kind = r.Kind, From = r.From, To = r.To, RecordedBy = recordedBy, RecordedAt = at }).ToList(), audit);
    }
}

/// <summary>One leave recorded or corrected: whose, which, the end before (null when new) and after, who and when. Rows are only added.</summary>
public sealed class LeaveAuditEntry
{
    public long Id { get; init; }
    public required string StaffCode { get; init; }
    public LeaveKind Kind { get; init; }
    public DateOnly From { get; init; }
    /// <summary>The exclusive end before the change; null for a new leave.</summary>
    public DateOnly? OldTo { get; init; }
    public DateOnly To { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public static LeaveAuditEntry Of(LeaveRecord record, DateOnly? oldTo, string recordedBy, DateTimeOffset at) => new()
    {
        StaffCode = record.StaffCode, Kind = record.Kind, From = record.From, OldTo = oldTo, To = record.To, RecordedBy = recordedBy, RecordedAt = at,
    };
}

/// <summary>
/// One leave recorded by HR. The key is the person, the kind and the first day, so that importing
/// the same file again changes nothing and a corrected end date replaces the old one.
/// </summary>
public sealed class LeaveEntry
{
    public required string StaffCode { get; set; }
    public LeaveKind Kind { get; set; }
    public DateOnly From { get; set; }
    /// <summary>Exclusive end.</summary>
    public DateOnly To { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public LeaveRecord Record => new(StaffCode, Kind, From, To);
}
