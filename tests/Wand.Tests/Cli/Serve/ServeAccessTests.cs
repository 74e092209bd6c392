using System.Net;
using Microsoft.AspNetCore.Http;
using Wand.Plumbing;

namespace Wand.Cli.Serve;

/// <summary>
/// Whom `wand serve` answers, decided per request: with no API key, this machine only (its peer
/// and its Host), except signed webhook deliveries; with a key, whoever has it.
/// </summary>
public sealed class ServeAccessTests
{
    private const string Key = "s3cret";

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:7071")]
    [InlineData("LOCALHOST:7071")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:7071")]
    [InlineData("127.42.0.1:7071")]
    [InlineData("[::1]")]
    [InlineData("[::1]:7071")]
    public void IsLoopbackHost_ThisMachine_IsTrue(string host)
    {
        Assert.True(ServeAccess.IsLoopbackHost(new HostString(host)));
    }

    [Theory]
    [InlineData("evil.example:7071")]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example:7071")]
    [InlineData("127.0.0.1.nip.io:7071")]
    [InlineData("wand.localhost:7071")]
    [InlineData("10.0.0.5:7071")]
    [InlineData("0.0.0.0:7071")]
    [InlineData("[::]:7071")]
    [InlineData("[fe80::1]:7071")]
    [InlineData("")]
    public void IsLoopbackHost_AnyOtherName_IsFalse(string host)
    {
        Assert.False(ServeAccess.IsLoopbackHost(new HostString(host)));
    }

    [Fact]
    public void Refusal_NoKey_ADnsRebindingHost_Is421NamingTheHost()
    {
        var refusal = ServeAccess.Refusal(Request("evil.example:7071", IPAddress.Loopback, RouteAccess.Key), apiKey: null);

        Assert.Equal(421, refusal?.Status);
        Assert.Contains("'evil.example:7071'", Detail(refusal), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_NoKey_AnUnknownRouteUnderAForeignHost_Is421Too()
    {
        Assert.Equal(421, ServeAccess.Refusal(Request("evil.example", IPAddress.Loopback, access: null), apiKey: null)?.Status);
    }

    [Fact]
    public void Refusal_NoKey_APeerOnAnotherMachine_Is403EvenWithALoopbackHost()
    {
        var refusal = ServeAccess.Refusal(Request("127.0.0.1:7071", IPAddress.Parse("192.0.2.7"), RouteAccess.Anonymous), apiKey: null);

        Assert.Equal(403, refusal?.Status);
        Assert.Contains("192.0.2.7", Detail(refusal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:7071", "127.0.0.1")]
    [InlineData("localhost:7071", "::1")]
    [InlineData("[::1]:7071", "::ffff:127.0.0.1")]
    public void Refusal_NoKey_ThisMachine_IsNone(string host, string peer)
    {
        Assert.Null(ServeAccess.Refusal(Request(host, IPAddress.Parse(peer), RouteAccess.Key), apiKey: null));
    }

    [Fact]
    public void Refusal_NoKey_ASignedRouteFromATunnel_IsNone()
    {
        Assert.Null(ServeAccess.Refusal(Request("wand-dev.trycloudflare.com", IPAddress.Parse("192.0.2.7"), RouteAccess.Signature), apiKey: null));
    }

    [Fact]
    public void Refusal_WithKey_KeyRouteWithoutIt_Is401()
    {
        Assert.Equal(401, ServeAccess.Refusal(Request("wand.internal:7071", IPAddress.Parse("192.0.2.7"), RouteAccess.Key), Key)?.Status);
    }

    [Fact]
    public void Refusal_WithKey_KeyRouteWithItUnderAnyHost_IsNone()
    {
        var context = Request("wand.internal:7071", IPAddress.Parse("192.0.2.7"), RouteAccess.Key);
        context.Request.Headers[ServeAccess.KeyHeader] = Key;

        Assert.Null(ServeAccess.Refusal(context, Key));
    }

    [Fact]
    public void Refusal_WithKey_KeyInTheQuery_IsNone()
    {
        var context = Request("localhost", IPAddress.Loopback, RouteAccess.Key);
        context.Request.QueryString = new QueryString($"?code={Key}");

        Assert.Null(ServeAccess.Refusal(context, Key));
    }

    [Fact]
    public void Refusal_WithKey_AnonymousRoute_IsNone()
    {
        Assert.Null(ServeAccess.Refusal(Request("wand.internal", IPAddress.Parse("192.0.2.7"), RouteAccess.Anonymous), Key));
    }

    private static DefaultHttpContext Request(string host, IPAddress peer, RouteAccess? access)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);
        context.Connection.RemoteIpAddress = peer;
        if (access is not null)
        {
            context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(access), "test route"));
        }

        return context;
    }

    private static string Detail(ApiAnswer? answer) => Assert.IsType<ProblemBody>(answer?.Body).Detail;
}
