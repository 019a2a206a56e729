using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Audit;

/// <summary>
/// One line of a trail in people's words (Vietnamese, or English for those who chose it): every
/// source, action and field code has a resource key (<c>Audit.Action.Evaluation.Rated</c>,
/// <c>Audit.Field.score</c>); a test fails when an action a trail writes has none.
/// </summary>
public sealed record AuditRow(
    DateTimeOffset At, string Time, string Source, string SourceName, string Actor, string Who, string Role,
    string Action, string What, string About, string? StaffCode, string? StaffName, string? UnitName, string? CycleName,
    string Field, string FieldName, string OldValue, string NewValue, string Reason);

/// <summary>Names of the people, units and cycles a page of lines is about, loaded once per page.</summary>
public sealed record AuditNames(
    IReadOnlyDictionary<string, (string Name, string Role)> Accounts,
    IReadOnlyDictionary<string, string> Staff,
    IReadOnlyDictionary<string, string> Units,
    IReadOnlyDictionary<Guid, string> Cycles);

public sealed class AuditLabels(IStringLocalizer<SharedResource> l)
{
    public static string ActionKey(AuditSource source, string action) => $"Audit.Action.{source}.{action}";

    public static string FieldKey(string field) => $"Audit.Field.{field}";

    public static string SourceKey(AuditSource source) => $"Audit.Source.{source}";

    public string SourceName(AuditSource source) => l[SourceKey(source)];

    /// <summary>A cycle as people name it: its unit and period (<c>Phòng Kinh tế — Quý 1/2026</c>).</summary>
    public string CycleName(string unitName, EvaluationPeriod period) => $"{unitName} — {l[$"Evaluation.PeriodName.{period.Kind}", period.Number, period.Year]}";

    public string ActionName(AuditSource source, string action) => Word(ActionKey(source, action), action);

    /// <summary>
    /// An action on a person as a sentence (<c>Mở kỳ đánh giá cho Nguyễn Văn A (CB00223)</c>) from its
    /// <c>Audit.Sentence.{source}.{action}</c> key, else the action's words and the person; the
    /// action's words alone when it is not about one person.
    /// </summary>
    public string Sentence(AuditSource source, string action, string? person)
    {
        if (string.IsNullOrEmpty(person))
        {
            return ActionName(source, action);
        }

        var sentence = l[$"Audit.Sentence.{source}.{action}", person];
        return sentence.ResourceNotFound ? l["Audit.Sentence.About", ActionName(source, action), person] : sentence.Value;
    }

    /// <summary>A person as the trail names them: name and staff code, or the code alone when the name is not known.</summary>
    public static string Person(string code, string? name) => string.IsNullOrEmpty(name) ? code : $"{name} ({code})";

    /// <summary>A stored value in words: a stage, a classification, an appeal's state, a role or a yes/no; any other value as stored.</summary>
    public string ValueName(string field, string value) => Value(field, value);

    public AuditRow Word(AuditLine line, AuditNames names)
    {
        var (who, role) = Actor(line, names);
        string? staffName = line.StaffCode is { } s ? names.Staff.GetValueOrDefault(s) : null;
        string? unitName = line.UnitCode is { } u ? names.Units.GetValueOrDefault(u) : null;
        string? cycleName = line.CycleId is { } c ? names.Cycles.GetValueOrDefault(c) : null;
        var about = string.Join(" · ", new[]
        {
            line.StaffCode is { } code ? Person(code, staffName) : null,
            line.Subject,
            cycleName ?? unitName,
        }.Where(x => !string.IsNullOrEmpty(x)));
        var time = line.At.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        return new AuditRow(line.At, time, line.Source.ToString(), SourceName(line.Source), line.Actor, who, role,
            line.Action, ActionName(line.Source, line.Action), about, line.StaffCode, staffName, unitName, cycleName,
            line.Field, FieldName(line.Field), Value(line.Field, line.OldValue), Value(line.Field, line.NewValue), Reason(line));
    }

    private (string Who, string Role) Actor(AuditLine line, AuditNames names)
    {
        if (line.ActorRole == "Colleague")
        {
            return (l["Audit.Actor.Anonymous"], l["Audit.Role.Colleague"]);
        }

        if (ConsoleActor.Is(line.Actor))
        {
            return (l["Audit.Actor.Console", line.Actor[ConsoleActor.Prefix.Length..]], l["Audit.Role.Console"]);
        }

        var known = names.Accounts.GetValueOrDefault(line.Actor);
        var name = line.ActorName ?? known.Name ?? line.Actor;
        var role = line.ActorRole ?? known.Role;
        return (name == line.Actor ? name : $"{name} ({line.Actor})", role is null ? "" : Word($"Role.{role}", role));
    }

    /// <summary>A field's words: its own key, else the key of its last part (<c>member.fullName</c> as <c>fullName</c>), else the path.</summary>
    public string FieldName(string field)
    {
        if (field.Length == 0)
        {
            return "";
        }

        if (field.StartsWith("leave.", StringComparison.Ordinal))
        {
            return Word($"Leave.Kind.{field["leave.".Length..]}", field);
        }

        var own = l[FieldKey(field)];
        if (!own.ResourceNotFound)
        {
            return own;
        }

        var last = field[(field.LastIndexOf('.') + 1)..];
        return Word(FieldKey(last), field);
    }

    private string Value(string field, string value) => (field[(field.LastIndexOf('.') + 1)..], value) switch
    {
        (_, "") => "",
        ("stage", _) => Word($"Evaluation.Stage.{value}", value),
        ("level", _) => Word($"Evaluation.Level.{value}", value),
        ("appeal", _) => Word($"AppealStatus.{value}", value),
        ("role", _) => Word($"Role.{value}", value),
        ("blockers", _) => Blockers(value),
        (_, "true") => l["Audit.Value.True"],
        (_, "false") => l["Audit.Value.False"],
        _ => value,
    };

    /// <summary>The blockers a move went past, as Core's <c>StageMove</c> stores them: <c>Kind: code name</c> or <c>Kind</c>, joined by <c>; </c>.</summary>
    private string Blockers(string value) => string.Join("; ", value.Split("; ").Select(part =>
    {
        var colon = part.IndexOf(": ", StringComparison.Ordinal);
        var (kind, rest) = colon < 0 ? (part, "") : (part[..colon], part[(colon + 2)..]);
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var (code, name) = space < 0 ? (rest, "") : (rest[..space], rest[(space + 1)..]);
        var word = l[$"Audit.Value.Blocker.{kind}", name, code];
        return word.ResourceNotFound ? part : word.Value;
    }));

    private string Reason(AuditLine line) => line.Source == AuditSource.Organisation
        ? Word($"Audit.Channel.{line.Reason}", line.Reason)
        : line.Reason;

    private string Word(string key, string fallback)
    {
        var word = l[key];
        return word.ResourceNotFound ? fallback : word.Value;
    }
}
