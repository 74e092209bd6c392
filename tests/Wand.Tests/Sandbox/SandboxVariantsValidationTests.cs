using System.Text;
using Wand.Jobs;

namespace Wand.Sandbox;

public sealed class SandboxVariantsValidationTests
{
    private static readonly Job Job = Job.Create([new JobFile("pkg/a.py", Encoding.UTF8.GetBytes("x = 1\n"))], LanguageProfile.Python);

    [Fact]
    public void Validate_MoreVariantsThanTheLimit_NamesTheLimit()
    {
        var batch = new SandboxVariants(Job, Enumerable.Repeat(new SandboxVariant([]), SandboxVariants.MaxVariants + 1).ToList(), TimeSpan.FromSeconds(5));

        var error = Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(batch, JobFolderLimits.Default));

        Assert.Equal($"the run has {SandboxVariants.MaxVariants + 1} variants; the limit is {SandboxVariants.MaxVariants}", error.Message);
    }

    [Fact]
    public void Validate_VariantFileWhereTheJobHasAFolder_NamesTheVariant()
    {
        var batch = new SandboxVariants(Job, [new SandboxVariant([]), new SandboxVariant([new JobFile("pkg", [1])])], TimeSpan.FromSeconds(5));

        var error = Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(batch, JobFolderLimits.Default));

        Assert.Equal("variant 1: file 'pkg' is also a folder of the job", error.Message);
    }

    [Fact]
    public void Validate_VariantOverTheJobSizeLimit_NamesTheVariant()
    {
        var limits = new JobFolderLimits(MaxTotalBytes: 100);
        var batch = new SandboxVariants(Job, [new SandboxVariant([new JobFile("b.py", new byte[99])])], TimeSpan.FromSeconds(5));

        var error = Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(batch, limits));

        Assert.Equal("variant 0's files hold 105 bytes; the limit is 100", error.Message);
    }

    [Fact]
    public void Validate_VariantFileUnderAFileOfTheJob_NamesTheVariant()
    {
        var batch = new SandboxVariants(Job, [new SandboxVariant([new JobFile("pkg/a.py/b.py", [1])])], TimeSpan.FromSeconds(5));

        var error = Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(batch, JobFolderLimits.Default));

        Assert.Equal("variant 0: 'pkg/a.py' is both a file and a folder", error.Message);
    }

    [Fact]
    public void Validate_AJobOfTwentyThousandFiles_IsWithinTheLimits()
    {
        var job = Job.Create([.. Enumerable.Range(0, 20_000).Select(i => new JobFile($"pkg/m{i}.py", [1]))], LanguageProfile.Python);
        var batch = new SandboxVariants(job, [.. Enumerable.Range(0, 100).Select(i => new SandboxVariant([new JobFile($"pkg/m{i}.py", [2])]))], TimeSpan.FromSeconds(5));

        SandboxVariantsValidation.Validate(batch, JobFolderLimits.Default);
        Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(batch with { Variants = [new SandboxVariant([new JobFile("new.py", [1])])] }, JobFolderLimits.Default));
    }
    [Theory]
    [InlineData("tests/test_b.py", "variant 0: selected test 'tests/test_b.py' is not a file of the job")]
    [InlineData("pkg/a.py\nrm -rf /", "variant 0: selected test 'pkg/a.py\nrm -rf /' is not a file of the job")]
    [InlineData("../pkg/a.py", "variant 0: selected test '../pkg/a.py' is not a file of the job")]
    public void Validate_SelectedTestThatIsNotAFileOfTheJob_IsRefused(string test, string message)
    {
        var batch = new SandboxVariants(Job, [new SandboxVariant([], [test])], TimeSpan.FromSeconds(5));

        var error = Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(batch, JobFolderLimits.Default));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_SelectedTests_AreNamedFromTheJobsRoot_AndMayBeTheVariantsOwnFiles()
    {
        var job = Job.Create([new JobFile("svc/test_a.py", [1]), new JobFile("other/test_b.py", [1])], LanguageProfile.Python) with { Root = "svc" };

        SandboxVariantsValidation.Validate(new SandboxVariants(job, [new SandboxVariant([new JobFile("svc/test_new.py", [1])], ["test_a.py", "test_new.py"])], TimeSpan.FromSeconds(5)), JobFolderLimits.Default);
        var error = Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(
            new SandboxVariants(job, [new SandboxVariant([], ["other/test_b.py"])], TimeSpan.FromSeconds(5)), JobFolderLimits.Default));
        Assert.Equal("variant 0: selected test 'other/test_b.py' is not a file of the job's root 'svc'", error.Message);
        Assert.Throws<InvalidJobException>(() => SandboxVariantsValidation.Validate(new SandboxVariants(job, [new SandboxVariant([], [])], TimeSpan.FromSeconds(5)), JobFolderLimits.Default));
    }
}
