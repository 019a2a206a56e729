using GovKpi.Core.Measurement;

namespace GovKpi.Data.Measurement;

/// <summary>
/// The KPI tallies of a batch that lands in empty record tables, counted from its rows as they go
/// by on the thread that reads the files (<see cref="RowPipeline"/>), which has time to spare while
/// the database writes: the batch's records are then all the records, so these are the tallies a
/// full recompute would find after it (ADR 0009), without reading a million rows back.
/// </summary>
/// <remarks>
/// The rows are counted as the writers land them: a dossier's current version is its version with
/// the latest updated_at, the first row of a dossier_id + updated_at winning over later ones (a
/// repeat or a conflict); the first row of a survey or complaint id wins likewise (the tables are
/// empty, so nothing else can be replaced); invalid rows land nowhere. Surveys come after every
/// dossier row (the files are written one after the other), so each is counted under the current
/// version of its dossier. Times are counted as stored: whole microseconds.
/// </remarks>
internal sealed class StreamedTallies
{
    private readonly CalendarTallies _tallies = new();
    private readonly Dictionary<string, DossierVersion> _current = new(StringComparer.Ordinal);
    private readonly HashSet<string> _surveys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _complaints = new(StringComparer.Ordinal);

    /// <summary>The same batch, its rows counted as they are read.</summary>
    public MeasurementBatch Counting(MeasurementBatch batch) => batch with
    {
        Dossiers = Counting(batch.Dossiers, Dossier),
        Surveys = Counting(batch.Surveys, Survey),
        Complaints = Counting(batch.Complaints, Complaint),
    };

    /// <summary>The current version of each dossier of the batch, in the order they first came; complete once the dossier rows have been read.</summary>
    public IReadOnlyCollection<DossierVersion> CurrentDossiers => _current.Values;

    /// <summary>The tallies of every stored period; call once every row has been read.</summary>
    public Dictionary<AggregateKey, KpiTally> Tallies() => _tallies.Tallies();

    private void Dossier(DossierVersion version)
    {
        version = AsStored(version);
        ref var current = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_current, version.DossierId, out var known);
        if (known)
        {
            if (version.UpdatedAt <= current!.UpdatedAt)
            {
                return;
            }

            _tallies.RemoveDossier(current);
        }

        current = version;
        _tallies.AddDossier(version);
    }

    private void Survey(SurveyResponse survey)
    {
        if (_surveys.Add(survey.ResponseId))
        {
            var stored = survey with { SubmittedAt = MeasurementModel.AsStored(survey.SubmittedAt) };
            _tallies.AddSurvey(stored, _current.GetValueOrDefault(survey.DossierId));
        }
    }

    private void Complaint(Complaint complaint)
    {
        if (_complaints.Add(complaint.ComplaintId))
        {
            _tallies.AddComplaint(complaint with { ReceivedAt = MeasurementModel.AsStored(complaint.ReceivedAt) });
        }
    }

    private static DossierVersion AsStored(DossierVersion d)
    {
        var (received, due, finished, updated) = (MeasurementModel.AsStored(d.ReceivedAt), MeasurementModel.AsStored(d.DueAt),
            d.FinishedAt is { } f ? MeasurementModel.AsStored(f) : (DateTimeOffset?)null, MeasurementModel.AsStored(d.UpdatedAt));
        return received == d.ReceivedAt && due == d.DueAt && finished == d.FinishedAt && updated == d.UpdatedAt
            ? d
            : d with { ReceivedAt = received, DueAt = due, FinishedAt = finished, UpdatedAt = updated };
    }

    private static ImportFile<T>? Counting<T>(ImportFile<T>? file, Action<T> count) where T : class =>
        file is null ? null : new ImportFile<T>(file.Name, Counted(file.Rows, count), file.TotalBytes, () => file.BytesRead);

    private static IEnumerable<SourceRow<T>> Counted<T>(IEnumerable<SourceRow<T>> rows, Action<T> count) where T : class
    {
        foreach (var row in rows)
        {
            if (row.Record is { } record)
            {
                count(record);
            }

            yield return row;
        }
    }
}
