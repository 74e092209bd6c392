using System.Net.Security;
using System.Security.Authentication;
using Docker.DotNet.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// The app reaches a sandbox host of the Azure pool as it would in production: over TLS, with
/// a client certificate, to a daemon that admits nobody else. The host is a second dockerd
/// started by <see cref="TlsDockerDaemon"/> on 127.0.0.1.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RemoteDockerTlsTests(DockerFixture docker, TlsDockerDaemon host) : IClassFixture<TlsDockerDaemon>
{
    private const string Language = "python";

    [Fact]
    public async Task RunAsync_OverTlsWithAClientCertificate_RunsTheJobOnTheRemoteHost()
    {
        var image = await LoadSandboxImageAsync();
        await using var services = HostServices(host.Endpoint.OriginalString, host.ClientCertPath);
        var connection = services.GetRequiredService<DockerConnection>();

        var result = await services.GetRequiredService<SandboxRunner>().RunAsync(JobFolder.Load(RepositoryPaths.Samples(Language)), CancellationToken.None);

        // The loaded image is the one the runner asks for: same id, current content hash.
        Assert.Equal(SandboxImageCatalog.ExpectedHash(Language), image.Config?.Labels?[SandboxImageCatalog.ContentHashLabel]);
        Assert.NotNull(connection.Tls);
        Assert.Equal(ExitReason.Completed, result.Reason);
        Assert.Equal(4, result.Tests.Count);
        Assert.Equal("test_stats.test_median_even_count", Assert.Single(result.Tests, t => t.Outcome == TestOutcome.Failed).Name);
        Assert.Equal(0, await DockerFixture.CountUsedSandboxContainersAsync(services));
    }

    [Fact]
    public async Task Daemon_ClientWithoutACertificate_IsRefused()
    {
        using var tls = DockerTls.FromOptions(new SandboxOptions { TlsCertPath = host.ClientCertPath }, host.Endpoint)!;
        var version = new Uri($"https://127.0.0.1:{host.Endpoint.Port}/version");

        // Same trust in the host either way, so only the missing certificate can make the difference.
        using var withCertificate = Client(tls, presentCertificate: true);
        using var withoutCertificate = Client(tls, presentCertificate: false);

        Assert.Contains("ApiVersion", await withCertificate.GetStringAsync(version), StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => withoutCertificate.GetStringAsync(version));
    }

    [Fact]
    public async Task Connection_HostCertificateOfAnotherCa_IsNotTrusted()
    {
        var impostorFolder = Path.Combine(Path.GetTempPath(), $"wand-impostor-{Guid.NewGuid():N}");
        using var impostor = TestPki.Create("not our CA");
        using (var client = host.Pki.IssueClient())
        {
            host.Pki.WriteFolder(impostorFolder, client);
        }

        // Our certificate, but trusting another CA: the real host must then look like an impostor.
        await File.WriteAllTextAsync(Path.Combine(impostorFolder, "ca.pem"), impostor.Authority.ExportCertificatePem());
        try
        {
            await using var services = HostServices(host.Endpoint.OriginalString, impostorFolder);
            var connection = services.GetRequiredService<DockerConnection>();

            var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.Client.System.PingAsync());

            Assert.Contains(Causes(error), e => e is AuthenticationException);
        }
        finally
        {
            Directory.Delete(impostorFolder, recursive: true);
        }
    }

    /// <summary>
    /// Copies the main daemon's sandbox image into the TLS host (docker save | docker load), as
    /// the pool's hosts hold images built from the same folders.
    /// </summary>
    private async Task<ImageInspectResponse> LoadSandboxImageAsync()
    {
        var name = new SandboxImageCatalog().ImageName(Language);
        using var remote = host.Connect(TimeSpan.FromMinutes(5));
        var expected = await docker.Connection.Client.Images.InspectImageAsync(name);
        try
        {
            var present = await remote.Client.Images.InspectImageAsync(name);
            if (present.ID == expected.ID)
            {
                return present;
            }
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            // Not loaded yet: load it below.
        }

        using var main = new DockerConnection(Microsoft.Extensions.Options.Options.Create(new SandboxOptions
        {
            DockerHost = docker.Connection.Endpoint.OriginalString,
            DockerApiTimeout = TimeSpan.FromMinutes(5),
        }));
        await using (var saved = await main.Client.Images.SaveImageAsync(name))
        {
            await remote.Client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, saved, new Progress<JSONMessage>());
        }

        var loaded = await remote.Client.Images.InspectImageAsync(name);
        Assert.Equal(expected.ID, loaded.ID);
        return loaded;
    }

    private static ServiceProvider HostServices(string dockerHost, string certPath)
    {
        // As the Functions app is configured on Azure: the pool's endpoint and the TLS material.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wand:Sandbox:DockerHost"] = dockerHost,
            ["Wand:Sandbox:TlsCertPath"] = certPath,
            ["Wand:Sandbox:WarmContainersPerImage"] = "0",
        }).Build();
        return new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }

    private static IEnumerable<Exception> Causes(Exception error) => error is AggregateException many
        ? many.InnerExceptions.SelectMany(Causes).Prepend(error)
        : error.InnerException is { } inner ? Causes(inner).Prepend(error) : [error];

    private static HttpClient Client(DockerTls tls, bool presentCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = tls.ValidateServerCertificate },
        };
        if (presentCertificate)
        {
            handler.SslOptions.ClientCertificates = [tls.ClientCertificate];
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    [Fact]
    public async Task TheSecondDaemon_LeavesTheMainDaemonsNetworkAlone()
    {
        // The main daemon's default bridge still carries a networked container (an environment's
        // setup needs one) while the second daemon runs.
        var id = await docker.Services.GetRequiredService<SandboxContainers>().CreateBuilderAsync(
            new SandboxImageCatalog().ImageName("python"), hasEntrypoint: false, TimeSpan.FromMinutes(2), CancellationToken.None);
        try
        {
            var inspected = await docker.Connection.Client.Containers.InspectContainerAsync(id);
            Assert.True(inspected.State!.Running);
            Assert.NotEmpty(inspected.NetworkSettings!.Networks!["bridge"].IPAddress);
        }
        finally
        {
            await docker.Services.GetRequiredService<SandboxContainers>().RemoveAsync(id);
        }

        Assert.NotNull(host.Endpoint);
    }
}
