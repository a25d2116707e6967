using LeveragedTokens.Dashboard.Web;
using LeveragedTokens.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddDataServices();
builder.AddDashboardWeb();
builder.AddStaffWeb();
builder.AddExportWeb();
builder.AddOperations();

var app = builder.Build();
// The web host only reads chain data, but it brings the schema up so an empty database
// shows "no data yet" instead of errors.
await app.Services.MigrateDashboardDatabaseAsync();
app.UseOperations();
app.UseDashboardWeb();
app.MapStaffEndpoints();
app.MapExportEndpoints();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
