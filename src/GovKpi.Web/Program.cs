using GovKpi.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddGovKpi();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseGovKpi();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
