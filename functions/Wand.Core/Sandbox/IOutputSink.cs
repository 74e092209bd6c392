namespace Wand.Sandbox;

/// <summary>Where an exec's stdout or stderr bytes go as they arrive.</summary>
internal interface IOutputSink
{
    /// <summary>Bytes that count against the run's output limit.</summary>
    long CountedBytes { get; }

    void Append(byte[] buffer, int count);
}
