using Microsoft.AspNetCore.Localization;

namespace GovKpi.Web.Features.Home;

public static class CultureEndpoints
{
    /// <summary><c>GET /culture?name=en-US&amp;returnUrl=/x</c> remembers the language in a cookie.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture", (string? name, string? returnUrl, HttpContext http, TimeProvider clock) =>
        {
            var culture = Startup.Cultures.FirstOrDefault(c => c.Name == name) ?? Startup.Cultures[0];
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
}
