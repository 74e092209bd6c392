using Microsoft.Extensions.DependencyInjection;
using Wand.Sandbox;

namespace Wand.Cli;

/// <summary>
/// A command's progress line while a job's environment is made (its setup can take minutes; a
/// reused environment says nothing). Shown from the moment it is created until it is disposed.
/// </summary>
internal sealed class EnvironmentProgress : IDisposable
{
    private readonly EnvironmentImages _images;

    private readonly Action<string> _show;

    public EnvironmentProgress(IServiceProvider services, TextWriter progress, string indent)
    {
        _images = services.GetRequiredService<EnvironmentImages>();
        _show = what => progress.WriteLine($"{indent}making the job's environment, once (later runs reuse it): {what}");
        _images.Making += _show;
    }

    public void Dispose() => _images.Making -= _show;
}
