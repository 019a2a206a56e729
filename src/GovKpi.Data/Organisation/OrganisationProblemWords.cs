using GovKpi.Core.Organisation;
using GovKpi.Data.Resources;

namespace GovKpi.Data.Organisation;

/// <summary>
/// The planning's problems in the current UI culture — Vietnamese on the web, English at the
/// command line — from their <c>Organisation.{key}</c> messages; a problem without a key (one the
/// file readers worded already) stays as it is.
/// </summary>
public static class OrganisationProblemWords
{
    public static OrganisationProblem Word(OrganisationProblem problem) => problem.Key.Length == 0
        ? problem
        : problem with { Reason = DataText.Get("Organisation." + problem.Key, [.. problem.Args]) };

    public static OrganisationImportResult Word(OrganisationImportResult result) =>
        result with { Problems = [.. result.Problems.Select(Word)] };
}
