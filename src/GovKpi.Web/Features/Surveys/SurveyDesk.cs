using GovKpi.Core.Measurement;
using GovKpi.Core.Surveys;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Data.Surveys;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovKpi.Web.Features.Surveys;

/// <summary>
/// Takes a citizen's response: loads the dossier of the receipt code, asks
/// <see cref="CitizenSurvey"/>, and stores an accepted response as a one-row import of
/// surveys.csv (<see cref="MeasurementImport"/>), so the record, its batch and the stored KPI
/// tallies are exactly what an imported survey makes.
/// </summary>
public sealed class SurveyDesk(GovKpiDbContext db, TimeProvider clock)
{
    /// <summary>Who the import batches of the page name as their importer: a citizen stays anonymous.</summary>
    public const string Importer = "survey-page";

    public async Task<SurveyDecision> SubmitAsync(string? codeText, int? score, string? commentText, CancellationToken ct)
    {
        var code = CitizenSurvey.ReceiptCode(codeText, RecordDefinitions.IdLength);
        var comment = CitizenSurvey.Comment(commentText);
        var dossier = code is null ? null : await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.DossierId == code, ct);
        var answered = dossier is not null
            && (await db.Surveys.AnyAsync(s => s.DossierId == code, ct) || await db.SurveyPageResponses.AnyAsync(r => r.DossierId == code, ct));
        var decision = CitizenSurvey.Decide(code, score, comment, dossier, answered,
            MeasurementModel.AsStored(clock.GetUtcNow()), CitizenSurvey.NewResponseId(Guid.NewGuid()));
        if (decision is not SurveyDecision.Accepted accepted)
        {
            return decision;
        }

        // The dossier key of survey_page_responses lets only one of two simultaneous responses through.
        var claim = new SurveyPageResponse
        {
            DossierId = accepted.Response.DossierId, ResponseId = accepted.Response.ResponseId,
            SubmittedAt = accepted.Response.SubmittedAt, Comment = accepted.Comment,
        };
        db.SurveyPageResponses.Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsDuplicate(e))
        {
            db.ChangeTracker.Clear();
            return new SurveyDecision.Refused(SurveyRefusal.AlreadyAnswered);
        }

        db.ChangeTracker.Clear();
        try
        {
            var batch = new MeasurementBatch(ImportSource.SurveyPage, Importer)
            {
                Surveys = new ImportFile<SurveyResponse>(RecordDefinitions.SurveyFile, [SourceRow<SurveyResponse>.Valid(1, accepted.Response)]),
            };
            var outcome = await new MeasurementImport(db, clock).RunAsync(batch, null, ct);
            if (outcome.Batch.Inserted != 1)
            {
                throw new InvalidOperationException($"The survey response {accepted.Response.ResponseId} was not inserted: {string.Join("; ", outcome.Problems)}");
            }
        }
        catch
        {
            // Without its record the claim would refuse the citizen's next try for nothing.
            await db.SurveyPageResponses.Where(r => r.ResponseId == claim.ResponseId).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        return decision;
    }

    private static bool IsDuplicate(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        // 19 is SQLITE_CONSTRAINT (the primary key here).
        || e.InnerException is SqliteException { SqliteErrorCode: 19 };
}
