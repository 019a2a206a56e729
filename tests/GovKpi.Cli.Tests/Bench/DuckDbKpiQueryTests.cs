using System.Globalization;
using GovKpi.Cli.Bench;
using GovKpi.Core.DemoProvince;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Tests.Bench;

/// <summary>The DuckDB query the bench races against must compute the same KPIs as our engine, or the race means nothing.</summary>
public sealed class DuckDbKpiQueryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("govkpi-duckdb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("2025-07-01", "2025-10-01")]
    [InlineData("2025-03-01", "2025-04-01")]
    [InlineData("2025-05-17", "2025-11-03")]
    public void DuckDB_and_the_engine_agree_on_every_row(string from, string to)
    {
        var province = DemoProvinceGenerator.Generate(seed: 7, staffCount: 120);
        var dossiers = DemoProvinceGenerator.Dossiers(province, 3000).ToList();
        var paths = (D: Path.Combine(_directory, "d.csv"), S: Path.Combine(_directory, "s.csv"), C: Path.Combine(_directory, "c.csv"));
        using (var d = new DossierCsvWriter(File.Create(paths.D)))
        using (var s = new SurveyCsvWriter(File.Create(paths.S)))
        using (var c = new ComplaintCsvWriter(File.Create(paths.C)))
        {
            foreach (var dossier in dossiers)
            {
                dossier.Versions.ToList().ForEach(d.Write);
                if (dossier.Survey is { } survey) s.Write(survey);
                if (dossier.Complaint is { } complaint) c.Write(complaint);
            }
        }

        var period = new ReportingPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));
        var days = province.Calendar.WorkingDays(period.From, period.To);
        var latest = new LatestDossiers();
        var line = 2;
        foreach (var version in dossiers.SelectMany(d => d.Versions))
        {
            Assert.Null(latest.Offer(version, line++));
        }

        var engine = new KpiComputation(period, days);
        foreach (var d in latest.Versions) engine.AddDossier(d);
        foreach (var s in dossiers.Select(d => d.Survey).OfType<SurveyResponse>()) engine.AddSurvey(s, latest.Find(s.DossierId));
        foreach (var c in dossiers.Select(d => d.Complaint).OfType<Complaint>()) engine.AddComplaint(c);

        var duck = DuckDbKpiQuery.Run(paths.D, paths.S, paths.C, period, days);

        Assert.Equal(engine.Rows().ToList(), duck);
        Assert.True(duck.Count > 100);
    }
}
