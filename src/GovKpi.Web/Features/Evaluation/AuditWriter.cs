using System.Globalization;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Web.Features.Accounts;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>The signed-in account as the audit trail records it.</summary>
public static class AuditActors
{
    public static AuditActor From(CurrentUser user) => new(user.UserName, user.DisplayName, user.Role);
}

/// <summary>The reasons Core writes to the audit trail, in the language of whoever makes the change.</summary>
public sealed class AuditWording(IStringLocalizer<SharedResource> l) : IAuditWording
{
    public string SelfAssessment => l["Evaluation.Audit.SelfAssessment"];

    public string Quota(decimal? share) => l["Evaluation.Audit.Quota", share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "—"];

    public string Level(ClassificationReason reason, ClassificationLevel band, ClassificationLevel level, decimal score) => reason switch
    {
        ClassificationReason.Quota => l["Evaluation.Audit.MovedByQuota", Name(band), Name(level)],
        ClassificationReason.Forced => l["Evaluation.Audit.Forced"],
        ClassificationReason.Capped => l["Evaluation.Audit.Capped", Name(level)],
        _ => l["Evaluation.Audit.Band", EvaluationDesk.Number(score)],
    };

    private string Name(ClassificationLevel level) => l[$"Evaluation.Level.{level}"];
}
