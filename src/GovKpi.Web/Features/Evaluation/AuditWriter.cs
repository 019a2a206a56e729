using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Web.Features.Accounts;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>The signed-in account as the audit trail records it.</summary>
public static class AuditActors
{
    public static AuditActor From(CurrentUser user) => new(user.UserName, user.DisplayName, user.Role);
}
