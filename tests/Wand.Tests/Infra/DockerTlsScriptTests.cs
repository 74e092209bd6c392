using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Wand.Sandbox;

namespace Wand.Infra;

/// <summary>
/// The certificates azd's postprovision hook (infra/scripts/docker-tls.sh) makes for the
/// sandbox pool are ones the app loads and a host serves: a mutual TLS handshake on loopback.
/// </summary>
public sealed class DockerTlsScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wand-docker-tls-").FullName;

    [Fact]
    public async Task OutMode_Certificates_LetTheAppAndAHostAuthenticateEachOther()
    {
        await MakeCertificatesAsync("127.0.0.1");
        using var app = DockerTls.FromOptions(new SandboxOptions { TlsCertPath = _folder }, new Uri("tcp://127.0.0.1:2376"))!;
        using var host = LoadServerCertificate();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var served = ServeOnceAsync(listener, host, app.Authorities[0]);
        using var connection = new TcpClient();
        await connection.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        await using var stream = new SslStream(connection.GetStream());
        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = [app.ClientCertificate],
            RemoteCertificateValidationCallback = app.ValidateServerCertificate,
        });

        Assert.True(stream.IsMutuallyAuthenticated);
        Assert.Equal("CN=wand functions app", await served);
    }

    [Fact]
    public async Task OutMode_HostCertificate_IsForThePoolAddressAndServerAuthOnly()
    {
        await MakeCertificatesAsync("10.40.2.100");
        using var host = LoadServerCertificate();

        var names = Assert.Single(host.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal([IPAddress.Parse("10.40.2.100")], names.EnumerateIPAddresses());
        var usage = Assert.Single(host.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        // The CA's key is thrown away: nobody can issue more certificates of this CA.
        Assert.False(File.Exists(Path.Combine(_folder, "ca-key.pem")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<string?> ServeOnceAsync(TcpListener listener, X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var stream = new SslStream(client.GetStream());
        await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = true,
            // What dockerd --tlsverify does: a client certificate of our CA, or no connection.
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
            {
                if (presented is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
                return chain.Build(leaf);
            },
        });
        return stream.RemoteCertificate?.Subject;
    }

    private X509Certificate2 LoadServerCertificate()
    {
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(_folder, "server-cert.pem"), Path.Combine(_folder, "server-key.pem"));
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private async Task MakeCertificatesAsync(string address)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(RepositoryRoot.Path, "infra", "scripts", "docker-tls.sh"), "--out", _folder, address })
        {
            start.ArgumentList.Add(argument);
        }

        using var script = Process.Start(start)!;
        var errors = script.StandardError.ReadToEndAsync();
        await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();
        Assert.True(script.ExitCode == 0, $"docker-tls.sh --out failed ({script.ExitCode}; it needs bash and openssl):\n{await errors}");
    }
}
