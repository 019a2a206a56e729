using System.Globalization;
using System.Text.RegularExpressions;
using GovKpi.Data;
using GovKpi.Data.Caching;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using GovKpi.Web.Features.Accounts;

namespace GovKpi.Web.Features.Shared;

/// <summary>
/// <c>&lt;stamped-html key="…"&gt;…&lt;/stamped-html&gt;</c>: the rendered content, kept by the
/// node's <see cref="StampedCache"/> per signed-in user, culture and <see cref="Key"/> under the
/// stamps of every area, so a page's second request costs a lookup (rendering the home pages was
/// most of their time under load, issue 15 item 9) and any change on any node shows at the next one.
/// The content runs only on a miss, so the page loads its data there. It must not hold anything
/// that differs between two requests of one user with the same key (an antiforgery token, a nonce).
/// </summary>
[HtmlTargetElement("stamped-html")]
public sealed partial class StampedHtmlTagHelper(GovKpiDbContext db, StampedCache cache) : TagHelper
{
    /// <summary>Rendered HTML is larger than a KPI table: each counts for this many units of <see cref="StampedCache.SizeLimit"/>.</summary>
    public const int Size = 5;

    /// <summary>What the content depends on besides the user and the culture: the page and its query, the day.</summary>
    public string Key { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        // The claims are those the session check read from the database for this request: a new role or scope is a new key.
        var user = CurrentUser.From(ViewContext.HttpContext.User);
        var key = string.Join('\u001f', "html", user.UserName, user.Role.ToString(), user.ScopeUnitCode, user.StaffCode ?? "",
            CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, Key);
        var html = await cache.GetOrLoadAsync(db, key, CacheArea.All, Size,
            async _ => Compact((await output.GetChildContentAsync(useCachedResult: false)).GetContent()), ViewContext.HttpContext.RequestAborted);
        output.Content.SetHtmlContent(html);
    }

    /// <summary>
    /// The kept HTML without the views' indentation: every run of white space that holds a line
    /// break becomes one line break, which a browser shows as the same single space. The province
    /// view lost a quarter of its 200 KB, and writing those bytes was most of a kept page's cost
    /// (issue 15 item 9). Content with preformatted text is kept as drawn.
    /// </summary>
    public static string Compact(string html) =>
        html.Contains("<pre", StringComparison.OrdinalIgnoreCase) || html.Contains("<textarea", StringComparison.OrdinalIgnoreCase)
            ? html
            : Indentation().Replace(html, "\n");

    [GeneratedRegex(@"[ \t\r]*\n\s*")]
    private static partial Regex Indentation();
}
