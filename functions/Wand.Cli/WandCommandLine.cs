using System.CommandLine;
using System.Globalization;
using Wand.Repair;

namespace Wand.Cli;

/// <summary>What `wand repair` was given on its command line.</summary>
public sealed record RepairArguments(string Folder, string? Language, string? Generator, string? Out, bool Json, BudgetRequest Budget);

/// <summary>
/// `wand`'s command line on System.CommandLine: the commands, their arguments and options, and
/// their help. Each command's action is given by <see cref="WandCommand"/>; parsing alone never
/// touches Docker or storage.
/// </summary>
public sealed class WandCommandLine
{
    private readonly Option<bool> _json = new("--json") { Description = "the result as JSON on stdout (progress, if any, on stderr)" };
    private readonly Option<string?> _language = new("--language") { HelpName = "L", Description = "the job's language, when detection from its files is not enough" };
    private readonly Argument<string> _folder = new("folder") { Description = "the job folder: source and test files, and an optional .wand.yml" };

    public WandCommandLine(WandActions actions)
    {
        Root = new RootCommand("""
            Wand repairs code with its own tests: candidates are run in Docker sandboxes, ranked, and the best is
            returned with the evidence. Exit codes: 0 success, 1 checks or tests failed, 2 bad input, 3 environment
            problem (e.g. no Docker), 130 stopped by Ctrl+C or SIGTERM (its sandboxes are removed first).
            """);
        Root.Subcommands.Add(Doctor(actions));
        Root.Subcommands.Add(Run(actions));
        Root.Subcommands.Add(Repair(actions));
        Root.Subcommands.Add(Serve(actions));
        Root.Subcommands.Add(Images(actions));
    }

    public RootCommand Root { get; }

    private Command Doctor(WandActions actions)
    {
        var doctor = new Command("doctor", "check Docker, the sandbox images, storage and the LLM settings") { _json };
        doctor.SetAction((parsed, ct) => actions.DoctorAsync(parsed.GetValue(_json), ct));
        return doctor;
    }

    private Command Run(WandActions actions)
    {
        var run = new Command("run", "run a job folder's tests in a sandbox, as they are") { _folder, _language, _json };
        run.SetAction((parsed, ct) => actions.RunAsync(parsed.GetValue(_folder)!, parsed.GetValue(_language), parsed.GetValue(_json), ct));
        return run;
    }

    private Command Repair(WandActions actions)
    {
        var generator = new Option<string?>("--generator") { HelpName = "search|llm|hybrid", Description = "search (offline edits), llm or hybrid; default: llm when an endpoint is configured, search otherwise (or .wand.yml's)" };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "where the best candidate and the reports go (default: wand-out/<job id>)" };
        Option<long?>[] budget =
        [
            Budget("--rounds", "rounds of candidates (default 4)"),
            Budget("--max-candidates", "candidate runs in all (default 32)"),
            Budget("--max-tokens", "LLM tokens in all (default 200000)"),
            Budget("--max-minutes", "wall time in minutes (default 15)"),
            Budget("--max-search", "search candidates in all (default 400)"),
            Budget("--per-round", "candidates the LLM is asked for per round (default 4)"),
        ];
        var repair = new Command("repair", "repair a job folder: candidates generated, run in sandboxes and ranked; the budget flags may lower the configured budget, never raise it")
        {
            _folder, generator, output, _json, _language,
        };
        foreach (var option in budget)
        {
            repair.Options.Add(option);
        }

        repair.SetAction((parsed, ct) =>
        {
            BudgetAsk? Ask(Option<long?> option) => parsed.GetValue(option) is { } value ? new BudgetAsk(option.Name, value) : null;
            var asked = new BudgetRequest(Ask(budget[0]), Ask(budget[1]), Ask(budget[2]), Ask(budget[3]), Ask(budget[4]), Ask(budget[5]));
            return actions.RepairAsync(
                new RepairArguments(parsed.GetValue(_folder)!, parsed.GetValue(_language), parsed.GetValue(generator), parsed.GetValue(output), parsed.GetValue(_json), asked), ct);
        });
        return repair;
    }

    private static Command Serve(WandActions actions)
    {
        var urls = new Option<string?>("--urls") { HelpName = "URLS", Description = "where to listen (default: http://127.0.0.1:7071); loopback only without an API key" };
        var apiKey = new Option<string?>("--api-key") { HelpName = "KEY", Description = "the key callers must send (x-api-key); also WAND_API_KEY" };
        var serve = new Command("serve", "the repair API (/api/repairs), batches (/api/batches and the queue wand-batches) and GitHub webhooks, until Ctrl+C or SIGTERM")
        {
            urls, apiKey,
        };
        serve.SetAction((parsed, ct) => actions.ServeAsync(parsed.GetValue(urls), parsed.GetValue(apiKey), ct));
        return serve;
    }

    private static Command Images(WandActions actions)
    {
        var languages = new Argument<string[]>("language") { Arity = ArgumentArity.ZeroOrMore, Description = "the languages whose images to build (default: all)" };
        var build = new Command("build", "build the sandbox images this wand expects from the image folders it carries (no clone needed); quick when they are up to date")
        {
            languages,
        };
        build.SetAction((parsed, ct) => actions.BuildImagesAsync(parsed.GetValue(languages) ?? [], ct));
        return new Command("images", "the sandbox images (wand-sandbox-<language>)") { build };
    }

    /// <summary>A budget flag: a positive whole number, or an error that names the flag and what it got.</summary>
    private static Option<long?> Budget(string name, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            result.AddError($"{name} needs a positive whole number (got '{text}')");
            return null;
        },
    };
}

/// <summary>What each command does once its command line is parsed (<see cref="WandCommand"/>).</summary>
public sealed record WandActions(
    Func<bool, CancellationToken, Task<int>> DoctorAsync,
    Func<string, string?, bool, CancellationToken, Task<int>> RunAsync,
    Func<RepairArguments, CancellationToken, Task<int>> RepairAsync,
    Func<string?, string?, CancellationToken, Task<int>> ServeAsync,
    Func<IReadOnlyList<string>, CancellationToken, Task<int>> BuildImagesAsync);
