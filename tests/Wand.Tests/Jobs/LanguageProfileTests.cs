using Wand.Sandbox;

namespace Wand.Jobs;

public sealed class LanguageProfileTests
{
    [Theory]
    [InlineData("python", "a.py", "test_a.py")]
    [InlineData("javascript", "a.js", "a.test.mjs")]
    [InlineData("javascript", "package.json", "src/index.ts", "src/index.spec.ts", "src/types.d.ts")]
    [InlineData("javascript", "src/App.tsx", "src/App.test.jsx")]
    [InlineData("csharp", "A.cs", "Tests.csproj")]
    [InlineData("java", "src/A.java", "src/ATest.java")]
    [InlineData("cpp", "a.cpp", "a.h")]
    [InlineData("go", "go.mod", "a.go")]
    [InlineData("rust", "Cargo.toml", "src/lib.rs")]
    public void Detect_FromFiles(string expected, params string[] paths) =>
        Assert.Equal(expected, LanguageProfile.Detect(paths)?.Name);

    [Fact]
    public void Detect_ABuildFileWinsOverCounts() =>
        Assert.Equal("rust", LanguageProfile.Detect(["Cargo.toml", "src/lib.rs", "gen.py", "tool.py"])?.Name);

    [Fact]
    public void Detect_AMavenOrGradleBuildAtTheTop_IsJava()
    {
        Assert.Equal("java", LanguageProfile.Detect(["pom.xml", "src/main/java/A.java", "tools/a.py", "tools/b.py"])?.Name);
        Assert.Equal("java", LanguageProfile.Detect(["build.gradle.kts", "src/main/java/A.java", "tools/a.py", "tools/b.py"])?.Name);
    }

    [Fact]
    public void Detect_AGradleBuildDeeperDown_DoesNotDecide() =>
        Assert.Equal("javascript", LanguageProfile.Detect(["package.json", "index.js", "app.js", "android/build.gradle", "android/Main.java"])?.Name);

    [Fact]
    public void Detect_NothingKnown_IsNull() => Assert.Null(LanguageProfile.Detect(["README.md"]));

    [Theory]
    [InlineData("js", "javascript")]
    [InlineData("NODE", "javascript")]
    [InlineData("c#", "csharp")]
    [InlineData("c++", "cpp")]
    [InlineData("golang", "go")]
    [InlineData("typescript", "javascript")]
    public void Find_KnowsAliases(string alias, string expected) => Assert.Equal(expected, LanguageProfile.Find(alias)?.Name);

    [Fact]
    public void EveryProfile_HasAnImageFolder() =>
        Assert.All(LanguageProfile.All, p => Assert.Contains(p.Image, SandboxImageCatalog.Languages));
}
