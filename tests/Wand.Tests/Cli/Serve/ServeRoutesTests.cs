using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Wand.Functions.Pipeline;

namespace Wand.Cli.Serve;

/// <summary>
/// `wand serve` and the Functions app answer the same HTTP routes, with the same methods, and
/// ask for a key on the same ones (the HTTP half of the hosts' parity; WandTasksTests holds
/// the orchestrator and activity names).
/// </summary>
public sealed class ServeRoutesTests
{
    [Fact]
    public async Task Routes_OfWandServe_AreTheFunctionsAppsHttpTriggers()
    {
        await using var app = BuildServe();

        var serve = ServeRoutes(app);

        Assert.Contains("POST /api/repairs key", serve);
        Assert.Contains("GET /api/repairs/{id}/artifacts/{*path} key", serve);
        Assert.Equal(FunctionsRoutes(), serve);
    }

    [Fact]
    public void Routes_OfTheFunctionsApp_IncludeHealthForAnyoneAndItsDetailsBehindTheKey()
    {
        var routes = FunctionsRoutes();

        Assert.Contains("GET /api/health anonymous", routes);
        Assert.Contains("GET /api/health/details key", routes);
        Assert.Contains("POST /api/github/webhook anonymous", routes);
    }

    /// <summary>Every HTTP trigger of the Functions app as "METHOD /api/route access", the key being its Function level.</summary>
    private static List<string> FunctionsRoutes() => typeof(RepairFunctions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
        .SelectMany(t => t.Methods!.Select(method => Line(method, "/api/" + t.Route, t.AuthLevel == AuthorizationLevel.Function ? "key" : "anonymous")))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Every route of `wand serve` the same way; a signed route (the webhook) is anonymous to the Functions app.</summary>
    private static List<string> ServeRoutes(WebApplication app) => ((IEndpointRouteBuilder)app).DataSources
        .SelectMany(d => d.Endpoints)
        .OfType<RouteEndpoint>()
        .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(method =>
            Line(method, e.RoutePattern.RawText!, e.Metadata.GetMetadata<RouteAccess>() == RouteAccess.Key ? "key" : "anonymous")))
        .Order(StringComparer.Ordinal)
        .ToList();

    // The two hosts spell a catch-all and an empty group route differently: {*path} and {**path}, "/api/repairs" and "/api/repairs/".
    private static string Line(string method, string route, string access) =>
        $"{method.ToUpperInvariant()} {route.Replace("{**", "{*", StringComparison.Ordinal).TrimEnd('/')} {access}";

    private static WebApplication BuildServe() => ServeHost.Build(ServeHost.CreateBuilder("http://127.0.0.1:0", new Dictionary<string, string?>
    {
        // Never reached: the app is built, not started.
        ["Wand:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
    }, CancellationToken.None), apiKey: "any");
}
