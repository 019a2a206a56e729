using System.Text.Json;
using System.Text.Json.Serialization;
using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.KpiLibrary;

/// <summary>
/// One line of the KPI library's append-only trail: who changed which KPI definition or KPI set,
/// when, and the version before and after (JSON). Numbered, chained and sealed when saved
/// (<see cref="SealedTrail.Append"/>).
/// </summary>
public sealed class KpiLibraryAuditEntry : ISealedAuditEntry
{
    public long Id { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string ActorName { get; set; }
    public required string ActorRole { get; set; }
    /// <summary><see cref="KpiLibraryActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>The KPI's code, or the set's holder and code (<c>Position/CV_TN</c>).</summary>
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string Hash { get; set; } = "";
    public string Seal { get; set; } = "";

    public string HashAfter(string previousHash) =>
        AuditChain.Hash(previousHash, Sequence, At, [Actor, ActorName, ActorRole, Action, Subject, Before, After]);
}

public static class KpiLibraryActions
{
    public const string DefinitionCreated = "KpiDefinitionCreated";
    /// <summary>A new version of a KPI definition; the open one before it ends where it begins.</summary>
    public const string DefinitionChanged = "KpiDefinitionChanged";
    public const string SetCreated = "KpiSetCreated";
    /// <summary>A new version of a KPI set; the open one before it ends where it begins.</summary>
    public const string SetChanged = "KpiSetChanged";
}

/// <summary>What the KPI library's trail records of each change.</summary>
public static class KpiLibraryTrail
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A new version of a definition, with the open version it replaces (null for a new KPI).</summary>
    public static KpiLibraryAuditEntry DefinitionVersion(AuditActor by, DateTimeOffset at, KpiDefinition? replaced, KpiDefinition created) =>
        Entry(by, at, replaced is null ? KpiLibraryActions.DefinitionCreated : KpiLibraryActions.DefinitionChanged, created.Code, replaced, created);

    /// <summary>A new version of a set, with the open version it replaces (null for a new set).</summary>
    public static KpiLibraryAuditEntry SetVersion(AuditActor by, DateTimeOffset at, KpiSet? replaced, KpiSet created) =>
        Entry(by, at, replaced is null ? KpiLibraryActions.SetCreated : KpiLibraryActions.SetChanged, $"{created.Holder}/{created.PositionCode}", replaced, created);

    private static KpiLibraryAuditEntry Entry<T>(AuditActor by, DateTimeOffset at, string action, string subject, T? before, T after) where T : class => new()
    {
        At = at,
        Actor = by.UserName,
        ActorName = by.DisplayName,
        ActorRole = by.Role.ToString(),
        Action = action,
        Subject = subject,
        Before = before is null ? null : JsonSerializer.Serialize(before, Json),
        After = JsonSerializer.Serialize(after, Json),
    };
}
