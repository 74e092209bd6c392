using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// Loads the Docker host's TLS files at start-up, so a missing or mismatched certificate stops
/// the host with the setting's name rather than failing the first sandbox run.
/// </summary>
public sealed class DockerTlsValidation : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Uri endpoint;
        try
        {
            endpoint = DockerConnection.ParseEndpoint(options.DockerHost ?? SandboxOptions.DefaultDockerHost);
        }
        catch (ArgumentException)
        {
            // The endpoint's own validation reports that.
            return ValidateOptionsResult.Skip;
        }

        try
        {
            using var tls = DockerTls.FromOptions(options, endpoint);
            return ValidateOptionsResult.Success;
        }
        catch (DockerTlsException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
