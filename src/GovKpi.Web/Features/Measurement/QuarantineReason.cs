using GovKpi.Data.Resources;
using Microsoft.AspNetCore.Html;

namespace GovKpi.Web.Features.Measurement;

/// <summary>A quarantined row's stored reason in the reader's language, each further problem led by its column name as the file's header names it.</summary>
public static class QuarantineReason
{
    public static IHtmlContent Html(string stored)
    {
        var html = new HtmlContentBuilder();
        foreach (var (part, i) in DataText.RewordParts(stored).Select((p, i) => (p, i)))
        {
            if (i > 0)
            {
                html.Append("; ");
            }

            if (part.Column.Length > 0)
            {
                html.AppendHtml("<code>");
                html.Append(part.Column);
                html.AppendHtml("</code>: ");
            }

            html.Append(part.Text);
        }

        return html;
    }
}
