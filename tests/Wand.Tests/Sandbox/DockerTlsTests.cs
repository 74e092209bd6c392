using System.Net.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// TLS to a remote Docker host: the settings as the docker CLI names them, checked at start-up,
/// and a host certificate judged against our CA only.
/// </summary>
public sealed class DockerTlsTests : IDisposable
{
    private static readonly Uri TcpHost = new("tcp://127.0.0.1:2376");

    private readonly string _folder = Directory.CreateTempSubdirectory("wand-tls-").FullName;
    private readonly TestPki _pki = TestPki.Create();

    [Fact]
    public void FromOptions_CertFolder_LoadsTheClientCertificateWithItsKeyAndTheCa()
    {
        using var client = _pki.IssueClient();
        _pki.WriteFolder(_folder, client);

        using var tls = DockerTls.FromOptions(new SandboxOptions { TlsCertPath = _folder }, TcpHost);

        Assert.NotNull(tls);
        Assert.True(tls.ClientCertificate.HasPrivateKey);
        Assert.Equal(client.Thumbprint, tls.ClientCertificate.Thumbprint);
        Assert.Equal(_pki.Authority.Thumbprint, Assert.Single(tls.Authorities).Thumbprint);
    }

    [Fact]
    public void FromOptions_PemTextInSettings_NeedsNoFiles()
    {
        // As Key Vault references deliver them on Azure: the secrets' text in app settings.
        using var client = _pki.IssueClient();
        var options = new SandboxOptions
        {
            TlsCaCertificate = _pki.Authority.ExportCertificatePem(),
            TlsClientCertificate = client.ExportCertificatePem(),
            TlsClientKey = TestPki.KeyPem(client),
            TlsCertPath = Path.Combine(_folder, "nothing-here"),
        };

        using var tls = DockerTls.FromOptions(options, TcpHost);

        Assert.Equal(client.Thumbprint, tls!.ClientCertificate.Thumbprint);
    }

    [Fact]
    public void FromOptions_UnixSocket_IgnoresTlsSettingsAsTheDockerCliDoes() =>
        Assert.Null(DockerTls.FromOptions(new SandboxOptions { TlsVerify = true, TlsCertPath = _folder }, new Uri(SandboxOptions.DefaultDockerHost)));

    [Fact]
    public void FromOptions_NoTlsSetting_IsPlainTcp() =>
        Assert.Null(DockerTls.FromOptions(new SandboxOptions(), TcpHost));

    [Fact]
    public void FromOptions_KeyMissingFromTheFolder_NamesTheSettingAndTheFile()
    {
        using var client = _pki.IssueClient();
        _pki.WriteFolder(_folder, client);
        File.Delete(Path.Combine(_folder, "key.pem"));

        var error = Assert.Throws<DockerTlsException>(() => DockerTls.FromOptions(new SandboxOptions { TlsCertPath = _folder }, TcpHost));

        Assert.Contains("Wand:Sandbox:TlsCertPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "key.pem"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_KeyOfAnotherCertificate_SaysTheyAreNotAPair()
    {
        using var client = _pki.IssueClient();
        using var other = _pki.IssueClient();
        _pki.WriteFolder(_folder, client);
        File.WriteAllText(Path.Combine(_folder, "key.pem"), TestPki.KeyPem(other));

        var error = Assert.Throws<DockerTlsException>(() => DockerTls.FromOptions(new SandboxOptions { TlsCertPath = _folder }, TcpHost));

        Assert.Contains("TlsClientKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWandCore_DockerTlsVerifyWithAnEmptyCertPath_StopsAtStartNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = "tcp://10.0.2.4:2376",
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = _folder,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SandboxOptions>>().Value);

        Assert.Contains("DOCKER_CERT_PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("ca.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateServerCertificate_HostCertificateOfOurCa_IsAccepted()
    {
        using var tls = LoadTls();
        using var host = _pki.IssueServer("127.0.0.1");

        // The platform does not trust our CA, so it reports a chain error; our CA decides.
        Assert.True(tls.ValidateServerCertificate(this, host, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void ValidateServerCertificate_HostCertificateOfAnotherCa_IsRefused()
    {
        using var tls = LoadTls();
        using var stranger = TestPki.Create("another CA");
        using var host = stranger.IssueServer("127.0.0.1");

        Assert.False(tls.ValidateServerCertificate(this, host, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void ValidateServerCertificate_NameMismatch_IsRefusedEvenFromOurCa()
    {
        using var tls = LoadTls();
        using var host = _pki.IssueServer("10.9.9.9");

        Assert.False(tls.ValidateServerCertificate(this, host, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private DockerTls LoadTls()
    {
        using var client = _pki.IssueClient();
        _pki.WriteFolder(_folder, client);
        return DockerTls.FromOptions(new SandboxOptions { TlsCertPath = _folder }, TcpHost)!;
    }
}
