using GovKpi.Data;
using GovKpi.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Uploads;

/// <summary>
/// What the uploader reads when an import failed for a reason that is not in their file: a
/// database that could not serve says so (as the API's 503 does); anything else is an unexpected
/// fault, told in words with the job's id for the administrator, whose log holds the details —
/// never the exception's own text ("Object reference not set…"). The import was rolled back.
/// </summary>
public static class UploadFailure
{
    public static string Describe(Exception exception, Guid jobId, IStringLocalizer<SharedResource> l) =>
        DatabaseFaults.Classify(exception) is var kind && kind != DatabaseFaults.Kind.None
            ? l[$"Database.Unavailable.{kind}", DatabaseUnavailable.RetryAfterSeconds(kind)].Value
            : l["Uploads.Error.Unexpected", jobId].Value;
}
