using System.Text;
using Wand.Jobs;

namespace Wand.Sandbox;

public sealed class EnvironmentKeyTests
{
    private static readonly JobFile Manifest = new("package.json", Encoding.UTF8.GetBytes("""{"devDependencies":{"mocha":"^10"}}"""));
    private static readonly JobFile Lockfile = new("package-lock.json", Encoding.UTF8.GetBytes("""{"lockfileVersion":3}"""));

    private static string Key(string baseId = "sha256:base", string script = "setup.sh", string[]? commands = null, JobFile[]? files = null) =>
        EnvironmentKey.Of(baseId, script, commands ?? ["npm ci"], files ?? [Manifest, Lockfile]);

    [Fact]
    public void SameInputs_SameKey_InAnyFileOrder() =>
        Assert.Equal(Key(), Key(files: [Lockfile, Manifest]));

    [Fact]
    public void EveryInput_ChangesTheKey()
    {
        var keys = new[]
        {
            Key(),
            Key(baseId: "sha256:other"),
            Key(script: "setup.sh v2"),
            Key(commands: ["npm install"]),
            Key(commands: ["npm ci", "npm run build"]),
            Key(files: [Manifest]),
            Key(files: [Manifest, Lockfile with { Content = Encoding.UTF8.GetBytes("""{"lockfileVersion":2}""") }]),
            Key(files: [Manifest, Lockfile with { Path = "web/package-lock.json" }]),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{64}$", k));
    }

    [Fact]
    public void CommandsSplitDifferently_AreDifferentKeys() =>
        Assert.NotEqual(Key(commands: ["npm ci", "npm test"]), Key(commands: ["npm ci npm", "test"]));
}
