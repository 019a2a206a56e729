using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovKpi.Core.Evaluation;

namespace GovKpi.Data.Files;

/// <summary>
/// An evaluation policy as a JSON file (schema in docs/FILES.md, "Evaluation policy"):
/// <code>
/// { "code": "tinh-x", "name": "…", "bands": { "htxs": 90, "htt": 80, "ht": 50 },
///   "quota": { "share": 0.2, "grouping": "agency_and_group" } }
/// </code>
/// <c>quota.share</c> null (or no <c>quota</c>) means no HTXS quota; <c>grouping</c> is one of
/// <c>agency_and_group</c> (default), <c>agency</c>, <c>group</c>, <c>everyone</c>.
/// Optional sections replace the scoring rules of the <c>base</c> built-in policy (default
/// <c>decree-335</c>): <c>points</c>, <c>general_criteria</c>, <c>rating_scale</c>,
/// <c>task_scoring</c>, <c>kpi_scoring</c>, <c>leaders</c>, <c>annual</c>, <c>consequences</c>, <c>calibration</c>,
/// <c>score_decimals</c>; their fields are the snake_case names of the Core records.
/// </summary>
public static class PolicyFile
{
    /// <summary>Reads a policy or throws <see cref="PolicyFileException"/> with a located message.</summary>
    public static EvaluationPolicy Read(string path)
    {
        var name = Path.GetFileName(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PolicyFileException($"{name}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            PolicyFileException Error(string field, string reason) => new($"{name}:{field}: {reason}");
            decimal Number(JsonElement parent, string field, string path)
            {
                if (!parent.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number)
                {
                    throw Error(path, "a number is required");
                }

                return value.GetDecimal();
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("$", "the policy must be a JSON object");
            }

            if (!root.TryGetProperty("bands", out var bands) || bands.ValueKind != JsonValueKind.Object)
            {
                throw Error("bands", "an object with htxs, htt and ht is required");
            }

            var band = new ScoreBands(Number(bands, "htxs", "bands.htxs"), Number(bands, "htt", "bands.htt"), Number(bands, "ht", "bands.ht"));
            if (!(band.Htxs <= 100 && band.Htxs > band.Htt && band.Htt > band.Ht && band.Ht >= 0))
            {
                throw Error("bands", string.Create(CultureInfo.InvariantCulture, $"need 100 ≥ htxs > htt > ht ≥ 0, got {band.Htxs} / {band.Htt} / {band.Ht}"));
            }

            decimal? share = null;
            var grouping = QuotaGrouping.AgencyAndGroup;
            if (root.TryGetProperty("quota", out var quota) && quota.ValueKind != JsonValueKind.Null)
            {
                if (quota.TryGetProperty("share", out var s) && s.ValueKind != JsonValueKind.Null)
                {
                    share = s.ValueKind == JsonValueKind.Number ? s.GetDecimal() : throw Error("quota.share", "a number between 0 and 1 is required");
                    if (share is < 0 or > 1)
                    {
                        throw Error("quota.share", string.Create(CultureInfo.InvariantCulture, $"must be between 0 and 1, got {share}"));
                    }
                }

                if (quota.TryGetProperty("grouping", out var g) && g.ValueKind != JsonValueKind.Null)
                {
                    grouping = g.GetString() switch
                    {
                        "agency_and_group" => QuotaGrouping.AgencyAndGroup,
                        "agency" => QuotaGrouping.Agency,
                        "group" => QuotaGrouping.Group,
                        "everyone" => QuotaGrouping.Everyone,
                        var other => throw Error("quota.grouping", $"'{other}' is not one of agency_and_group, agency, group, everyone"),
                    };
                }
            }

            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : Path.GetFileNameWithoutExtension(path);
            var title = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : code;
            var baseCode = root.TryGetProperty("base", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : EvaluationPolicy.Decree335.Code;
            var basis = EvaluationPolicy.BuiltIn.FirstOrDefault(p => p.Code == baseCode)
                ?? throw Error("base", $"'{baseCode}' is not one of {string.Join(", ", EvaluationPolicy.BuiltIn.Select(p => p.Code))}");
            T Section<T>(string field, T fallback)
            {
                if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
                {
                    return fallback;
                }

                try
                {
                    return element.Deserialize<T>(SectionOptions) ?? throw Error(field, "a value is required");
                }
                catch (JsonException e)
                {
                    var at = e.Path is { Length: > 1 } p ? field + p[1..] : field;
                    throw Error(at, e.Message.Split(" Path:")[0]);
                }
            }

            var points = Section("points", new PointsSection(basis.GeneralCriteriaMax, basis.TaskResultsMax));
            var policy = basis with
            {
                Code = code,
                Name = title,
                Bands = band,
                Quota = new HtxsQuota(share, grouping),
                GeneralCriteriaMax = points.GeneralCriteria,
                TaskResultsMax = points.TaskResults,
                GeneralCriteria = Section("general_criteria", basis.GeneralCriteria),
                RatingScale = new RatingScale(Section("rating_scale", basis.RatingScale.Anchors)),
                TaskScoring = Section("task_scoring", basis.TaskScoring),
                KpiScoring = Section("kpi_scoring", basis.KpiScoring),
                Leaders = Section("leaders", basis.Leaders),
                Annual = Section("annual", basis.Annual),
                Consequences = Section("consequences", basis.Consequences),
                Calibration = Section("calibration", basis.Calibration),
                ScoreDecimals = Section("score_decimals", basis.ScoreDecimals),
            };
            if (policy.Problems() is { Count: > 0 } problems)
            {
                throw new PolicyFileException(string.Join(Environment.NewLine, problems.Select(p => $"{name}:{p}")));
            }

            return policy;
        }
    }

    private sealed record PointsSection(decimal GeneralCriteria, decimal TaskResults);

    /// <summary>Sections map onto the Core records by their snake_case names; a missing or unknown field is an error, not a default.</summary>
    private static readonly JsonSerializerOptions SectionOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };
}

/// <summary>A policy file that cannot be used; the message is located (<c>file:field: reason</c>).</summary>
public sealed class PolicyFileException(string message) : Exception(message);
