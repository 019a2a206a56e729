using System.Globalization;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Alerts;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Features.Audit;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.Home;
using GovKpi.Web.Features.KpiLibrary;
using GovKpi.Web.Features.Collective;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Features.Notifications;
using GovKpi.Web.Features.Organisation;
using GovKpi.Web.Features.Security;
using GovKpi.Web.Features.Shared;
using GovKpi.Web.Features.Surveys;
using GovKpi.Web.Features.Tasks;
using GovKpi.Web.Features.Uploads;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Serilog;

namespace GovKpi.Web;

/// <summary>How the app is put together; each feature adds its own services and endpoints.</summary>
public static class Startup
{
    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en-US")];

    public static void AddGovKpi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture));

        builder.Services.AddSingleton(TimeProvider.System);

        var dataDirectory = Path.GetFullPath(builder.Configuration["Database:DataDirectory"] ?? "data");
        var database = DatabaseOptions.From(
            builder.Configuration["Database:Provider"],
            builder.Configuration.GetConnectionString("GovKpi"),
            dataDirectory);
        if (builder.Configuration["Audit:KeyDirectory"] is { Length: > 0 } keyDirectory)
        {
            database = database with { AuditKeyDirectory = Path.GetFullPath(keyDirectory) };
        }

        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(database.Cache);
        // Pooled: building a context's options and internal services at every request was most of
        // what a cached page allocated (about 200 KB a request, 40 % of the time in GC pauses under
        // load; issue 15 item 9). Nothing lives on a context between requests but what EF resets,
        // and the cache stamps it read (CacheStamps, keyed by lease).
        builder.Services.AddDbContextPool<GovKpiDbContext>(database.Apply);

        // Keys live in the database so that several stateless nodes accept each other's cookies.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("GovKpi")
            .PersistKeysToDbContext<GovKpiDbContext>();
        dataProtection.ProtectKeysWithConfiguredCertificate(builder.Configuration, database, dataDirectory, builder.Environment.IsProduction());

        // Vietnamese text goes out as UTF-8 characters, not as &#x...; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Vietnamese is the default whatever the browser asks; English is a deliberate choice.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        builder.Services.AddDeploymentSecurity(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailable>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // Vietnamese names stay readable in API responses instead of \u escapes.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddDbContextCheck<GovKpiDbContext>();
        builder.Services.Configure<DemoDataOptions>(builder.Configuration.GetSection("Demo"));
        builder.Services.AddScoped<DemoProvinceLoader>();
        builder.Services.AddSingleton<DemoInstallation>();
        builder.Services.AddScoped<KpiSetVersioning>();
        builder.Services.AddSingleton(UploadRefusal.SpreadsheetLimits(builder.Configuration));
        builder.Services.AddSingleton(UploadOptions.From(builder.Configuration));
        builder.Services.AddSingleton(RecordPlausibilitySettings.From(builder.Configuration));
        builder.Services.AddSingleton<UploadQueue>();
        builder.Services.AddSingleton<UploadJobEvents>();
        builder.Services.AddSingleton<IUploadRunner, MeasurementUploadRunner>();
        builder.Services.AddSingleton<IUploadRunner, OrganisationUploadRunner>();
        builder.Services.AddHostedService<UploadWorker>();
        builder.Services.AddScoped<OrganisationAdmin>();
        builder.Services.AddScoped<MeasurementPush>();
        builder.Services.AddScoped<QuarantineDesk>();
        builder.Services.AddScoped<KpiValueReader>();
        builder.Services.AddScoped<GovKpi.Web.Features.Province.ProvinceDashboard>();

        builder.Services.AddScoped<Features.Search.SearchReader>();
        builder.Services.AddScoped<UnitResultReader>();
        builder.Services.AddScoped<GoalReader>();
        builder.Services.AddScoped<CollectiveDesk>();
        builder.Services.AddScoped<DataAnswers>();
        builder.Services.AddScoped<KpiProposals>();
        builder.Services.AddScoped<DraftWriter>();
        builder.Services.AddScoped<DelegatedTaskRegistry>();
        builder.Services.AddScoped<Features.Training.TrainingDesk>();
        builder.Services.AddScoped<GovKpi.Web.Features.Workforce.WorkforceDesk>();
        builder.Services.AddScoped<GovKpi.Web.Features.FieldWork.FieldWorkDesk>();
        builder.Services.AddSingleton(GovKpi.Web.Features.Notifications.SmtpSettings.From(builder.Configuration));
        builder.Services.AddSingleton<GovKpi.Web.Features.Notifications.SmtpMailSender>();
        builder.Services.AddSingleton<GovKpi.Web.Features.Notifications.NotificationMailComposer>();
        builder.Services.AddSingleton(GovKpi.Web.Features.Notifications.NotificationMailOptions.From(builder.Configuration));
        builder.Services.AddScoped<GovKpi.Web.Features.Notifications.NotificationInbox>();
        builder.Services.AddHostedService<GovKpi.Web.Features.Notifications.NotificationMailWorker>();
        builder.Services.AddScoped<TaskCatalogueDesk>();
        builder.Services.AddScoped<GovKpi.Data.Tasks.TaskAssignmentReader>();
        builder.Services.AddScoped<TaskAssignmentDesk>();
        builder.Services.AddScoped<GovKpi.Data.Tasks.TaskAssignmentImporter>();
        builder.Services.AddScoped<ForecastReader>();
        builder.Services.AddScoped<AnomalyReader>();
        builder.Services.AddDocumentLibrary(builder.Configuration, dataDirectory);
        ExchangeRetentionWorker.AddExchangeRetention(builder.Services, builder.Configuration);
        builder.Services.AddScoped<EvaluationReader>();
        builder.Services.AddScoped<Features.Home.HomeBoard>();
        builder.Services.AddScoped<EvaluationDesk>();
        builder.Services.AddScoped<LeaveDesk>();
        builder.Services.AddScoped<CalibrationCrossCheck>();
        builder.Services.AddScoped<EvaluationKpis>();
        builder.Services.AddScoped<EvaluationDocuments>();
        builder.Services.AddScoped<AnnualResultsReader>();
        builder.Services.AddAuditTrail();
        builder.Services.AddAlerts(builder.Configuration);
        builder.Services.AddSurveys(builder.Configuration);
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        // The embedded default creates its database on first run. A shared PostgreSQL is migrated
        // by `govkpi migrate` (or Database:MigrateOnStart) so that several nodes never race.
        if (options.Provider == DatabaseProvider.Sqlite || app.Configuration.GetValue<bool>("Database:MigrateOnStart"))
        {
            await db.MigrateAsync();
        }

        await scope.ServiceProvider.GetRequiredService<DemoProvinceLoader>().LoadIfEmptyAsync();
        await app.Services.GetRequiredService<DemoInstallation>().RefreshAsync(db);
    }

    public static void UseGovKpi(this WebApplication app)
    {
        // First, so that every later step (cookies, redirects, error pages) sees the proxy's scheme.
        app.UseDeploymentSecurity();
        app.UseNodeName(app.Configuration);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        // Before routing and sign-in: a forged write is refused before any endpoint or session work.
        app.UseMiddleware<ApiWriteGuard>();
        app.UseRouting();
        // Before anything reads a body: authentication does not, antiforgery and form binding do.
        app.UseMiddleware<UploadSizeGuard>();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapApiReference();
        app.MapCultureSwitch();
        app.MapAccountEndpoints();
        app.MapAccountAdminEndpoints();
        app.MapOrganisationEndpoints();
        app.MapOrganisationImportEndpoints();
        app.MapUploadEndpoints();
        app.MapOrganisationAdminEndpoints();
        app.MapKpiLibraryEndpoints();
        app.MapKpiDefinitionEndpoints();
        app.MapMeasurementEndpoints();
        app.MapKpiValueEndpoints();
        GovKpi.Web.Features.Province.ProvinceEndpoints.MapProvinceEndpoints(app);
        app.MapCollectiveEndpoints();
        app.MapAssistantEndpoints();
        app.MapDelegatedTaskEndpoints();
        Features.Training.TrainingEndpoints.MapTrainingEndpoints(app);
        GovKpi.Web.Features.FieldWork.FieldWorkEndpoints.MapFieldWorkEndpoints(app);
        Features.Search.SearchEndpoints.MapSearchEndpoints(app);
        app.MapTaskTypeEndpoints();
        app.MapTaskAssignmentEndpoints();
        app.MapForecastEndpoints();
        app.MapAnomalyEndpoints();
        app.MapDocumentEndpoints();
        app.MapAskEndpoints();
        app.MapEvaluationEndpoints();
        app.MapAuditEndpoints();
        GovKpi.Web.Features.Exports.TableExportEndpoints.MapTableExportEndpoints(app);
        app.MapAlertEndpoints();
        app.MapNotificationEndpoints();
        app.MapSurveyEndpoints();
        GovKpi.Web.Features.Workforce.WorkforceEndpoints.MapWorkforceEndpoints(app);
        app.MapRazorPages();
    }
}
