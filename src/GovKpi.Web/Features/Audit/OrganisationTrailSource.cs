using System.Text.Json;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Organisation;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>
/// The organisation's trail (units, positions, staff, secondments, KPI files and accounts of an
/// import or an edit): a stored record is read as one line when it was added and as one line per
/// changed field otherwise. A scoped reader sees the units and people of their subtree and, as the
/// organisation's audit API allows, the province-wide records (positions, KPIs) by role; accounts
/// and unit lineage only when they read the whole province.
/// </summary>
public sealed class OrganisationTrailSource : IAuditTrailSource
{
    public const string Added = "Added";
    public const string Changed = "Changed";

    private static readonly string[] SharedKinds =
        [OrganisationRecordKind.Positions.FileStem(), OrganisationRecordKind.KpiDefinitions.FileStem(), OrganisationRecordKind.KpiSets.FileStem()];

    public AuditSource Source => AuditSource.Organisation;

    /// <summary>An action per kind of record: <c>Added.staff</c>, <c>Changed.units</c>…</summary>
    public IReadOnlyList<string> Actions { get; } =
        [.. Enum.GetValues<OrganisationRecordKind>().SelectMany(k => new[] { $"{Added}.{k.FileStem()}", $"{Changed}.{k.FileStem()}" })];

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        if (filter.CycleId is not null)
        {
            return [];
        }

        var rows = db.OrganisationAudit.AsNoTracking();
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            var unitKind = OrganisationRecordKind.Units.FileStem();
            string[] personKinds = [OrganisationRecordKind.Staff.FileStem(), OrganisationRecordKind.Secondments.FileStem()];
            var people = db.Staff.Where(s => codes.Contains(s.UnitCode)).Select(s => s.Code);
            rows = rows.Where(r => SharedKinds.Contains(r.Kind) || (r.Kind == unitKind && codes.Contains(r.Code))
                || (personKinds.Contains(r.Kind) && people.Contains(r.Code)));
        }

        rows = rows.Within(filter, r => r.At, r => r.Actor);

        if (filter.StaffCode is { } staff)
        {
            string[] personKinds = [OrganisationRecordKind.Staff.FileStem(), OrganisationRecordKind.Secondments.FileStem()];
            rows = rows.Where(r => personKinds.Contains(r.Kind) && r.Code == staff);
        }

        if (filter.Text is { } text)
        {
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the database folds the case, no .NET culture applies.
            var kinds = filter.ActionsMatchingText.Select(a => a[(a.IndexOf('.') + 1)..]).Distinct().ToArray();
            rows = rows.Where(r => kinds.Contains(r.Kind) || r.Code.ToLower().Contains(text) || r.Actor.ToLower().Contains(text)
                || (r.Before != null && r.Before.ToLower().Contains(text)) || (r.After != null && r.After.ToLower().Contains(text)));
#pragma warning restore CA1304, CA1311
        }

        var found = await rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(limit).ToListAsync(ct);
        // The query matched by kind; the words of "Sửa thông tin cán bộ" must not bring the people added.
        return [.. found.SelectMany(r => Lines(r).Where(l => filter.Text is not { } words || filter.ActionsMatchingText.Contains(l.Action)
            || new[] { r.Code, r.Actor, r.Before, r.After }.Any(v => v is not null && v.Contains(words, StringComparison.OrdinalIgnoreCase))))];
    }

    private IEnumerable<AuditLine> Lines(OrganisationAuditRecord r)
    {
        var person = r.Kind == OrganisationRecordKind.Staff.FileStem() || r.Kind == OrganisationRecordKind.Secondments.FileStem();
        var unit = r.Kind == OrganisationRecordKind.Units.FileStem();
        AuditLine Line(string action) => new(r.At, Source, r.Actor, $"{action}.{r.Kind}")
        {
            Kind = r.Kind,
            StaffCode = person ? r.Code : null,
            UnitCode = unit ? r.Code : null,
            Subject = person || unit ? null : r.Code,
            Reason = r.Source,
            Sequence = r.Id,
        };

        if (r.Before is null)
        {
            yield return Line(Added);
            yield break;
        }

        var before = JsonLeaves.Of(r.Before);
        var after = r.After is null ? [] : JsonLeaves.Of(r.After);
        foreach (var field in before.Keys.Union(after.Keys))
        {
            var old = before.GetValueOrDefault(field, "");
            var now = after.GetValueOrDefault(field, "");
            if (old != now)
            {
                yield return Line(Changed) with { Field = field, OldValue = old, NewValue = now };
            }
        }
    }
}

/// <summary>The leaves of a stored JSON record by their dotted path (<c>member.fullName</c>); a list is one leaf, its JSON text.</summary>
public static class JsonLeaves
{
    public static Dictionary<string, string> Of(string json)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, "", leaves);
        return leaves;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                }

                break;
            case JsonValueKind.String:
                leaves[path] = element.GetString()!;
                break;
            case JsonValueKind.Null:
                leaves[path] = "";
                break;
            default:
                leaves[path] = element.GetRawText();
                break;
        }
    }
}
