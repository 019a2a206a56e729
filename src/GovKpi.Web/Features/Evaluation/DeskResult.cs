using Microsoft.AspNetCore.Http.HttpResults;

namespace GovKpi.Web.Features.Evaluation;

public enum DeskStatus
{
    Ok,
    NotFound,
    Forbidden,
    /// <summary>Not now: the stage, the deadline or the state of the result refuses it (HTTP 409).</summary>
    Conflict,
    /// <summary>The input is wrong (HTTP 400, errors keyed by field).</summary>
    Invalid,
}

/// <summary>What a write or read of the evaluation feature came to; the API turns it into HTTP, the pages into messages.</summary>
public sealed record DeskResult<T>(DeskStatus Status, T? Value, string Title = "", string Detail = "", Dictionary<string, string[]>? Errors = null)
{
    /// <summary>More members of a 409 problem (e.g. the blockers of each cycle that could not move).</summary>
    public IDictionary<string, object?>? Extensions { get; init; }

    public static DeskResult<T> Ok(T value) => new(DeskStatus.Ok, value);
    public static DeskResult<T> NotFound() => new(DeskStatus.NotFound, default);
    public static DeskResult<T> Forbidden() => new(DeskStatus.Forbidden, default);
    public static DeskResult<T> Conflict(string title, string detail) => new(DeskStatus.Conflict, default, title, detail);
    public static DeskResult<T> Invalid(string title, Dictionary<string, string[]> errors) => new(DeskStatus.Invalid, default, title, string.Join(" ", errors.Values.SelectMany(e => e)), errors);

    public DeskResult<TOther> As<TOther>() => new(Status, default, Title, Detail, Errors) { Extensions = Extensions };

    public Results<Ok<T>, NotFound, ForbidHttpResult, ProblemHttpResult, ValidationProblem> ToHttp() => Status switch
    {
        DeskStatus.Ok => TypedResults.Ok(Value),
        DeskStatus.NotFound => TypedResults.NotFound(),
        DeskStatus.Forbidden => TypedResults.Forbid(),
        DeskStatus.Conflict => TypedResults.Problem(Detail, statusCode: StatusCodes.Status409Conflict, title: Title, extensions: Extensions),
        _ => TypedResults.ValidationProblem(Errors!, Detail, title: Title),
    };
}
