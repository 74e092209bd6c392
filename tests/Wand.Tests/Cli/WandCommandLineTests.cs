using System.CommandLine;
using Wand.Repair;

namespace Wand.Cli;

/// <summary>`wand`'s command line as a user types it: help, version, the end of options, typed flags.</summary>
public sealed class WandCommandLineTests
{
    [Fact]
    public void Repair_BudgetFlags_LowerTheConfiguredBudget()
    {
        var args = Repair("job", "--rounds", "2", "--per-round", "3", "--max-tokens", "5000", "--max-minutes", "3");

        var (settings, notes) = RepairCommand.Settings(new RepairSettings { ParentsKept = 3 }, args.Budget);

        Assert.Equal(new RepairBudget(2, 32, 5000, TimeSpan.FromMinutes(3)), settings.Budget);
        Assert.Equal(3, settings.CandidatesPerRound);
        Assert.Equal(3, settings.ParentsKept);
        Assert.Empty(notes);
    }

    [Fact]
    public void Repair_BudgetFlagsAboveTheConfiguredBudget_AreCappedToIt_AndSaySo()
    {
        var args = Repair("job", "--rounds", "99", "--per-round", "64", "--max-candidates", "2147483648", "--max-tokens", "9223372036854775807", "--max-minutes", "2147483647", "--max-search", "401");

        var (settings, notes) = RepairCommand.Settings(new RepairSettings(), args.Budget);

        Assert.Equal(new RepairSettings(), settings);
        Assert.Equal(
            [
                "--rounds 99 capped to the configured 4",
                "--max-candidates 2147483648 capped to the configured 32",
                "--max-tokens 9223372036854775807 capped to the configured 200000",
                "--max-minutes 2147483647 capped to the configured 15",
                "--max-search 401 capped to the configured 400",
                "--per-round 64 capped to the configured 4",
            ],
            notes);
    }

    [Theory]
    [InlineData("--rounds", "two")]
    [InlineData("--max-candidates", "-1")]
    [InlineData("--max-minutes", "0")]
    [InlineData("--per-round", "0")]
    [InlineData("--max-tokens", "99999999999999999999")]
    public async Task Repair_BudgetFlagNotAPositiveNumber_ExitsTwoNamingIt(string option, string value)
    {
        var (exit, _, stderr) = await WandAsync("repair", "job", option, value);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"wand: {option} needs a positive whole number (got '{value}')", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("repair", "--help")]
    [InlineData("run", "-h")]
    public async Task Help_ForWandOrACommand_PrintsItsUsageAndSucceeds(params string[] args)
    {
        var (exit, stdout, _) = await WandAsync(args);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains(args[0] == "repair" ? "--max-minutes" : args[0] == "run" ? "<folder>" : "doctor", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersionAndSucceeds()
    {
        var (exit, stdout, _) = await WandAsync("--version");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout);
    }

    [Fact]
    public void DoubleDash_EndsTheOptions_SoAFolderMayLookLikeOne()
    {
        RepairArguments? seen = null;
        var line = new WandCommandLine(Capture(a => seen = a));

        line.Root.Parse(["repair", "--json", "--", "--rounds"]).Invoke();

        Assert.Equal("--rounds", seen!.Folder);
        Assert.True(seen.Json);
        Assert.Null(seen.Budget.Rounds);
    }

    private static RepairArguments Repair(params string[] args)
    {
        RepairArguments? seen = null;
        var parsed = new WandCommandLine(Capture(a => seen = a)).Root.Parse(["repair", .. args]);
        Assert.Empty(parsed.Errors);
        parsed.Invoke();
        return seen!;
    }

    private static WandActions Capture(Action<RepairArguments> repair) => new(
        (_, _) => Task.FromResult(0),
        (_, _, _, _) => Task.FromResult(0),
        (a, _) => { repair(a); return Task.FromResult(0); },
        (_, _, _) => Task.FromResult(0),
        (_, _) => Task.FromResult(0));

    private static async Task<(int Exit, string Stdout, string Stderr)> WandAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await WandCommand.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
