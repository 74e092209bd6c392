namespace Wand.Cli;

public sealed class CommandLineArgumentsTests
{
    [Fact]
    public void Parse_FlagsValuesAndPositionals()
    {
        var args = CommandLineArguments.Parse(["samples/python", "--json", "--language", "python"], "run", ["--json"], ["--language"]);

        Assert.Equal(["samples/python"], args.Positional);
        Assert.True(args.Has("--json"));
        Assert.Equal("python", args.Value("--language"));
    }

    [Fact]
    public void Parse_InlineValue() =>
        Assert.Equal("go", CommandLineArguments.Parse(["--language=go"], "run", [], ["--language"]).Value("--language"));

    [Fact]
    public void Parse_UnknownOption_NamesItAndTheCommand()
    {
        var error = Assert.Throws<UsageException>(() => CommandLineArguments.Parse(["--jsno"], "doctor", ["--json"], []));
        Assert.Equal("unknown option --jsno for 'wand doctor'", error.Message);
    }

    [Fact]
    public void Parse_MissingValue_SaysSo()
    {
        var error = Assert.Throws<UsageException>(() => CommandLineArguments.Parse(["--language"], "run", [], ["--language"]));
        Assert.Equal("option --language of 'wand run' needs a value", error.Message);
    }
}
