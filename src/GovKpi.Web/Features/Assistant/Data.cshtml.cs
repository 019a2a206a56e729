using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary><c>/assistant/data</c>: a question on the data, answered with a sentence, a table and a chart.</summary>
[Authorize(Roles = $"{Roles.Staff},{Roles.Manager},{Roles.Hr},{Roles.Leader},{Roles.Auditor}")]
public sealed class DataModel(GovKpiDbContext db, DataAnswers answers, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Questions the page offers as examples: they show what can be asked.</summary>
    public static readonly string[] Examples =
    [
        "xã nào có tỷ lệ trễ hạn cao nhất quý 3?",
        "5 cán bộ có tỷ lệ đúng hạn thấp nhất tháng trước",
        "mức độ hài lòng của người dân theo xã năm nay",
        "tỷ lệ hồ sơ trực tuyến của các sở quý này",
    ];

    [FromQuery(Name = "q")] public string? Question { get; set; }

    public DataAnswer? Answer { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Question is null)
        {
            return;
        }

        var (parse, errors) = AssistantEndpoints.Parse(Question, clock, l);
        Errors = errors;
        if (parse?.Question is { } question)
        {
            var user = CurrentUser.From(User);
            Answer = await answers.AnswerAsync(Question.Trim(), question, parse.PeriodAssumed, user, await UnitScope.LoadAsync(db, user, ct), ct);
        }
    }
}
