using GovKpi.Core.Surveys;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Surveys;

/// <summary>
/// A response given on the citizen survey page, beside its survey record in <c>surveys</c>
/// (which the contract gives no comment column): the comment, and the dossier as the key that
/// lets one response per dossier through even when two arrive at once. No name, address or IP
/// of the citizen is kept.
/// </summary>
public sealed class SurveyPageResponse
{
    public string DossierId { get; set; } = "";
    public string ResponseId { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public string? Comment { get; set; }
}

public static class SurveyPageModel
{
    public static void Configure(ModelBuilder model, bool sqlite) => model.Entity<SurveyPageResponse>(e =>
    {
        e.ToTable("survey_page_responses");
        e.HasKey(r => r.DossierId);
        e.Property(r => r.DossierId).HasColumnName("dossier_id").HasMaxLength(RecordDefinitions.IdLength);
        e.Property(r => r.ResponseId).HasColumnName("response_id").HasMaxLength(RecordDefinitions.IdLength);
        e.HasIndex(r => r.ResponseId).IsUnique();
        e.Property(r => r.SubmittedAt).HasColumnName("submitted_at").HasConversion(MeasurementModel.Instants(sqlite));
        e.Property(r => r.Comment).HasColumnName("comment").HasMaxLength(CitizenSurvey.CommentLength);
    });
}
