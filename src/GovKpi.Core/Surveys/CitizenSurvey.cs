using System.Globalization;
using System.Text;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Surveys;

/// <summary>Why the citizen survey page refuses a response; none says more about the dossier than that.</summary>
public enum SurveyRefusal
{
    /// <summary>No receipt code given, or one no dossier could carry (too long, control characters).</summary>
    CodeMissing,
    /// <summary>A score other than 1 – 5, or none.</summary>
    ScoreInvalid,
    /// <summary>The comment is longer than <see cref="CitizenSurvey.CommentLength"/>.</summary>
    CommentTooLong,
    /// <summary>No dossier has this receipt code.</summary>
    UnknownCode,
    /// <summary>The dossier is still being processed: there is nothing to rate yet.</summary>
    NotFinished,
    /// <summary>The dossier already has a survey response (from this page or imported).</summary>
    AlreadyAnswered,
}

/// <summary>What the page decided: a survey record to store with its comment, or a refusal.</summary>
public abstract record SurveyDecision
{
    private SurveyDecision()
    {
    }

    public sealed record Accepted(SurveyResponse Response, string? Comment) : SurveyDecision;

    public sealed record Refused(SurveyRefusal Reason) : SurveyDecision;
}

/// <summary>
/// The rules of the public citizen survey page (issue 14): one response per finished dossier,
/// found by its receipt code (the dossier_id of the records), scored 1 – 5 with an optional
/// comment. The response is a survey record like an imported one (CONTRACTS.md, surveys.csv).
/// </summary>
public static class CitizenSurvey
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    /// <summary>Characters of a comment at most: a few sentences, not a complaint file (those go through PAKN).</summary>
    public const int CommentLength = 1000;

    /// <summary>
    /// The receipt code as the record rules store a dossier_id: trimmed and in Unicode NFC (a code
    /// typed on a phone may arrive decomposed); null when it is empty, longer than
    /// <paramref name="maxLength"/> or holds control characters, which no stored id does.
    /// </summary>
    public static string? ReceiptCode(string? text, int maxLength)
    {
        var code = text?.Trim();
        if (string.IsNullOrEmpty(code) || code.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return null;
        }

        code = code.Normalize(NormalizationForm.FormC);
        return code.Length > maxLength ? null : code;
    }

    /// <summary>The comment trimmed and NFC, without control characters but line breaks; null when empty.</summary>
    public static string? Comment(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kept = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (c == '\n' || !(char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
            {
                kept.Append(c);
            }
        }

        var comment = kept.ToString().Trim().Normalize(NormalizationForm.FormC);
        return comment.Length == 0 ? null : comment;
    }

    /// <summary>
    /// Decides a response. <paramref name="dossier"/> is the current version of the dossier with
    /// the code (null when none); <paramref name="answered"/> whether it already has a survey.
    /// The form is checked before the dossier, so a wrong score tells nothing about the code.
    /// </summary>
    public static SurveyDecision Decide(string? code, int? score, string? comment, DossierVersion? dossier, bool answered,
        DateTimeOffset now, string responseId)
    {
        if (code is null)
        {
            return new SurveyDecision.Refused(SurveyRefusal.CodeMissing);
        }

        if (score is not (>= MinScore and <= MaxScore))
        {
            return new SurveyDecision.Refused(SurveyRefusal.ScoreInvalid);
        }

        if (comment is { Length: > CommentLength })
        {
            return new SurveyDecision.Refused(SurveyRefusal.CommentTooLong);
        }

        if (dossier is null || dossier.DossierId != code)
        {
            return new SurveyDecision.Refused(SurveyRefusal.UnknownCode);
        }

        if (!dossier.Status.IsFinished())
        {
            return new SurveyDecision.Refused(SurveyRefusal.NotFinished);
        }

        if (answered)
        {
            return new SurveyDecision.Refused(SurveyRefusal.AlreadyAnswered);
        }

        return new SurveyDecision.Accepted(new SurveyResponse(responseId, dossier.DossierId, now, score.Value), comment);
    }

    /// <summary>A new response id: "KSW-" and 24 hex digits of a random GUID, within the contract's 60 characters and unlike imported ids.</summary>
    public static string NewResponseId(Guid guid) => "KSW-" + guid.ToString("N")[..24].ToUpperInvariant();
}
