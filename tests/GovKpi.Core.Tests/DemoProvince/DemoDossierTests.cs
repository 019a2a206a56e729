using System.Text.RegularExpressions;
using GovKpi.Core.DemoProvince;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using Province = GovKpi.Core.DemoProvince.DemoProvince;

namespace GovKpi.Core.Tests.DemoProvince;

public partial class DemoDossierTests
{
    private const int Count = 20_000;
    private static readonly DateTimeOffset Extraction = new(2025, 12, 31, 17, 0, 0, TimeSpan.FromHours(7));
    private static readonly Province Province = DemoProvinceGenerator.Generate(seed: 11, staffCount: 400);
    private static readonly IReadOnlyList<DemoDossier> Dossiers = DemoProvinceGenerator.Dossiers(Province, Count).ToList();
    private static readonly IReadOnlyList<DossierVersion> Current = Dossiers.Select(d => d.Current).ToList();

    [GeneratedRegex(@"^(?<unit>.+)-(?<date>\d{6})-(?<seq>\d{4})$")]
    private static partial Regex DossierId();

    [Fact]
    public void Exactly_the_requested_number_of_dossiers_is_generated_with_unique_ids()
    {
        Assert.Equal(Count, Dossiers.Count);
        Assert.Equal(Count, Current.Select(d => d.DossierId).Distinct().Count());
        Assert.All(Dossiers, d => Assert.Single(d.Versions.Select(v => v.DossierId).Distinct()));
    }

