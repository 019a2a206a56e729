using GovKpi.Core.Measurement;

namespace GovKpi.Core.Forecast;

/// <summary>The records a forecast reads: the latest version of each dossier, the surveys and the complaints.</summary>
public sealed class ForecastRecords(IReadOnlyList<DossierVersion> latestDossiers, IReadOnlyList<SurveyResponse> surveys, IReadOnlyList<Complaint> complaints)
{
    private readonly Dictionary<string, DossierVersion> _byId = latestDossiers.ToDictionary(d => d.DossierId, StringComparer.Ordinal);

    public IReadOnlyList<DossierVersion> Dossiers => latestDossiers;
    public IReadOnlyList<SurveyResponse> Surveys => surveys;
    public IReadOnlyList<Complaint> Complaints => complaints;

    public DossierVersion? Dossier(string id) => _byId.GetValueOrDefault(id);
}
