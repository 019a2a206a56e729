using GovKpi.Web.Features.Shared;

namespace GovKpi.Web.Tests.Caching;

/// <summary>Kept HTML loses the views' indentation and nothing a browser shows (issue 15, item 9).</summary>
public sealed class CompactHtmlTests
{
    [Fact]
    public void Indentation_and_blank_lines_become_one_line_break_and_spaces_within_a_line_stay()
    {
        const string drawn = "<tr>\r\n        <td data-label=\"Đơn vị\">\n            <a href=\"/x\">Phường  Bắc</a> · <span>52,7 %</span>   \n\n        </td>\n    </tr>";

        Assert.Equal("<tr>\n<td data-label=\"Đơn vị\">\n<a href=\"/x\">Phường  Bắc</a> · <span>52,7 %</span>\n</td>\n</tr>", StampedHtmlTagHelper.Compact(drawn));
    }

    [Theory]
    [InlineData("<section>\n    <pre>echo a\n    b</pre>\n</section>")]
    [InlineData("<form>\n    <TEXTAREA name=\"n\">line\n    indented</TEXTAREA>\n</form>")]
    public void Content_with_preformatted_text_is_kept_as_drawn(string drawn) =>
        Assert.Same(drawn, StampedHtmlTagHelper.Compact(drawn));
}
