using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Wand.Fixtures;

/// <summary>Follows a repair or a batch through the HTTP API, as a client does, until it has ended.</summary>
public static class ApiPolling
{
    /// <summary>Its view once it is completed, failed or canceled; fails the test when that takes longer than <paramref name="patience"/>.</summary>
    /// <param name="context">More to say when it does not end in time (a server's output, say).</param>
    public static async Task<JsonObject> UntilEndedAsync(HttpClient http, string path, TimeSpan patience, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var view = (await http.GetFromJsonAsync<JsonObject>(path))!;
            if (view["status"]!.GetValue<string>() is "completed" or "failed" or "canceled")
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} did not end within {patience.TotalMinutes:F0} minutes: {view.ToJsonString()}\n{context?.Invoke()}");
            await Task.Delay(250);
        }
    }
}
