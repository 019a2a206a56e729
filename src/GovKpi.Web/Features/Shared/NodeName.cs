namespace GovKpi.Web.Features.Shared;

/// <summary>
/// The name of this web node (<c>Node:Name</c>, default the machine name): sent on every response
/// as <see cref="Header"/> so that an operator (and the two-node tests) behind a reverse proxy can
/// see which node answered, and the default of the names the upload and notification workers
/// claim their work under.
/// </summary>
public static class NodeName
{
    public const string Header = "X-GovKpi-Node";

    public static string Of(IConfiguration configuration) =>
        configuration["Node:Name"] is { Length: > 0 } name ? name : Environment.MachineName;

    /// <summary>
    /// The name a worker claims work under: unique per process, so that a restarted node is a new
    /// node and its old claims expire rather than being taken for its own.
    /// </summary>
    public static string ForClaims(IConfiguration configuration, string? workerSetting) =>
        $"{(workerSetting is { Length: > 0 } ? workerSetting : Of(configuration))}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    public static IApplicationBuilder UseNodeName(this IApplicationBuilder app, IConfiguration configuration)
    {
        var name = Of(configuration);
        return app.Use((http, next) =>
        {
            // Set before the endpoint runs: a header added once the body started would be lost.
            http.Response.Headers[Header] = name;
            return next(http);
        });
    }
}
