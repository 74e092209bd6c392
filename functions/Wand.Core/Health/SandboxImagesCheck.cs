using Docker.DotNet;
using Microsoft.Extensions.Options;
using Wand.Sandbox;

namespace Wand.Health;

/// <summary>One line per sandbox image: present, and built from the current folder?</summary>
public sealed class SandboxImagesCheck(DockerConnection docker, IOptions<SandboxOptions> options) : IHealthCheck
{
    private const string BuildFix = "run sandbox-images/build.sh (or eng/setup.sh) to build it";

    public string Name => "images";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var catalog = new SandboxImageCatalog(options.Value.ImagePrefix);
        var results = new List<CheckResult>();
        try
        {
            foreach (var language in SandboxImageCatalog.Languages)
            {
                results.Add(await CheckOneAsync(catalog, language, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No daemon: one line says so, not seven.
            return [new CheckResult(Name, CheckStatus.Failed, $"cannot ask Docker about images: {DockerErrors.Describe(ex)}", "fix the docker check first")];
        }

        return results;
    }

    private async Task<CheckResult> CheckOneAsync(SandboxImageCatalog catalog, string language, CancellationToken cancellationToken)
    {
        var name = $"image {language}";
        var image = catalog.ImageName(language);
        try
        {
            var inspect = await docker.Client.Images.InspectImageAsync(image, cancellationToken);
            var expected = SandboxImageCatalog.ExpectedHash(language);
            var labels = inspect.Config?.Labels;
            var actual = labels is not null && labels.TryGetValue(SandboxImageCatalog.ContentHashLabel, out var h) ? h : null;
            var size = $"{inspect.Size / 1_000_000.0:F0} MB";
            return actual == expected
                ? new CheckResult(name, CheckStatus.Ok, $"{image} is up to date ({size})")
                : new CheckResult(name, CheckStatus.Failed, $"{image} is out of date: sandbox-images/{language} changed since it was built", BuildFix);
        }
        catch (DockerImageNotFoundException)
        {
            return new CheckResult(name, CheckStatus.Failed, $"{image} is missing", BuildFix);
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new CheckResult(name, CheckStatus.Failed, $"{image} is missing", BuildFix);
        }
    }
}
