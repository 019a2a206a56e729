using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Training;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Training;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Training;

public sealed record CourseRequest(string? Code, string? Name, string? Kind, int? ValidMonths, string? Description);
public sealed record SessionRequest(string? CourseCode, string? From, string? To, string? Place, string? Trainer);
public sealed record CompletionRequest(long? SessionId, string? StaffCode, string? CompletedOn, string? Result);
public sealed record CertificateUpload(string FileName, string ContentType, byte[] Content);

public sealed record CompletionResponse(long Id, long SessionId, string CourseCode, string StaffCode, string StaffName, string UnitCode,
    DateOnly CompletedOn, string Result, DateOnly? ValidUntil, string? CertificateUrl, string? CertificateName);

public sealed record SharePersonResponse(string StaffCode, string Name, string UnitCode, bool Trained, string Status, string Reason);

public sealed record ShareResponse(string UnitCode, string UnitName, DateOnly Day, int Staff, int Trained, double? Share, string Display,
    decimal Target, bool MeetsTarget, string ExplainUrl, IReadOnlyList<SharePersonResponse> People);

public enum DeskOutcome
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
}

public sealed record DeskResult<T>(DeskOutcome Outcome, T? Value, Dictionary<string, string[]> Errors)
{
    public static DeskResult<T> Done(T value) => new(DeskOutcome.Ok, value, []);
    public static DeskResult<T> Fail(DeskOutcome outcome) => new(outcome, default, []);
}

