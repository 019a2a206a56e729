using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Shared;

/// <summary>
/// A sentence in the person's language about names that are the point as they are — a file's
/// name, its column names — each argument shown as <c>&lt;code&gt;</c>, so the words read as
/// words and the names as names to type or find in the file.
/// </summary>
public static partial class CodeText
{
    public static IHtmlContent Format(IStringLocalizer l, string key, params string[] codes)
    {
        var template = l[key].Value;
        var html = new HtmlContentBuilder();
        var last = 0;
        foreach (Match placeholder in Placeholder().Matches(template))
        {
            html.Append(template[last..placeholder.Index]);
            html.AppendHtml("<code>");
            html.Append(codes[int.Parse(placeholder.Groups[1].Value, CultureInfo.InvariantCulture)]);
            html.AppendHtml("</code>");
            last = placeholder.Index + placeholder.Length;
        }

        html.Append(template[last..]);
        return html;
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex Placeholder();
}
