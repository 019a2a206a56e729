namespace GovKpi.Core.Measurement;

/// <summary>What one dossier (its latest version) counts for in a period; the KPI formulas are sums of these.</summary>
[Flags]
public enum DossierFacts
{
    None = 0,
    /// <summary>finished_at in the period and status ≠ withdrawn.</summary>
    Finished = 1 << 0,
    /// <summary>Finished in the period with finished_at ≤ due_at.</summary>
    FinishedOnTime = 1 << 1,
    /// <summary>Received before the end, still open at the end, and due before the end.</summary>
    OpenLate = 1 << 2,
    /// <summary>Finished in the period and returned or sent back for supplement by the handler's error.</summary>
    FinishedWithStaffError = 1 << 3,
    /// <summary>Finished in the period as processed or result returned.</summary>
    Completed = 1 << 4,
    /// <summary>Withdrawn with finished_at in the period.</summary>
    Withdrawn = 1 << 5,
    /// <summary>received_at in the period.</summary>
    Received = 1 << 6,
    /// <summary>Received in the period through the online channel.</summary>
    ReceivedOnline = 1 << 7,
}

public static class DossierClassification
{
    /// <summary>The facts of CONTRACTS.md ("KPI formulas on these records") for one dossier in one period.</summary>
    public static DossierFacts Classify(DossierVersion d, ReportingPeriod p)
    {
        var facts = DossierFacts.None;
        if (d.FinishedAt is { } finished && p.Contains(finished))
        {
            if (d.Status == DossierStatus.Withdrawn)
            {
                facts |= DossierFacts.Withdrawn;
            }
            else
            {
                facts |= DossierFacts.Finished;
                if (finished <= d.DueAt)
                {
                    facts |= DossierFacts.FinishedOnTime;
                }

                if (d.StaffErrorReturn)
                {
                    facts |= DossierFacts.FinishedWithStaffError;
                }

                if (d.Status is DossierStatus.Processed or DossierStatus.ResultReturned)
                {
                    facts |= DossierFacts.Completed;
                }
            }
        }

        // Open at the end of the period and already late then; a withdrawn dossier is finished too.
        if (d.ReceivedAt < p.End && (d.FinishedAt is null || d.FinishedAt >= p.End) && d.DueAt < p.End)
        {
            facts |= DossierFacts.OpenLate;
        }

        if (p.Contains(d.ReceivedAt))
        {
            facts |= DossierFacts.Received;
            if (d.Channel == DossierChannel.Online)
            {
                facts |= DossierFacts.ReceivedOnline;
            }
        }

        return facts;
    }
}
