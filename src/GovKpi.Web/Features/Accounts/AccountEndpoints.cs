using System.ComponentModel.DataAnnotations;
using GovKpi.Core.Access;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

public sealed record SignInRequest([property: Required] string UserName, [property: Required] string Password);

public sealed record UserResponse(string UserName, string DisplayName, string Role, string ScopeUnitCode, string? StaffCode, bool MustChangePassword = false)
{
    public static UserResponse From(CurrentUser u, bool mustChangePassword = false) =>
        new(u.UserName, u.DisplayName, u.Role.ToString(), u.ScopeUnitCode, u.StaffCode, mustChangePassword);
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record SetupPasswordRequest(string? Token, string? NewPassword);

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapProvinceSignIn();
        var group = app.MapGroup("/api/auth").WithTags("Accounts");

        group.MapPost("/sign-in", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (
            SignInRequest request, SignIn signIn, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var attempt = await signIn.TryAsync(http, request.UserName ?? "", request.Password ?? "", ct);
            return attempt switch
            {
                SignInAttempt.Accepted a => TypedResults.Ok(UserResponse.From(a.User, a.MustChangePassword)),
                SignInAttempt.Locked locked => TypedResults.Problem(signIn.LockedMessage(l, locked.Until), statusCode: StatusCodes.Status423Locked,
                    title: l["SignIn.LockedTitle"], extensions: new Dictionary<string, object?> { ["lockedUntil"] = locked.Until }),
                SignInAttempt.Disabled => TypedResults.Problem(l["SignIn.Disabled"], statusCode: StatusCodes.Status401Unauthorized),
                _ => TypedResults.Problem(l["SignIn.Failed"], statusCode: StatusCodes.Status401Unauthorized),
            };
        }).AllowAnonymous();

        group.MapPost("/sign-out", async (SignIn signIn, HttpContext http, CancellationToken ct) =>
        {
            await signIn.SignOutAsync(http, ct);
            return TypedResults.NoContent();
        });

        group.MapGet("/me", (HttpContext http) => TypedResults.Ok(UserResponse.From(CurrentUser.From(http.User), CurrentUser.MustChangePassword(http.User))));

        group.MapPost("/password", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            ChangePasswordRequest request, AccountDesk desk, SignIn signIn, LockoutPolicy lockout,
            HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var outcome = await desk.ChangeOwnPasswordAsync(CurrentUser.From(http.User).UserName, request.CurrentPassword ?? "", request.NewPassword ?? "", lockout, ct);
            switch (outcome)
            {
                case AccountOutcome.Done done:
                    await signIn.IssueAsync(http, done.Account, ct);
                    return TypedResults.NoContent();
                case AccountOutcome.Locked locked:
                    return TypedResults.Problem(signIn.LockedMessage(l, locked.Until), statusCode: StatusCodes.Status423Locked, title: l["SignIn.LockedTitle"]);
                case AccountOutcome.Invalid invalid:
                    return AccountProblems.Validation(l, invalid.Problems);
                default:
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
            }
        });

        group.MapPost("/setup", async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> (
            SetupPasswordRequest request, AccountDesk desk, SignIn signIn, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var outcome = await desk.CompleteSetupAsync(request.Token ?? "", request.NewPassword ?? "", ct);
            switch (outcome)
            {
                case AccountOutcome.Done done:
                    return TypedResults.Ok(UserResponse.From(await signIn.IssueAsync(http, done.Account, ct)));
                case AccountOutcome.Invalid invalid:
                    return AccountProblems.Validation(l, invalid.Problems);
                default:
                    return TypedResults.Problem(l["Setup.LinkInvalid"], statusCode: StatusCodes.Status404NotFound);
            }
        }).AllowAnonymous();
    }
}

/// <summary>Core's account and password problems as localised messages keyed by field.</summary>
public static class AccountProblems
{
    public static string Message(IStringLocalizer l, AccountFieldProblem problem) => l[problem.Code, PasswordPolicy.MinimumLength].Value;

    public static Dictionary<string, string[]> ByField(IStringLocalizer l, IEnumerable<AccountFieldProblem> problems) =>
        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => Message(l, p)).ToArray());

    public static ValidationProblem Validation(IStringLocalizer l, IEnumerable<AccountFieldProblem> problems) =>
        TypedResults.ValidationProblem(ByField(l, problems), title: l["Accounts.Invalid"]);
}
