using System.Text;
using Wand.Jobs;
using Wand.Search;
using Wand.Trust;

namespace Wand.SourceCode;

/// <summary>Rust's tests inside src/: part of an editable file, never a repair's to change.</summary>
public sealed class InlineTestsTests
{
    private static readonly string LibRs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "rust", "src", "lib.rs"));

    [Fact]
    public void Regions_AreTheTestModuleFromItsAttributeToItsClosingBrace()
    {
        var lines = LibRs.Split('\n');

        var region = Assert.Single(InlineTests.Regions(LibRs, SourceDialect.Rust));

        Assert.Equal("#[cfg(test)]", lines[region.First - 1]);
        Assert.Equal("}", lines[region.Last - 1]);
        Assert.Empty(InlineTests.Regions(LibRs, SourceDialect.For(LanguageProfile.Python)));
    }

    [Fact]
    public void TheSearch_NeverEditsTheInlineTests()
    {
        var files = new[] { new JobFile("src/lib.rs", Encoding.UTF8.GetBytes(LibRs)) };
        var region = InlineTests.Regions(LibRs, SourceDialect.Rust)[0];

        var edits = SearchGenerator.RankEdits(files, new HashSet<string>(["src/lib.rs"]), SourceDialect.Rust, LineSuspicion.Uniform);

        Assert.NotEmpty(edits);
        Assert.DoesNotContain(edits, e => e.Edit.Line >= region.First && e.Edit.Line <= region.Last);
        Assert.Contains(edits, e => e.Edit.Line == 4); // (1..n) is the defect's line
    }

    [Fact]
    public void ACandidateThatChangesTheInlineTests_IsNotBelieved_OneThatFixesTheCodeIs()
    {
        var job = Job.Create([new JobFile("src/lib.rs", Encoding.UTF8.GetBytes(LibRs)), new JobFile("Cargo.toml", "[package]\nname = \"f\"\n"u8.ToArray())], LanguageProfile.Rust);
        var passing = new Sandbox.SandboxResult(Sandbox.ExitReason.Completed, 0, [new("tests::five", Sandbox.TestOutcome.Passed, null, TimeSpan.Zero)], [], "", "",
            new Sandbox.SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));
        var weakened = new JobFile("src/lib.rs", Encoding.UTF8.GetBytes(LibRs.Replace("assert_eq!(factorial(5), 120);", "assert_eq!(factorial(5), 24);", StringComparison.Ordinal)));
        var fixedCode = new JobFile("src/lib.rs", Encoding.UTF8.GetBytes(LibRs.Replace("(1..n).product()", "// the range includes n\n    (1..=n).product()", StringComparison.Ordinal)));

        var caught = Assert.Single(TestGamingCheck.OfChange(job, [weakened, job.Files[1]], passing, passing));

        Assert.Equal(GamingReasons.ChangesInlineTests, caught.Reason);
        Assert.Empty(TestGamingCheck.OfChange(job, [fixedCode, job.Files[1]], passing, passing));
    }
}
