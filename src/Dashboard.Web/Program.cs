using LeveragedTokens.Dashboard.Web;
using LeveragedTokens.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults("dashboard-web");
// The web host only reads chain data, but it brings the schema up so an empty database
// shows "no data yet" instead of errors.
builder.AddDashboardDatabase();
builder.AddDashboardWeb();
builder.AddStaffWeb();
builder.AddExportWeb();
builder.AddOperations();

var app = builder.Build();
app.UseOperations();
app.UseDashboardWeb();
app.MapStaffEndpoints();
app.MapExportEndpoints();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
