using System.Globalization;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Web.Tests.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GovKpi.Web.Tests.Culture;

/// <summary>
/// The stored KPI tallies are keyed by calendar periods: a host whose default culture has another
/// calendar (th-TH counts Buddhist years, ar-SA Umm al-Qura years) or other digits must store and
/// read back exactly what an invariant host does. Each culture gets a database of its own, so
/// every run takes the same paths (first import, then deltas).
/// </summary>
public abstract class AggregateCultureTests<TDatabase> where TDatabase : MeasurementDatabase, new()
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Received = new(2025, 12, 29, 8, 15, 0, Vn);

    private static DossierVersion Dossier(string id, int version, DossierStatus status = DossierStatus.Processing) => new(
        id, "1.001193", "C1-TT", "S001", DossierChannel.Online, Received, Received.AddDays(5),
        status.IsFinished() ? Received.AddDays(version + 3) : null, status, 0, false, Received.AddHours(version));

    private static MeasurementBatch Batch(params DossierVersion[] versions) => new(ImportSource.Cli, "test")
    {
        Dossiers = new ImportFile<DossierVersion>("dossiers.csv", versions.Select((v, i) => SourceRow<DossierVersion>.Valid(i + 2, v)).ToList()),
    };

    /// <summary>The stored tallies and stored periods after two imports, written out invariantly.</summary>
    private static async Task<List<string>> StoredAfterImportsAsync(string culture)
    {
        var database = new TDatabase();
        var (current, currentUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await database.InitializeAsync();
            Skip.If(database.SkipReason is not null, database.SkipReason);
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 0, 0, Vn));
            await using (var db = database.NewContext())
            {
                await new MeasurementImport(db, clock).RunAsync(Batch(Dossier("A", 1), Dossier("B", 1)), null, CancellationToken.None);
            }

            // The second import changes the stored tallies by deltas of the periods read back.
            await using (var db = database.NewContext())
            {
                await new MeasurementImport(db, clock).RunAsync(Batch(Dossier("A", 2, DossierStatus.Processed), Dossier("C", 1)), null, CancellationToken.None);
            }

            await using (var db = database.NewContext())
            {
                var periods = await new KpiAggregateStore(db).StoredPeriodsAsync(CancellationToken.None);
                var rows = await db.KpiAggregates.AsNoTracking().ToListAsync();
                return periods.Select(p => FormattableString.Invariant($"period {p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}"))
                    .Concat(rows.Select(r => FormattableString.Invariant(
                        $"{r.PeriodFrom:yyyy-MM-dd}/{r.PeriodTo:yyyy-MM-dd}/{r.Scope}/{r.Code}/{r.Received}/{r.Finished}/{r.FinishedOnTime}/{r.OpenLate}")))
                    .Order(StringComparer.Ordinal).ToList();
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, currentUi);
            await database.DisposeAsync();
        }
    }

    [SkippableTheory]
    [InlineData("th-TH")]
    [InlineData("ar-SA")]
    [InlineData("vi-VN")]
    public async Task Stored_period_keys_and_tallies_are_those_of_an_invariant_host(string culture)
    {
        var invariant = await StoredAfterImportsAsync("");

        var local = await StoredAfterImportsAsync(culture);

        Assert.Contains("period 2025-01-01..2026-01-01", invariant);
        Assert.Contains("period 2026-01-01..2026-02-01", invariant);
        Assert.Equal(invariant, local);
    }
}

public sealed class SqliteAggregateCultureTests : AggregateCultureTests<SqliteMeasurementDatabase>;

public sealed class PostgresAggregateCultureTests : AggregateCultureTests<PostgresMeasurementDatabase>;
