using Microsoft.Extensions.Options;

namespace Wand.GitHub;

/// <summary>Stops a host at start-up with every problem of <c>Wand:GitHub</c> named, rather than at the first delivery.</summary>
public sealed class GitHubOptionsValidation : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
