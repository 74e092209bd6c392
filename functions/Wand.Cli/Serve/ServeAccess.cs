using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Wand.Plumbing;

namespace Wand.Cli.Serve;

/// <summary>
/// Whom `wand serve` answers, decided once per request after routing, from the route's
/// <see cref="RouteAccess"/>. With an API key, the key is the authentication: routes of
/// <see cref="RouteAccess.Key"/> need it (401 without), under any Host. With no key, serve
/// answers this machine only: the peer must be a loopback address (403 otherwise, as
/// <c>--urls</c> may listen on a public one) and the Host header a loopback name or address
/// (421 otherwise: a DNS-rebinding page reaches 127.0.0.1 under its own name, such as
/// <c>evil.example:7071</c>, and could otherwise read every job). Webhook deliveries
/// (<see cref="RouteAccess.Signature"/>) pass either way: their signature is their authentication.
/// </summary>
public static class ServeAccess
{
    public const string KeyHeader = "x-functions-key";

    // A Host or address is echoed in the answer; a hostile one is not echoed whole.
    private const int EchoedLength = 80;

    public static IApplicationBuilder UseServeAccess(this IApplicationBuilder app, string? apiKey) => app.Use(async (context, next) =>
    {
        if (Refusal(context, apiKey) is { } refusal)
        {
            await RepairRoutes.ToResult(refusal).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The answer that refuses the request, or null when serve may answer it.</summary>
    public static ApiAnswer? Refusal(HttpContext context, string? apiKey)
    {
        var access = context.GetEndpoint()?.Metadata.GetMetadata<RouteAccess>();
        if (access == RouteAccess.Signature)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            return access == RouteAccess.Key && !HasKey(context.Request, apiKey)
                ? ApiAnswer.Problem(401, "API key missing or wrong", $"Send the API key in the {KeyHeader} header (or the code query parameter).")
                : null;
        }

        if (!IsThisMachine(context.Connection.RemoteIpAddress))
        {
            return ApiAnswer.Problem(403, "Forbidden",
                $"wand serve has no API key, so it answers this machine only, not {Echo(context.Connection.RemoteIpAddress!.ToString())}; start it with --api-key to serve others");
        }

        return IsLoopbackHost(context.Request.Host)
            ? null
            : ApiAnswer.Problem(421, "Misdirected request",
                $"wand serve has no API key, so it answers only requests addressed to this machine (Host localhost, 127.0.0.1 or [::1]), not to '{Echo(context.Request.Host.Value ?? "")}'; start it with --api-key to serve other names");
    }

    /// <summary>Whether <paramref name="host"/> names this machine: <c>localhost</c> or a loopback address, with or without a port.</summary>
    public static bool IsLoopbackHost(HostString host)
    {
        var name = host.HasValue ? host.Host : "";
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.TrimStart('[').TrimEnd(']'), out var address) && IPAddress.IsLoopback(address));
    }

    // No address is a Unix socket's peer: on this machine by definition, and its file's permissions decide who.
    private static bool IsThisMachine(IPAddress? peer) =>
        peer is null || IPAddress.IsLoopback(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer);

    private static bool HasKey(HttpRequest request, string apiKey)
    {
        var given = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query["code"].FirstOrDefault() ?? "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }

    private static string Echo(string text) => text.Length > EchoedLength ? text[..EchoedLength] + "..." : text;
}
