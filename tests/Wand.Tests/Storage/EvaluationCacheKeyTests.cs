using System.Text;
using Wand.Jobs;

namespace Wand.Storage;

/// <summary>What makes two runs the same run, for the evaluation cache.</summary>
public sealed class EvaluationCacheKeyTests
{
    private static readonly Job Job = Job.Create([new JobFile("a.js", Encoding.UTF8.GetBytes("module.exports = 1;\n"))], LanguageProfile.JavaScript);

    [Fact]
    public void TheSameFilesInAnotherEnvironmentOrWithOtherLimits_AreAnotherRun()
    {
        var keys = new[]
        {
            EvaluationCache.Key(Job, "image"),
            EvaluationCache.Key(Job with { Environment = new JobEnvironment(null, ["npm ci"]) }, "image"),
            EvaluationCache.Key(Job with { Environment = new JobEnvironment(null, ["npm install"]) }, "image"),
            EvaluationCache.Key(Job with { Environment = new JobEnvironment("ci/Dockerfile", ["npm ci"]) }, "image"),
            EvaluationCache.Key(Job with { Environment = new JobEnvironment(null, ["npm ci"], ["package.json"]) }, "image"),
            EvaluationCache.Key(Job with { Resources = new JobResources(2048, null) }, "image"),
            EvaluationCache.Key(Job, "another image"),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(keys[1], EvaluationCache.Key(Job with { Environment = new JobEnvironment(null, ["npm ci"]) }, "image"));
    }
}
