using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;

namespace Wand.Sandbox;

/// <summary>
/// How a <c>tcp://</c> Docker host that requires TLS is reached: this client's certificate,
/// and the CA the host's certificate must chain to. A remote daemon runs every candidate it
/// is sent, so it only listens to clients holding a certificate of its CA, and we only talk
/// to a daemon holding one of ours: the machine's trust store plays no part either way.
/// </summary>
public sealed class DockerTls : IDisposable
{
    public const string CaFileName = "ca.pem";
    public const string CertificateFileName = "cert.pem";
    public const string KeyFileName = "key.pem";

    public DockerTls(X509Certificate2 clientCertificate, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(clientCertificate);
        ArgumentNullException.ThrowIfNull(authorities);
        if (authorities.Count == 0)
        {
            throw new ArgumentException("At least one CA certificate is needed to verify the Docker host.", nameof(authorities));
        }

        ClientCertificate = clientCertificate;
        Authorities = authorities;
    }

    /// <summary>This client's certificate, with its private key.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>The only roots a Docker host's certificate may chain to.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>
    /// The TLS settings of <paramref name="options"/> for <paramref name="endpoint"/>: null when the
    /// endpoint is not TCP (TLS settings are then ignored, as the docker CLI ignores them) or when
    /// no TLS setting is given. Throws <see cref="DockerTlsException"/> naming the setting at fault.
    /// </summary>
    public static DockerTls? FromOptions(SandboxOptions options, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        var anySetting = options.TlsVerify || IsSet(options.TlsCertPath) || IsSet(options.TlsCaCertificate)
            || IsSet(options.TlsClientCertificate) || IsSet(options.TlsClientKey);
        if (endpoint.Scheme is not ("tcp" or "https") || !anySetting)
        {
            return null;
        }

        // The docker CLI's default folder, used only for what no other setting supplies.
        var folder = IsSet(options.TlsCertPath)
            ? options.TlsCertPath!
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var caPem = ReadPem(options.TlsCaCertificate, "TlsCaCertificate", folder, CaFileName);
        var certificatePem = ReadPem(options.TlsClientCertificate, "TlsClientCertificate", folder, CertificateFileName);
        var keyPem = ReadPem(options.TlsClientKey, "TlsClientKey", folder, KeyFileName);
        return new DockerTls(LoadClientCertificate(certificatePem, keyPem), LoadAuthorities(caPem));
    }

    /// <summary>Credentials for Docker.DotNet: present our certificate, accept only a host of our CA.</summary>
    public IAuthProvider CreateCredentials() =>
        new CertificateCredentials(ClientCertificate) { ServerCertificateValidationCallback = ValidateServerCertificate };

    /// <summary>
    /// Accepts a host certificate only when it names the host we dialled and chains to one of
    /// <see cref="Authorities"/>. The platform's own chain verdict is replaced, not trusted: it
    /// judges against the machine's roots, which have no say over a private Docker pool.
    /// </summary>
    public bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var ours = new X509Chain();
        ours.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        ours.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        // A private CA publishes no revocation list; a compromised host certificate is handled by replacing the CA.
        ours.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // Intermediates the host sent along.
            foreach (var element in chain.ChainElements)
            {
                ours.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return ours.Build(leaf);
    }

    public void Dispose()
    {
        ClientCertificate.Dispose();
        foreach (var authority in Authorities)
        {
            authority.Dispose();
        }
    }

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>A setting holds PEM text or a path; without it, the folder's conventional file.</summary>
    private static string ReadPem(string? setting, string settingName, string folder, string fileName)
    {
        if (IsSet(setting) && setting!.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return setting;
        }

        var path = IsSet(setting) ? setting! : Path.Combine(folder, fileName);
        var source = IsSet(setting)
            ? $"{SandboxOptions.SectionName}:{settingName}"
            : $"{SandboxOptions.SectionName}:TlsCertPath (or DOCKER_CERT_PATH), where {fileName} is looked for,";
        if (!File.Exists(path))
        {
            throw new DockerTlsException(
                $"{source} names {path}, which does not exist: the Docker host's TLS needs ca.pem, cert.pem and key.pem (set {SandboxOptions.SectionName}:TlsCertPath, or {SandboxOptions.SectionName}:{settingName} to PEM text or a file)");
        }

        return File.ReadAllText(path);
    }

    private static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem)
    {
        X509Certificate2 pair;
        try
        {
            pair = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new DockerTlsException(
                $"{SandboxOptions.SectionName}:TlsClientCertificate and TlsClientKey (cert.pem, key.pem) are not a PEM certificate and its private key: {ex.Message}", ex);
        }

        using (pair)
        {
            if (pair.NotAfter < DateTime.Now)
            {
                throw new DockerTlsException(
                    $"{SandboxOptions.SectionName}:TlsClientCertificate (cert.pem) expired on {pair.NotAfter:u}: make a new client certificate");
            }

            // A key made from PEM is ephemeral; TLS on Windows needs it in a store-backed form.
            return X509CertificateLoader.LoadPkcs12(pair.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static X509Certificate2Collection LoadAuthorities(string caPem)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(caPem);
        }
        catch (CryptographicException ex)
        {
            throw new DockerTlsException($"{SandboxOptions.SectionName}:TlsCaCertificate (ca.pem) is not PEM certificates: {ex.Message}", ex);
        }

        return authorities.Count > 0
            ? authorities
            : throw new DockerTlsException($"{SandboxOptions.SectionName}:TlsCaCertificate (ca.pem) holds no certificate");
    }
}
