using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wand;

/// <summary>
/// A throwaway certificate authority for tests of TLS to a Docker host, with the host and
/// client certificates dockerd's <c>--tlsverify</c> expects (ECDSA P-256, serverAuth with the
/// host's addresses, clientAuth). One file, linked into every test project.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private TestPki(X509Certificate2 authority) => Authority = authority;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Authority { get; }

    public static TestPki Create(string name = "Wand test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestPki(request.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(2)));
    }

    /// <summary>A Docker host's certificate, valid for the given IP addresses and DNS names.</summary>
    public X509Certificate2 IssueServer(params string[] addresses)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var address in addresses)
        {
            if (IPAddress.TryParse(address, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(address);
            }
        }

        return Issue("CN=wand docker host", "1.3.6.1.5.5.7.3.1", names.Build());
    }

    /// <summary>A client certificate such as the app presents to the Docker host.</summary>
    public X509Certificate2 IssueClient() => Issue("CN=wand client", "1.3.6.1.5.5.7.3.2", null);

    /// <summary>Writes <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> into <paramref name="folder"/>, as the docker CLI reads them.</summary>
    public void WriteFolder(string folder, X509Certificate2 certificate)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ca.pem"), Authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), KeyPem(certificate));
    }

    public static string KeyPem(X509Certificate2 certificate) =>
        (certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the certificate has no ECDSA private key")).ExportPkcs8PrivateKeyPem();

    public void Dispose() => Authority.Dispose();

    private X509Certificate2 Issue(string subject, string usageOid, X509Extension? alternativeNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        if (alternativeNames is not null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(Authority, now.AddMinutes(-5), now.AddDays(1), serial);
        return certificate.CopyWithPrivateKey(key);
    }
}
