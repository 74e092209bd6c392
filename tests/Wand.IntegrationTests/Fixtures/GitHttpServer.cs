using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Wand.Fixtures;

/// <summary>
/// Real git repositories served over HTTP: Kestrel on 127.0.0.1 running git's own
/// <c>git-http-backend</c> as a CGI program over the bare repositories under <see cref="Root"/>
/// (clone, fetch and push, the smart protocol, v2 included). Like GitHub, it refuses a request
/// without <c>Authorization: Basic</c> for <c>x-access-token</c> and one of the accepted tokens,
/// and records which token each request carried.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private const string Backend = "/usr/lib/git-core/git-http-backend";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _tokens = new();
    private readonly ConcurrentDictionary<string, bool> _accepted = new(StringComparer.Ordinal);

    private GitHttpServer(WebApplication app, DirectoryInfo root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The folder holding the bare repositories, as <c>{owner}/{name}.git</c>.</summary>
    public DirectoryInfo Root { get; }

    public required Uri BaseUrl { get; init; }

    /// <summary>The token of every request, in order.</summary>
    public IReadOnlyList<string> TokensSeen => [.. _tokens];

    public void Accept(string token) => _accepted[token] = true;

    /// <summary>Pushes are answered 403, as GitHub answers a token without write access to the repository.</summary>
    public bool RefusePushes { get; set; }

    public Uri CloneUrl(string owner, string name) => new(BaseUrl, $"{owner}/{name}.git");

    public string BarePath(string owner, string name) => Path.Combine(Root.FullName, owner, $"{name}.git");

    public static async Task<GitHttpServer> StartAsync()
    {
        if (!File.Exists(Backend))
        {
            throw new InvalidOperationException($"{Backend} is missing: install git (apt-get install git)");
        }

        GitHttpServer? server = null;
        var (app, root) = await LoopbackKestrel.StartAsync(app => app.Map("/git/{**path}", (HttpContext http, string path) => server!.ServeAsync(http, path)));
        server = new GitHttpServer(app, Directory.CreateTempSubdirectory("wand-git-")) { BaseUrl = new Uri(root, "git/") };
        return server;
    }

    private async Task ServeAsync(HttpContext http, string path)
    {
        var token = BasicToken(http.Request.Headers.Authorization.FirstOrDefault());
        if (token is null || !_accepted.ContainsKey(token))
        {
            http.Response.StatusCode = 401;
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        _tokens.Enqueue(token);
        if (RefusePushes && (path.EndsWith("/git-receive-pack", StringComparison.Ordinal) || http.Request.Query["service"] == "git-receive-pack"))
        {
            http.Response.StatusCode = 403;
            await http.Response.WriteAsync("Permission to push denied.\n");
            return;
        }

        var start = new ProcessStartInfo(Backend)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = Root.FullName;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["PATH_INFO"] = "/" + path;
        start.Environment["QUERY_STRING"] = http.Request.QueryString.Value?.TrimStart('?') ?? "";
        start.Environment["REQUEST_METHOD"] = http.Request.Method;
        start.Environment["CONTENT_TYPE"] = http.Request.ContentType ?? "";
        start.Environment["REMOTE_USER"] = "x-access-token";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (http.Request.Headers["Git-Protocol"].FirstOrDefault() is { } protocol)
        {
            start.Environment["GIT_PROTOCOL"] = protocol;
        }

        if (http.Request.Headers.ContentEncoding.FirstOrDefault() is { } encoding)
        {
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        await http.Request.Body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        await reading;
        await process.WaitForExitAsync();
        await stderr;

        // CGI: headers, a blank line, the body.
        var bytes = output.ToArray();
        var split = IndexOf(bytes, "\r\n\r\n"u8, out var separator);
        var headers = Encoding.ASCII.GetString(bytes, 0, split).Split(separator == 4 ? "\r\n" : "\n");
        foreach (var header in headers.Where(h => h.Contains(':', StringComparison.Ordinal)))
        {
            var name = header[..header.IndexOf(':', StringComparison.Ordinal)].Trim();
            var value = header[(header.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                http.Response.Headers[name] = value;
            }
        }

        await http.Response.Body.WriteAsync(bytes.AsMemory(split + separator));
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> crlf, out int separator)
    {
        var at = bytes.AsSpan().IndexOf(crlf);
        if (at >= 0)
        {
            separator = 4;
            return at;
        }

        separator = 2;
        at = bytes.AsSpan().IndexOf("\n\n"u8);
        return at >= 0 ? at : throw new InvalidOperationException($"git-http-backend wrote no CGI headers: {Encoding.UTF8.GetString(bytes)}");
    }

    private static string? BasicToken(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        return pair.StartsWith("x-access-token:", StringComparison.Ordinal) ? pair["x-access-token:".Length..] : null;
    }

    public async ValueTask DisposeAsync()
    {
        await LoopbackKestrel.StopAsync(_app);
        Root.Delete(recursive: true);
    }
}
