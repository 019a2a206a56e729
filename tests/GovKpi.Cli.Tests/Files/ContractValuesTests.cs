using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Tests.Files;

public class ContractValuesTests
{
    [Theory]
    [InlineData("2025-07-03T08:15:00+07:00", "2025-07-03T01:15:00.0000000Z", 7 * 60)]
    [InlineData("2025-07-03T01:15:00Z", "2025-07-03T01:15:00.0000000Z", 0)]
    [InlineData("2025-07-03T08:15:00", "2025-07-03T01:15:00.0000000Z", 7 * 60)]
    [InlineData("2025-07-02T20:45:00-04:30", "2025-07-03T01:15:00.0000000Z", -(4 * 60 + 30))]
    [InlineData("2025-07-03T08:15:00.5+07:00", "2025-07-03T01:15:00.5000000Z", 7 * 60)]
    [InlineData("2025-07-03T08:15:00.1234567Z", "2025-07-03T08:15:00.1234567Z", 0)]
    [InlineData("2025-07-03T08:15:00.123456789", "2025-07-03T01:15:00.1234567Z", 7 * 60)]
    [InlineData("2025-07-03T08:15", "2025-07-03T01:15:00.0000000Z", 7 * 60)]
    [InlineData("2025-07-03T08:15+07:00", "2025-07-03T01:15:00.0000000Z", 7 * 60)]
    [InlineData("2024-02-29T23:59:59+14:00", "2024-02-29T09:59:59.0000000Z", 14 * 60)]
    public void Times_are_ISO_8601_with_any_offset_Z_or_none_for_Vietnam(string text, string utc, int offsetMinutes)
    {
        Assert.True(ContractValues.TryParseTime(text, out var time, out var reason), reason);

        Assert.Equal(utc, time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), time.Offset);
    }

    [Theory]
    [InlineData("2025-07-03 08:15:00+07:00")]
    [InlineData("2025-07-03")]
    [InlineData("03/07/2025 08:15")]
    [InlineData("2025-07-03T08:15:00+0700")]
    [InlineData("2025-07-03T08:15:00+07")]
    [InlineData("2025-07-03T08:15:00.+07:00")]
    [InlineData("2025-07-03T08:15:00,5+07:00")]
    [InlineData("2025-07-03T08:15:00z")]
    [InlineData(" 2025-07-03T08:15:00+07:00")]
    [InlineData("2025-07-03T08:15:00+07:00 ")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Other_time_layouts_are_rejected_with_the_expected_format(string text)
    {
        Assert.False(ContractValues.TryParseTime(text, out _, out var reason));

        Assert.Equal($"'{text}' is not an ISO 8601 time: expected {ContractValues.TimeFormat}", reason);
    }

    [Theory]
    [InlineData("2025-13-01T00:00:00+07:00")]
    [InlineData("2025-02-29T00:00:00+07:00")]
    [InlineData("2025-07-03T24:00:00+07:00")]
    [InlineData("2025-07-03T08:60:00+07:00")]
    [InlineData("2025-07-03T08:15:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    public void Impossible_dates_and_times_of_day_are_rejected(string text)
    {
        Assert.False(ContractValues.TryParseTime(text, out _, out var reason));

        Assert.StartsWith($"'{text}' is not", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Offsets_beyond_14_hours_and_instants_outside_the_calendar_are_rejected()
    {
        Assert.False(ContractValues.TryParseTime("2025-07-03T08:15:00+15:00", out _, out var beyond));
        Assert.False(ContractValues.TryParseTime("0001-01-01T00:00:00+07:00", out _, out var before));

        Assert.Contains("beyond ±14:00", beyond, StringComparison.Ordinal);
        Assert.Contains("out of range", before, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Booleans_are_true_false_1_or_0(string text, bool expected)
    {
        Assert.True(ContractValues.TryParseBoolean(text, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("2")]
    public void Other_booleans_are_rejected(string text) => Assert.False(ContractValues.TryParseBoolean(text, out _, out _));

    [Theory]
    [InlineData("+3")]
    [InlineData("3.0")]
    [InlineData(" 3")]
    [InlineData("three")]
    public void Whole_numbers_are_plain_digits(string text) => Assert.False(ContractValues.TryParseWholeNumber(text, 0, 10, out _, out _));

    [Fact]
    public void Every_contract_word_reads_back_as_its_member()
    {
        foreach (var channel in Enum.GetValues<DossierChannel>())
        {
            Assert.True(ContractCodes.TryParseDossierChannel(channel.Code(), out var read));
            Assert.Equal(channel, read);
        }

        foreach (var status in Enum.GetValues<DossierStatus>())
        {
            Assert.True(ContractCodes.TryParseDossierStatus(status.Code(), out var read));
            Assert.Equal(status, read);
        }

        foreach (var category in Enum.GetValues<ComplaintCategory>())
        {
            Assert.True(ContractCodes.TryParseComplaintCategory(category.Code(), out var read));
            Assert.Equal(category, read);
        }

        foreach (var kind in Enum.GetValues<CalendarDayKind>())
        {
            Assert.True(ContractCodes.TryParseCalendarDayKind(kind.Code(), out var read));
            Assert.Equal(kind, read);
        }

        Assert.False(ContractCodes.TryParseDossierStatus("Processed", out _));
    }
}