/// <summary>
/// The digital-capacity records: parses, checks role and unit scope, loads, asks Core's
/// <see cref="TrainingRules"/> and <see cref="TrainingShare"/>, and saves. HR records for any unit
/// of its scope, a manager for the people of their own unit subtree; staff read their own.
/// </summary>
public sealed class TrainingDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const long MaximumCertificateBytes = 10 * 1024 * 1024;
    public static readonly string[] Recorders = [Roles.Hr, Roles.Manager];

    public Task<List<TrainingCourse>> CoursesAsync(CancellationToken ct) =>
        db.TrainingCourses.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);

    public Task<List<TrainingSession>> SessionsAsync(CancellationToken ct) =>
        db.TrainingSessions.AsNoTracking().OrderByDescending(s => s.From).ThenBy(s => s.Id).ToListAsync(ct);

    public async Task<DeskResult<TrainingCourse>> AddCourseAsync(CourseRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<CourseKind>(request.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            errors["kind"] = [l["Training.Error.Kind"]];
        }

        var course = new TrainingCourse
        {
            Code = request.Code?.Trim() ?? "", Name = request.Name?.Trim() ?? "", Kind = kind, ValidMonths = request.ValidMonths,
            Description = request.Description?.Trim() ?? "",
        };
        Add(errors, TrainingRules.CheckCourse(course));
        if (errors.Count == 0 && await db.TrainingCourses.AnyAsync(c => c.Code == course.Code, ct))
        {
            errors["code"] = [l["Training.Error.CodeTaken", course.Code]];
        }

        if (errors.Count > 0)
        {
            return new(DeskOutcome.Invalid, null, errors);
        }

        db.TrainingCourses.Add(course);
        await db.SaveChangesAsync(ct);
        return DeskResult<TrainingCourse>.Done(course);
    }

    public async Task<DeskResult<TrainingSession>> AddSessionAsync(SessionRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Day(request.From, "from", errors);
        var to = Day(request.To, "to", errors);
        var course = await db.TrainingCourses.AsNoTracking().FirstOrDefaultAsync(c => c.Code == (request.CourseCode ?? "").Trim(), ct);
        var session = new TrainingSession
        {
            CourseCode = course?.Code ?? "", From = from ?? default, To = to ?? default, Place = request.Place?.Trim() ?? "", Trainer = request.Trainer?.Trim() ?? "",
        };
        Add(errors, TrainingRules.CheckSession(session, course).Where(r => from is not null && to is not null || r.Field != "to"));
        if (errors.Count > 0)
        {
            return new(DeskOutcome.Invalid, null, errors);
        }

        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return DeskResult<TrainingSession>.Done(session);
    }

    /// <summary>The completions the caller may read: their own for staff, the people of their scope otherwise (optionally one unit or person).</summary>
    public async Task<DeskResult<List<CompletionResponse>>> CompletionsAsync(CurrentUser user, UnitScope scope, string? unitCode, string? staffCode, CancellationToken ct)
    {
        if (user.Role == Role.Staff)
        {
            if (staffCode is not null && staffCode != user.StaffCode)
            {
                return DeskResult<List<CompletionResponse>>.Fail(DeskOutcome.Forbidden);
            }

            staffCode = user.StaffCode ?? "";
        }
        else if (unitCode is not null && !scope.Contains(unitCode))
        {
            return DeskResult<List<CompletionResponse>>.Fail(DeskOutcome.Forbidden);
        }

        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Code, ct);
        var query = db.TrainingCompletions.AsNoTracking();
        if (staffCode is not null)
        {
            query = query.Where(c => c.StaffCode == staffCode);
        }

        var certificates = await db.TrainingCertificates.AsNoTracking().Select(c => new { c.CompletionId, c.FileName }).ToDictionaryAsync(c => c.CompletionId, c => c.FileName, ct);
        var rows = (await query.ToListAsync(ct))
            .Where(c => staff.TryGetValue(c.StaffCode, out var s) && (user.Role == Role.Staff || scope.Contains(s.UnitCode)) && (unitCode is null || s.UnitCode == unitCode))
            .OrderByDescending(c => c.CompletedOn).ThenBy(c => c.StaffCode)
            .Select(c => Response(c, staff[c.StaffCode].FullName, staff[c.StaffCode].UnitCode, certificates.GetValueOrDefault(c.Id)))
            .ToList();
        return DeskResult<List<CompletionResponse>>.Done(rows);
    }

    public async Task<DeskResult<CompletionResponse>> CompleteAsync(CompletionRequest request, CertificateUpload? certificate, CurrentUser user, UnitScope scope,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var completedOn = Day(request.CompletedOn, "completedOn", errors);
        var result = CompletionResult.Passed;
        if (request.Result is { Length: > 0 } r && (!Enum.TryParse(r, ignoreCase: true, out result) || !Enum.IsDefined(result)))
        {
            errors["result"] = [l["Training.Error.Result"]];
        }

        var staffCode = request.StaffCode?.Trim() ?? "";
        var member = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Code == staffCode, ct);
        if (member is null)
        {
            errors["staffCode"] = [l["Training.Error.Staff", staffCode]];
        }
        else if (!scope.Contains(member.UnitCode))
        {
            return DeskResult<CompletionResponse>.Fail(DeskOutcome.Forbidden);
        }

        if (certificate is not null && certificate.Content.LongLength > MaximumCertificateBytes)
        {
            errors["certificate"] = [l["Training.Error.CertificateSize", certificate.FileName, MaximumCertificateBytes / (1024 * 1024)]];
        }

        var session = request.SessionId is { } id ? await db.TrainingSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        var course = session is null ? null : await db.TrainingCourses.AsNoTracking().FirstOrDefaultAsync(c => c.Code == session.CourseCode, ct);
        if (errors.Count > 0 || completedOn is null)
        {
            if (session is null)
            {
                errors["sessionId"] = [Word(TrainingProblem.SessionUnknown)];
            }

            return new(DeskOutcome.Invalid, null, errors);
        }

        var now = clock.GetUtcNow();
        var earlier = await db.TrainingCompletions.AsNoTracking().Where(c => c.StaffCode == staffCode).ToListAsync(ct);
        var (completion, refusals) = TrainingRules.Complete(session, course, staffCode, completedOn.Value, result,
            DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime), earlier, user.UserName, now);
        Add(errors, refusals);
        if (completion is null)
        {
            return new(DeskOutcome.Invalid, null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.TrainingCompletions.Add(completion);
        await db.SaveChangesAsync(ct);
        if (certificate is not null)
        {
            db.TrainingCertificates.Add(new TrainingCertificateRecord
            {
                CompletionId = completion.Id, FileName = certificate.FileName, ContentType = certificate.ContentType,
                SizeBytes = certificate.Content.LongLength, Content = certificate.Content,
            });
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return DeskResult<CompletionResponse>.Done(Response(completion, member!.FullName, member.UnitCode, certificate?.FileName));
    }

    /// <summary>
    /// Imports completions read from a CSV or .xlsx file, all or nothing: every row is checked by
    /// the same rule as one recorded on the form (<see cref="TrainingRules.Complete"/>, a row also
    /// against the rows above it), and any problem refuses the file with its <c>rows[i].column</c>.
    /// </summary>
    public async Task<DeskResult<int>> ImportCompletionsAsync(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, CurrentUser user, UnitScope scope,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (rows.Count is 0 or > TrainingCompletionsFile.MaximumRows)
        {
            errors["rows"] = [l["Training.Error.Rows", TrainingCompletionsFile.MaximumRows]];
            return new(DeskOutcome.Invalid, 0, errors);
        }

        var parsed = rows.Select(TrainingCompletionsFile.Parse).ToList();
        var codes = parsed.Select(p => p.Row?.StaffCode).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
        var sessionIds = parsed.Select(p => p.Row?.SessionId).OfType<long>().Distinct().ToList();
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var courseCodes = sessions.Values.Select(s => s.CourseCode).Distinct().ToList();
        var courses = await db.TrainingCourses.AsNoTracking().Where(c => courseCodes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        var earlier = await db.TrainingCompletions.AsNoTracking().Where(c => codes.Contains(c.StaffCode)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime);
        var completions = new List<TrainingCompletion>();
        for (var i = 0; i < parsed.Count; i++)
        {
            var at = $"rows[{i}]";
            foreach (var problem in parsed[i].Problems)
            {
                errors.TryAdd($"{at}.{problem.Column}", [l["Training.Error." + problem.Reason]]);
            }

            if (parsed[i].Row is not { } row)
            {
                continue;
            }

            if (!staff.TryGetValue(row.StaffCode, out var member))
            {
                errors[$"{at}.staff_code"] = [l["Training.Error.Staff", row.StaffCode]];
                continue;
            }

            if (!scope.Contains(member.UnitCode))
            {
                errors[$"{at}.staff_code"] = [l["Training.Error.OutsideScope", row.StaffCode]];
                continue;
            }

            var session = sessions.GetValueOrDefault(row.SessionId);
            var course = session is null ? null : courses.GetValueOrDefault(session.CourseCode);
            var (completion, refusals) = TrainingRules.Complete(session, course, row.StaffCode, row.CompletedOn, row.Result, today,
                earlier.Concat(completions), user.UserName, now);
            foreach (var refusal in refusals)
            {
                errors.TryAdd($"{at}.{FileColumn(refusal.Field)}", [Word(refusal.Problem)]);
            }

            if (completion is not null)
            {
                completions.Add(completion);
            }
        }

        if (errors.Count > 0)
        {
            return new(DeskOutcome.Invalid, 0, errors);
        }

        db.TrainingCompletions.AddRange(completions);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return DeskResult<int>.Done(completions.Count);
    }

    /// <summary>The file's column for a field of the rules (named as the JSON API names them).</summary>
    private static string FileColumn(string field) => field switch
    {
        "sessionId" => "session_id",
        "completedOn" => "completed_on",
        "staffCode" => "staff_code",
        _ => field,
    };

    public async Task<DeskResult<TrainingCertificateRecord>> CertificateAsync(long completionId, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var completion = await db.TrainingCompletions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == completionId, ct);
        var member = completion is null ? null : await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Code == completion.StaffCode, ct);
        if (completion is null || member is null)
        {
            return DeskResult<TrainingCertificateRecord>.Fail(DeskOutcome.NotFound);
        }

        if (user.Role == Role.Staff ? member.Code != user.StaffCode : !scope.Contains(member.UnitCode))
        {
            return DeskResult<TrainingCertificateRecord>.Fail(DeskOutcome.Forbidden);
        }

        var file = await db.TrainingCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.CompletionId == completionId, ct);
        return file is null ? DeskResult<TrainingCertificateRecord>.Fail(DeskOutcome.NotFound) : DeskResult<TrainingCertificateRecord>.Done(file);
    }

    /// <summary>The share of trained staff of a unit's subtree on <paramref name="day"/> against the KPI library's target, with who counts and who not.</summary>
    public async Task<DeskResult<ShareResponse>> ShareAsync(string unitCode, DateOnly day, UnitScope scope, CancellationToken ct)
    {
        if (scope.Tree.Find(unitCode) is not { } unit)
        {
            return DeskResult<ShareResponse>.Fail(DeskOutcome.NotFound);
        }

        if (!scope.Contains(unitCode))
        {
            return DeskResult<ShareResponse>.Fail(DeskOutcome.Forbidden);
        }

        var units = scope.Tree.SubtreeOf(unitCode);
        var share = await new TrainingShareReader(db).ReadAsync(day, units, null, ct);
        var names = await db.Staff.AsNoTracking().Where(s => share.People.Select(p => p.StaffCode).Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.FullName, ct);
        var target = await TargetAsync(day, ct);
        var people = share.People
            .OrderBy(p => p.Status == TrainedStatus.Trained).ThenBy(p => p.UnitCode, StringComparer.Ordinal).ThenBy(p => p.StaffCode, StringComparer.Ordinal)
            .Select(p => new SharePersonResponse(p.StaffCode, names.GetValueOrDefault(p.StaffCode) ?? p.StaffCode, p.UnitCode,
                p.Status == TrainedStatus.Trained, p.Status.ToString(), TrainingWords.Reason(l, p, day)))
            .ToList();
        var period = new ReportingPeriod(day.AddDays(1).AddMonths(-1), day.AddDays(1));
        return DeskResult<ShareResponse>.Done(new(unit.Code, unit.NameVi, day, share.Staff, share.Trained, share.Share,
            share.Share is { } v ? (v * 100).ToString("N1", CultureInfo.CurrentCulture) + " %" : "—", target,
            share.Share is { } s && Math.Round((decimal)s * 100, 9) >= target,
            KpiValues.KpiValueReader.ExplainUrl(KpiFormula.TrainedStaffShare, "subtree", unitCode, period), people));
    }

    /// <summary>The target of the KPI in force on the day (editable in the KPI library), or the built-in one.</summary>
    public async Task<decimal> TargetAsync(DateOnly day, CancellationToken ct)
    {
        var definitions = await db.KpiDefinitions.AsNoTracking().Where(d => d.FormulaRef == KpiFormula.TrainedStaffShare).ToListAsync(ct);
        var definition = KpiVersions.DefinitionsAt(definitions, d => d.FormulaRef!, day).GetValueOrDefault(KpiFormula.TrainedStaffShare)
            ?? BuiltInKpis.Definitions.First(d => d.Code == KpiFormula.TrainedStaffShare);
        return definition.Target ?? 0m;
    }

    private static CompletionResponse Response(TrainingCompletion c, string name, string unit, string? certificate) => new(
        c.Id, c.SessionId, c.CourseCode, c.StaffCode, name, unit, c.CompletedOn, c.Result.ToString(), c.ValidUntil,
        certificate is null ? null : $"/api/training/completions/{c.Id}/certificate", certificate);

    private DateOnly? Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [l["Training.Error.Date"]];
        return null;
    }

    private void Add(Dictionary<string, string[]> errors, IEnumerable<TrainingRefusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            errors.TryAdd(refusal.Field, [Word(refusal.Problem)]);
        }
    }

    private string Word(TrainingProblem problem) => l["Training.Error." + problem];
}

/// <summary>Why a person counts as trained on a day or not, in words; shared by the training page and the KPI explanation.</summary>
public static class TrainingWords
{
    public static string Reason(IStringLocalizer l, TrainedPerson person, DateOnly day)
    {
        var c = person.Completion;
        return person.Status switch
        {
            TrainedStatus.Trained => l["Kpi.Reason.Training.Trained", c!.CourseCode, Date(c.CompletedOn), c.ValidUntil is { } until ? Date(until) : "—"],
            TrainedStatus.Expired => l["Kpi.Reason.Training.Expired", c!.CourseCode, Date(c.ValidUntil ?? day)],
            TrainedStatus.CompletedLater => l["Kpi.Reason.Training.Later", c!.CourseCode, Date(c.CompletedOn), Date(day)],
            TrainedStatus.OnlyFailed => l["Kpi.Reason.Training.Failed", c!.CourseCode],
            _ => l["Kpi.Reason.Training.None"],
        };
    }

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
