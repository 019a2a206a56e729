using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

public sealed record SignInRequest([property: Required] string UserName, [property: Required] string Password);

public sealed record UserResponse(string UserName, string DisplayName, string Role, string ScopeUnitCode, string? StaffCode)
{
    public static UserResponse From(CurrentUser u) => new(u.UserName, u.DisplayName, u.Role.ToString(), u.ScopeUnitCode, u.StaffCode);
}

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Accounts");

        group.MapPost("/sign-in", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (
            SignInRequest request, SignIn signIn, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var user = await signIn.TryAsync(http, request.UserName ?? "", request.Password ?? "", ct);
            return user is null
                ? TypedResults.Problem(l["SignIn.Failed"], statusCode: StatusCodes.Status401Unauthorized)
                : TypedResults.Ok(UserResponse.From(user));
        }).AllowAnonymous();

        group.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        });

        group.MapGet("/me", (HttpContext http) => TypedResults.Ok(UserResponse.From(CurrentUser.From(http.User))));
    }
}