    [Fact]
    public void Dossier_ids_are_unit_code_reception_date_and_daily_sequence()
    {
        var units = Province.Units.ToDictionary(u => u.Code);
        foreach (var dossier in Current)
        {
            var match = DossierId().Match(dossier.DossierId);
            Assert.True(match.Success, dossier.DossierId);
            Assert.Equal(dossier.UnitCode, match.Groups["unit"].Value);
            Assert.Equal(dossier.ReceivedAt.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture), match.Groups["date"].Value);
            Assert.NotEqual("0000", match.Groups["seq"].Value);
            Assert.True(units[dossier.UnitCode].IsActiveOn(DateOnly.FromDateTime(dossier.ReceivedAt.DateTime)), dossier.DossierId);
        }
    }

    [Fact]
    public void Dossiers_go_to_service_centres_after_the_reform_and_to_former_communes_before_it()
    {
        var units = Province.Units.ToDictionary(u => u.Code);
        var reform = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.FromHours(7));
        Assert.All(Current.Where(d => d.ReceivedAt >= reform), d => Assert.Equal(UnitKind.ServiceCentre, units[d.UnitCode].Kind));
        Assert.All(Current.Where(d => d.ReceivedAt < reform), d => Assert.True(
            units[d.UnitCode].Kind == UnitKind.ServiceCentre || units[d.UnitCode].EffectiveTo == new DateOnly(2025, 7, 1), d.DossierId));
    }

    [Fact]
    public void A_finished_status_comes_with_a_finish_time_and_an_open_one_without()
    {
        foreach (var version in Dossiers.SelectMany(d => d.Versions))
        {
            Assert.Equal(version.Status.IsFinished(), version.FinishedAt is not null);
            Assert.True(version.FinishedAt is null || version.FinishedAt >= version.ReceivedAt, version.DossierId);
            Assert.True(version.UpdatedAt >= version.ReceivedAt && version.UpdatedAt <= Extraction, version.DossierId);
            Assert.True(version.FinishedAt is null || version.UpdatedAt >= version.FinishedAt, version.DossierId);
            Assert.True(version.DueAt > version.ReceivedAt, version.DossierId);
        }
    }

    [Fact]
    public void Versions_of_a_dossier_have_strictly_increasing_update_times()
    {
        var multi = Dossiers.Where(d => d.Versions.Count > 1).ToList();
        Assert.InRange(multi.Count, Count / 20, Count / 3);
        Assert.Contains(multi, d => d.Versions.Count == 3);
        foreach (var dossier in multi)
        {
            for (var i = 1; i < dossier.Versions.Count; i++)
            {
                Assert.True(dossier.Versions[i].UpdatedAt > dossier.Versions[i - 1].UpdatedAt, dossier.Current.DossierId);
                Assert.False(dossier.Versions[i - 1].Status.IsFinished());
            }
        }
    }

    [Fact]
    public void Dossiers_are_received_on_working_days_in_office_hours_at_Vietnam_time()
    {
        foreach (var dossier in Current)
        {
            var local = dossier.ReceivedAt;
            Assert.Equal(TimeSpan.FromHours(7), local.Offset);
            Assert.Equal(2025, local.Year);
            Assert.True(Province.Calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)), dossier.DossierId);
            var time = TimeOnly.FromDateTime(local.DateTime);
            Assert.True(time.IsBetween(new TimeOnly(7, 30), new TimeOnly(11, 30)) || time.IsBetween(new TimeOnly(13, 30), new TimeOnly(17, 0)), dossier.DossierId);
        }
    }

    [Fact]
    public void Handlers_are_staff_working_at_the_centre_that_handles_the_dossier()
    {
        var staff = Province.Staff.ToDictionary(s => s.Code);
        var successors = Province.Lineage.GroupBy(l => l.PredecessorCode).ToDictionary(g => g.Key, g => g.Select(l => l.SuccessorCode + ".TTPV").ToHashSet());
        foreach (var dossier in Current.Where(d => d.HandlerCode is not null))
        {
            var day = DateOnly.FromDateTime(dossier.ReceivedAt.DateTime);
            var workingUnit = staff[dossier.HandlerCode!].WorkingUnitOn(day);
            var centres = successors.GetValueOrDefault(dossier.UnitCode) ?? [dossier.UnitCode];
            Assert.True(centres.Contains(workingUnit) || centres.Contains(staff[dossier.HandlerCode!].UnitCode), $"{dossier.DossierId}: {dossier.HandlerCode} works at {workingUnit}");
        }

        Assert.All(Current.Where(d => d.HandlerCode is null), d => Assert.Equal(DossierStatus.Received, d.Status));
    }

    [Fact]
    public void The_mix_of_channels_outcomes_and_delays_looks_like_a_real_province()
    {
        var finished = Current.Where(d => d.FinishedAt is not null && d.Status != DossierStatus.Withdrawn).ToList();
        var onTime = (double)finished.Count(d => d.FinishedAt <= d.DueAt) / finished.Count;
        var online = (double)Current.Count(d => d.Channel == DossierChannel.Online) / Count;
        var errors = (double)Current.Count(d => d.StaffErrorReturn) / Count;

        Assert.InRange(online, 0.5, 0.7);
        Assert.InRange(onTime, 0.9, 0.97);
        Assert.InRange(errors, 0.005, 0.04);
        Assert.All(Enum.GetValues<DossierStatus>(), s => Assert.Contains(Current, d => d.Status == s));
        Assert.Contains(Current, d => d.FinishedAt is null && d.DueAt < Extraction);
        Assert.Contains(Current, d => d.Channel == DossierChannel.Mobile);
        Assert.True((double)Current.Count(d => d.Status == DossierStatus.ResultReturned) / Count > 0.8);
    }

    [Fact]
    public void Handlers_differ_in_how_often_they_finish_on_time()
    {
        var rates = Current
            .Where(d => d.FinishedAt is not null && d.Status != DossierStatus.Withdrawn)
            .GroupBy(d => d.HandlerCode)
            .Where(g => g.Count() >= 200)
            .Select(g => (double)g.Count(d => d.FinishedAt <= d.DueAt) / g.Count())
            .ToList();

        Assert.True(rates.Count >= 5);
        Assert.True(rates.Max() - rates.Min() > 0.02, $"{rates.Min():P1} – {rates.Max():P1}");
    }

    [Fact]
    public void Surveys_rate_about_a_third_of_finished_dossiers_mostly_four_or_five()
    {
        var surveys = Dossiers.Where(d => d.Survey is not null).Select(d => (d.Current, Survey: d.Survey!)).ToList();
        var finished = Current.Count(d => d.Status is DossierStatus.ResultReturned or DossierStatus.Processed or DossierStatus.Refused);

        Assert.InRange((double)surveys.Count / finished, 0.25, 0.35);
        Assert.All(surveys, s =>
        {
            Assert.InRange(s.Survey.Score, 1, 5);
            Assert.Equal(s.Current.DossierId, s.Survey.DossierId);
            Assert.True(s.Survey.SubmittedAt >= s.Current.FinishedAt && s.Survey.SubmittedAt <= Extraction);
        });
        Assert.True(surveys.Count(s => s.Survey.Score >= 4) > surveys.Count * 0.75);
        Assert.Equal(surveys.Count, surveys.Select(s => s.Survey.ResponseId).Distinct().Count());
    }

    [Fact]
    public void Complaints_concern_a_few_dossiers_and_some_are_upheld()
    {
        var complaints = Dossiers.Where(d => d.Complaint is not null).Select(d => (d.Current, Complaint: d.Complaint!)).ToList();
        var staff = Province.Staff.Select(s => s.Code).ToHashSet();

        Assert.InRange(complaints.Count, Count / 1000, Count / 100);
        Assert.InRange(complaints.Count(c => c.Complaint.Upheld), 1, complaints.Count - 1);
        Assert.True(complaints.Count(c => c.Complaint.StaffCode is not null) > complaints.Count / 2);
        Assert.All(complaints, c =>
        {
            Assert.Equal(c.Current.UnitCode, c.Complaint.UnitCode);
            Assert.True(c.Complaint.DossierId is null || c.Complaint.DossierId == c.Current.DossierId);
            Assert.True(c.Complaint.StaffCode is null || staff.Contains(c.Complaint.StaffCode));
            Assert.True(c.Complaint.ReceivedAt > c.Current.ReceivedAt && c.Complaint.ReceivedAt <= Extraction);
        });
    }

    [Fact]
    public void The_same_seed_gives_the_same_dossiers_and_another_seed_does_not()
    {
        var again = DemoProvinceGenerator.Dossiers(DemoProvinceGenerator.Generate(seed: 11, staffCount: 400), 2_000).ToList();
        var other = DemoProvinceGenerator.Dossiers(DemoProvinceGenerator.Generate(seed: 12, staffCount: 400), 2_000).ToList();
        var first = DemoProvinceGenerator.Dossiers(Province, 2_000).ToList();

        Assert.Equal(first.SelectMany(d => d.Versions), again.SelectMany(d => d.Versions));
        Assert.Equal(first.Select(d => d.Survey), again.Select(d => d.Survey));
        Assert.Equal(first.Select(d => d.Complaint), again.Select(d => d.Complaint));
        Assert.NotEqual(first.SelectMany(d => d.Versions), other.SelectMany(d => d.Versions));
    }

    [Fact]
    public void Too_many_dossiers_for_the_units_fail_before_anything_is_generated()
    {
        var tiny = DemoProvinceGenerator.Generate(1, DemoProvinceGenerator.MinimumStaff);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DemoProvinceGenerator.Dossiers(tiny, 20_000_000));
        Assert.Contains("9,999", error.Message);
    }

    [Fact]
    public void No_dossiers_is_an_empty_stream()
    {
        Assert.Empty(DemoProvinceGenerator.Dossiers(Province, 0));
    }
}
