namespace Wand.Sandbox;

/// <summary>The TLS settings of a Docker host are unusable; the message names the setting to fix.</summary>
public sealed class DockerTlsException : Exception
{
    public DockerTlsException(string message)
        : base(message)
    {
    }

    public DockerTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DockerTlsException()
    {
    }
}
