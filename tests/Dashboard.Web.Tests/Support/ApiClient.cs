namespace LeveragedTokens.Dashboard.Web.Tests.Support;

public static class ApiClient
{
    /// <summary>The JSON body of a successful GET; a failure names the URL, the status and the body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
