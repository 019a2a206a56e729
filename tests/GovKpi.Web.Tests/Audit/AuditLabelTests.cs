using System.Collections;
using System.Globalization;
using System.Resources;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;
using GovKpi.Web.Features.Audit;

namespace GovKpi.Web.Tests.Audit;

/// <summary>Every code a trail writes has words in Vietnamese and English: a new action without them fails here, not on the auditor's screen.</summary>
public sealed class AuditLabelTests
{
    private static readonly IAuditTrailSource[] Sources =
        [new EvaluationTrailSource(), new OrganisationTrailSource(), new AccountTrailSource(), new TaskTrailSource(), new ImportTrailSource(), new KpiLibraryTrailSource(), new DelegatedTaskTrailSource()];

    private static HashSet<string> Keys(CultureInfo culture)
    {
        var manager = new ResourceManager("GovKpi.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        using var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
    }

    public static TheoryData<string> Cultures => new() { "", "en" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_action_of_every_trail_and_every_source_has_words(string culture)
    {
        var keys = Keys(CultureInfo.GetCultureInfo(culture));
        var needed = Sources.SelectMany(s => s.Actions.Select(a => AuditLabels.ActionKey(s.Source, a)))
            .Concat(Enum.GetValues<AuditSource>().Select(AuditLabels.SourceKey));

        AllHaveWords(needed, keys);
    }

    [Fact]
    public void The_trails_read_every_action_code_the_core_writes()
    {
        var written = new Dictionary<AuditSource, IEnumerable<string>>
        {
            [AuditSource.Evaluation] = Constants(typeof(AuditActions)),
            [AuditSource.Tasks] = Constants(typeof(TaskActions)).Append(TaskQuarantine.Resubmitted).Append(TaskQuarantine.Discarded),
            [AuditSource.Accounts] = Enum.GetNames<AccountAction>(),
            [AuditSource.KpiLibrary] = Constants(typeof(GovKpi.Core.KpiLibrary.KpiLibraryActions)),
            [AuditSource.DelegatedTasks] = Constants(typeof(GovKpi.Core.DelegatedTasks.TaskActions)),
            [AuditSource.Organisation] = Enum.GetValues<OrganisationRecordKind>()
                .SelectMany(k => new[] { $"{OrganisationTrailSource.Added}.{k.FileStem()}", $"{OrganisationTrailSource.Changed}.{k.FileStem()}" }),
        };

        foreach (var (source, actions) in written)
        {
            Assert.Empty(actions.Except(Sources.Single(s => s.Source == source).Actions));
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_field_the_evaluation_tasks_and_accounts_write_has_words(string culture)
    {
        var keys = Keys(CultureInfo.GetCultureInfo(culture));
        string[] fields =
        [
            "appeal", "blockers", "cycle", "deadlines", "deadlines.appeal", "feedback360", "feedback360.respondent", "forcedKht", "generalCriteria",
            "generalPoints", "homeUnit", "level", "person", "result", "score", "selfAssessment", "selfGeneralPoints", "selfTaskPoints", "stage", "state",
            "taskPoints", "taskPointsAdjusted", "taskResults", "unitResultPoints",
            "assignedOn", "delayCause", "diary", "progress", "qualityCause", "qualityPassed", "row", "task",
            "inserted", "version",
            .. typeof(AccountFacts).GetProperties().Where(p => p.Name != nameof(AccountFacts.UserName)).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]),
        ];

        AllHaveWords(fields.Select(AuditLabels.FieldKey), keys);
    }

    private static void AllHaveWords(IEnumerable<string> needed, HashSet<string> keys)
    {
        var missing = needed.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "No words for: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
