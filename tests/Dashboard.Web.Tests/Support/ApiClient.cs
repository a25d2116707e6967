namespace LeveragedTokens.Dashboard.Web.Tests.Support;

public static class ApiClient
{
    /// <summary>GETs JSON that must answer 2xx; a failure names the URL, status and body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
