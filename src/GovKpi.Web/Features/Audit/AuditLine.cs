using System.Linq.Expressions;
using GovKpi.Data;

namespace GovKpi.Web.Features.Audit;

/// <summary>The trails the auditor's page reads, as the <c>source</c> filter names them.</summary>
public enum AuditSource
{
    Evaluation,
    Organisation,
    Accounts,
    Tasks,
    Imports,
    KpiLibrary,
    DelegatedTasks,
}

/// <summary>
/// One change of any trail, in codes as stored: when, who (account, and name and role where the
/// trail keeps them), the action, what it was about (person, unit, cycle, or another record's
/// code in <see cref="Subject"/>), the field, the old and new value and the reason.
/// <see cref="AuditLabels"/> words it for people.
/// </summary>
public sealed record AuditLine(DateTimeOffset At, AuditSource Source, string Actor, string Action)
{
    public string? ActorName { get; init; }
    /// <summary>A <see cref="GovKpi.Core.Access.Role"/> name, or <c>Colleague</c> for an anonymous 360° answer.</summary>
    public string? ActorRole { get; init; }
    public string? StaffCode { get; init; }
    public string? UnitCode { get; init; }
    public Guid? CycleId { get; init; }
    /// <summary>The record's kind where the action applies to several (an organisation file kind: <c>staff</c>, <c>units</c>…).</summary>
    public string? Kind { get; init; }
    /// <summary>The code of a record that is neither a person nor a unit: an account, a task, a KPI, an import file.</summary>
    public string? Subject { get; init; }
    public string Field { get; init; } = "";
    public string OldValue { get; init; } = "";
    public string NewValue { get; init; } = "";
    public string Reason { get; init; } = "";
    /// <summary>Orders the entries of one instant as their trail wrote them.</summary>
    public long Sequence { get; init; }
}

/// <summary>The filters of the page, the API and the exports, parsed at the boundary.</summary>
public sealed record AuditFilter
{
    public AuditSource? Source { get; init; }
    /// <summary>First instant included (the start of the <c>from</c> day in Vietnam).</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>First instant excluded (the start of the day after <c>to</c>).</summary>
    public DateTimeOffset? Before { get; init; }
    public string? Actor { get; init; }
    public string? StaffCode { get; init; }
    public Guid? CycleId { get; init; }
    /// <summary>Lower-case words searched in the stored values, reasons, names and codes.</summary>
    public string? Text { get; init; }
    /// <summary>The action codes (per source) whose words contain <see cref="Text"/>: a search for "chấm điểm" finds <c>Rated</c>.</summary>
    public IReadOnlySet<string> ActionsMatchingText { get; init; } = new HashSet<string>();
}

/// <summary>What the reader may see: every unit (<see cref="Units"/> null), or the units of their subtree.</summary>
public sealed record AuditReach(IReadOnlySet<string>? Units)
{
    public bool WholeProvince => Units is null;
}

/// <summary>
/// One trail the page reads. A new trail is one more implementation registered in
/// <see cref="AuditEndpoints.AddAuditTrail"/>: it returns the newest <c>limit</c> lines that match
/// the filter within the reader's reach, newest first.
/// </summary>
public interface IAuditTrailSource
{
    AuditSource Source { get; }

    /// <summary>The action codes this trail writes, each worded by <see cref="AuditLabels"/>.</summary>
    IReadOnlyList<string> Actions { get; }

    Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct);
}

/// <summary>The filters every trail applies alike, on whichever columns hold its instant and its author.</summary>
public static class AuditFilterQueries
{
    /// <summary>Keeps the rows from <see cref="AuditFilter.From"/>, before <see cref="AuditFilter.Before"/> and by <see cref="AuditFilter.Actor"/>.</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> rows, AuditFilter filter, Expression<Func<T, DateTimeOffset?>> at, Expression<Func<T, string?>> actor)
    {
        if (filter.From is { } from)
        {
            rows = rows.Where(Compare(at, from, Expression.GreaterThanOrEqual));
        }

        if (filter.Before is { } before)
        {
            rows = rows.Where(Compare(at, before, Expression.LessThan));
        }

        if (filter.Actor is { } who)
        {
            rows = rows.Where(Compare(actor, who, Expression.Equal));
        }

        return rows;
    }

    private static Expression<Func<T, bool>> Compare<T, TValue>(Expression<Func<T, TValue>> column, TValue value, Func<Expression, Expression, BinaryExpression> compare) =>
        // The value is read from an object, not inlined, so that the database gets it as a parameter.
        Expression.Lambda<Func<T, bool>>(compare(column.Body, Expression.Property(Expression.Constant(new Bound<TValue>(value)), nameof(Bound<TValue>.Value))), column.Parameters);

    private sealed class Bound<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
