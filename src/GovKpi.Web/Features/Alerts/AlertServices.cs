namespace GovKpi.Web.Features.Alerts;

public static class AlertServices
{
    /// <summary>
    /// The early-warning engine: the sources it watches, the evaluation, and its worker. A new kind of work is one more <see cref="IWatchedItemSource"/> here.
    /// </summary>
    public static void AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AlertOptions.From(configuration));
        services.AddScoped<IWatchedItemSource, DossierWatch>();
        services.AddScoped<IWatchedItemSource, AssignedTaskWatch>();
        services.AddScoped<IWatchedItemSource, DelegatedTaskWatch>();
        services.AddScoped<IWatchedItemSource, FieldWork.CitizenIssueWatch>();
        services.AddScoped<AlertEvaluation>();
        services.AddScoped<AlertDesk>();
        services.AddHostedService<AlertWorker>();
    }
}
