namespace Wand.Cli;

/// <summary>
/// `wand COMMAND [positional...] [--flag] [--option value]`, parsed without surprises: every
/// option is declared by the command, and anything else is an error that names it.
/// </summary>
public sealed class CommandLineArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CommandLineArguments(string command, List<string> positional)
    {
        Command = command;
        Positional = positional;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positional { get; }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Value(string option) => _options.GetValueOrDefault(option);

    /// <param name="args">The arguments after the command name.</param>
    /// <param name="command">The command these arguments are for (used in messages).</param>
    /// <param name="flags">Options that take no value, e.g. <c>--json</c>.</param>
    /// <param name="valued">Options that take one value, e.g. <c>--language</c>.</param>
    public static CommandLineArguments Parse(IReadOnlyList<string> args, string command, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        var positional = new List<string>();
        var parsed = new CommandLineArguments(command, positional);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positional.Add(arg);
                continue;
            }

            var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (flags.Contains(name))
            {
                if (inline is not null)
                {
                    throw new UsageException($"option {name} of 'wand {command}' takes no value");
                }

                parsed._options[name] = null;
            }
            else if (valued.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option {name} of 'wand {command}' needs a value"));
                parsed._options[name] = value;
            }
            else
            {
                throw new UsageException($"unknown option {name} for 'wand {command}'");
            }
        }

        return parsed;
    }
}
