using System.Globalization;
using System.Text;
using CsvHelper;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Tests.Files;

public class CsvRowWriterTests
{
    private static string Write(Action<CsvRowWriter> rows, params string[] header)
    {
        var stream = new MemoryStream();
        using (var csv = new CsvRowWriter(stream, header))
        {
            rows(csv);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Fields_with_separators_quotes_or_line_breaks_are_quoted_as_RFC_4180_says()
    {
        string[] values = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\ronly", " padded ", "Phường Bắc Nha Trang", ""];

        var text = Write(csv =>
        {
            foreach (var value in values)
            {
                csv.Field(value);
            }

            csv.EndRow();
        }, values.Select((_, i) => $"c{i}").ToArray());

        Assert.EndsWith("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\ronly\",\" padded \",Phường Bắc Nha Trang,\n", text);
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        reader.Read();
        Assert.Equal(values, Enumerable.Range(0, values.Length).Select(i => reader.GetField(i)));
    }

    [Fact]
    public void Times_keep_their_offset_and_booleans_dates_and_numbers_use_invariant_forms()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        try
        {
            var text = Write(csv =>
            {
                csv.Field(new DateTimeOffset(2025, 7, 3, 8, 15, 0, TimeSpan.FromHours(7)));
                csv.Field(new DateTimeOffset(2025, 7, 3, 1, 15, 9, TimeSpan.Zero));
                csv.Field((DateTimeOffset?)null);
                csv.Field(new DateOnly(2025, 1, 29));
                csv.Field(true);
                csv.Field(false);
                csv.Field(4.5m);
                csv.Field(-12);
                csv.EndRow();
            }, "a", "b", "c", "d", "e", "f", "g", "h");

            Assert.Equal("a,b,c,d,e,f,g,h\n2025-07-03T08:15:00+07:00,2025-07-03T01:15:09+00:00,,2025-01-29,true,false,4.5,-12\n", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_dossier_row_has_the_contract_words_for_channel_and_status()
    {
        var stream = new MemoryStream();
        using (var writer = new DossierCsvWriter(stream))
        {
            writer.Write(new DossierVersion("KH.P01.TTPV-250703-0001", "1.001193", "KH.P01.TTPV", null, DossierChannel.InPerson,
                new DateTimeOffset(2025, 7, 3, 8, 15, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2025, 7, 4, 8, 15, 0, TimeSpan.FromHours(7)),
                null, DossierStatus.SupplementRequested, 1, true, new DateTimeOffset(2025, 7, 3, 9, 0, 0, TimeSpan.FromHours(7))));
        }

        Assert.Equal(
            "KH.P01.TTPV-250703-0001,1.001193,KH.P01.TTPV,,in_person,2025-07-03T08:15:00+07:00,2025-07-04T08:15:00+07:00,,supplement_requested,1,true,2025-07-03T09:00:00+07:00",
            Encoding.UTF8.GetString(stream.ToArray()).Split('\n')[1]);
    }
}
