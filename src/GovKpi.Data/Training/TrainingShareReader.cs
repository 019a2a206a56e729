using GovKpi.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Training;

/// <summary>Loads the staff, their placements and the training records, and asks Core's <see cref="TrainingShare"/> who counts on a day.</summary>
public sealed class TrainingShareReader(GovKpiDbContext db)
{
    /// <summary>The share of <paramref name="unitCodes"/> (the province when null), or of one person when <paramref name="staffCode"/> is given.</summary>
    public async Task<TrainingShare> ReadAsync(DateOnly day, IReadOnlySet<string>? unitCodes, string? staffCode, CancellationToken ct)
    {
        var staffQuery = db.Staff.AsNoTracking();
        var historyQuery = db.StaffHistory.AsNoTracking();
        var completionQuery = db.Set<TrainingCompletion>().AsNoTracking();
        if (staffCode is not null)
        {
            staffQuery = staffQuery.Where(s => s.Code == staffCode);
            historyQuery = historyQuery.Where(h => h.StaffCode == staffCode);
            completionQuery = completionQuery.Where(c => c.StaffCode == staffCode);
        }

        var staff = await staffQuery.ToListAsync(ct);
        var history = await historyQuery.ToListAsync(ct);
        var people = TrainingShare.StaffOn(day, staff, history, staffCode is null ? unitCodes : null);
        var codes = people.Select(p => p.StaffCode).ToHashSet();
        var completions = (await completionQuery.ToListAsync(ct)).Where(c => codes.Contains(c.StaffCode));
        var courses = await db.Set<TrainingCourse>().AsNoTracking().ToListAsync(ct);
        return TrainingShare.On(day, people, completions, courses);
    }
}
