namespace Wand.Jobs;

public sealed class JobSettingsTests
{
    [Fact]
    public void Parse_EveryKey()
    {
        var settings = JobSettings.Parse("""
            language: python
            test: python3 -m pytest -x
            editable: ["src/**/*.py", "lib.py"]
            timeoutSeconds: 30
            generator: hybrid
            """);

        Assert.Equal("python", settings.Language);
        Assert.Equal("python3 -m pytest -x", settings.Test);
        Assert.Equal(["src/**/*.py", "lib.py"], settings.Editable);
        Assert.Equal(30, settings.TimeoutSeconds);
        Assert.Equal("hybrid", settings.Generator);
    }

    [Fact]
    public void Parse_UnknownGenerator_NamesTheChoices()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse("generator: gpt"));

        Assert.Equal(".wand.yml: 'generator' must be search, llm or hybrid (got 'gpt')", error.Message);
    }

    [Theory]
    [InlineData("push: plausible", true)]
    [InlineData("push: likely-correct", false)]
    [InlineData("language: python", false)]
    public void Parse_Push_SaysWhetherAPullRequestsPlausibleFixIsPushed(string yaml, bool pushPlausible) =>
        Assert.Equal(pushPlausible, JobSettings.Parse(yaml).PushPlausible);

    [Fact]
    public void Parse_UnknownPush_NamesTheChoices()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse("push: always"));

        Assert.Equal(".wand.yml: 'push' must be likely-correct (the default: only fixes Wand is sure of are pushed) or plausible (got 'always')", error.Message);
    }

    [Fact]
    public void Parse_Empty_IsNoSettings() => Assert.Equal(JobSettings.None, JobSettings.Parse(""));

    [Fact]
    public void Parse_UnknownKeys_NamesEveryOne()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse("langauge: python\ntimeout: 3\ntest: x"));

        Assert.Contains("unknown keys 'langauge', 'timeout'", error.Message, StringComparison.Ordinal);
        Assert.Contains("known keys: language, test, editable, timeoutSeconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeoutSeconds: 0")]
    [InlineData("timeoutSeconds: ten")]
    [InlineData("timeoutSeconds: 99999")]
    public void Parse_BadTimeout_SaysWhatIsAllowed(string yaml)
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse(yaml));
        Assert.Contains("timeoutSeconds must be a whole number from 1 to 1800", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("editable: [/etc/passwd]")]
    [InlineData("editable: [../outside.py]")]
    public void Parse_EditableOutsideTheJob_IsRefused(string yaml)
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse(yaml));
        Assert.Contains("must be a relative path inside the job", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotYaml_GivesTheLine()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse("language: [python"));
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AList_IsNotSettings()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse("- language"));
        Assert.Contains("must be a mapping", error.Message, StringComparison.Ordinal);
    }
}
