using System.Globalization;
using System.Text;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Tests.Files;

public class KpiCsvWriterTests
{
    [Theory]
    [InlineData(1, 3, "0.3333333333333333")]
    [InlineData(2, 3, "0.6666666666666666")]
    [InlineData(1, 2, "0.500000")]
    [InlineData(1, 1, "1.00000")]
    [InlineData(0, 7, "0.00000")]
    [InlineData(239395, 64, "3740.546875")]
    [InlineData(256000, 64, "4000.00")]
    [InlineData(1, 1_000_000, "0.00000100000")]
    [InlineData(1, 3_000_000, "0.00000033333333333333335")]
    [InlineData(123_456_789, 1, "123456789")]
    [InlineData(1, 20, "0.0500000")]
    public void Values_have_at_least_6_significant_digits_and_no_exponent(long numerator, long denominator, string expected)
    {
        var text = KpiCsvWriter.FormatValue((double)numerator / denominator);

        Assert.Equal(expected, text);
        Assert.DoesNotContain("E", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(text.Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length >= 6 || numerator == 0, text);
        Assert.Equal((double)numerator / denominator, double.Parse(text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Rows_are_written_with_integer_counts_and_an_empty_value_when_the_denominator_is_zero()
    {
        var stream = new MemoryStream();

        KpiCsvWriter.Write(stream, [new KpiRow("all", "", "on_time_rate", new KpiValue(3, 4)), new KpiRow("unit", "XA,01", "complaint_rate", new KpiValue(1, 0))]);

        Assert.Equal("scope,scope_code,kpi,numerator,denominator,value\nall,,on_time_rate,3,4,0.750000\nunit,\"XA,01\",complaint_rate,1,0,\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }
}
