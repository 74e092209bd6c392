using System.Text.RegularExpressions;

namespace Wand;

/// <summary>
/// Core is one folder per capability, and the folders' dependencies go one way: no import
/// circle, and nothing depends on the composition root (the task registry and the DI setup).
/// Read from the source: each folder's <c>using Wand.X</c> lines and the names it qualifies.
/// </summary>
public sealed class CoreLayoutTests
{
    private static readonly string Core = Path.Combine(RepositoryRoot.Path, "functions", "Wand.Core");

    [Fact]
    public void EveryFile_IsInTheNamespaceOfItsFolder()
    {
        var wrong = SourceFiles()
            .Select(f => (File: f, Expected: ExpectedNamespace(f), Actual: Regex.Match(File.ReadAllText(f), @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value))
            .Where(f => f.Expected != f.Actual)
            .Select(f => $"{Path.GetRelativePath(Core, f.File)}: namespace {f.Actual}, expected {f.Expected}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void TheFolders_DependOnEachOtherWithoutACircle()
    {
        var graph = CoreFolderGraph.Read(Core);

        var circle = graph.FindCircle();

        Assert.True(circle is null, $"import circle: {string.Join(" -> ", circle ?? [])}\n{graph.Explain(circle ?? [])}");
    }

    [Fact]
    public void NoFolder_DependsOnTheCompositionRoot()
    {
        var rootTypes = Directory.GetFiles(Core, "*.cs")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\b(?:class|record|interface) (\w+)").Select(m => m.Groups[1].Value))
            .ToList();
        Assert.Contains("WandTasks", rootTypes);

        var users = SourceFiles()
            .Where(f => Path.GetDirectoryName(f) != Core)
            .SelectMany(f => rootTypes.Where(t => Regex.IsMatch(CoreFolderGraph.Code(File.ReadAllText(f)), $@"\b{t}\b")).Select(t => $"{Path.GetRelativePath(Core, f)} uses {t}"))
            .ToList();

        Assert.True(users.Count == 0, string.Join("\n", users));
    }

    [Fact]
    public void EveryMethodOfCoreAndTheHosts_IsUnder60Lines()
    {
        // From a member's signature to the brace that closes its body, at the signature's indent.
        var functions = Path.GetDirectoryName(Core)!;
        string[] projects = ["Wand.Core", "Wand.Cli", "Wand.Functions"];
        var files = projects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(functions, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var tooLong = files.SelectMany(f => LongMethods(f, 60).Select(m => $"{Path.GetRelativePath(functions, f)}:{m.Line} is {m.Lines} lines: {m.Signature}")).ToList();

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    private static IEnumerable<(int Line, int Lines, string Signature)> LongMethods(string file, int most)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var signature = Regex.Match(lines[i], @"^( {4}| {8})(public|private|internal|protected)\b[^=;]*\(");
            if (!signature.Success || lines[i].TrimEnd().EndsWith(';') || Regex.IsMatch(lines[i], @"\b(class|record|struct|interface)\b"))
            {
                continue;
            }

            var indent = signature.Groups[1].Value;
            var open = Array.FindIndex(lines, i, l => l == indent + "{" || l.Contains("=>", StringComparison.Ordinal));
            if (open < 0 || lines[open] != indent + "{")
            {
                continue;
            }

            var close = Array.FindIndex(lines, open, l => l == indent + "}");
            if (close - i + 1 > most)
            {
                yield return (i + 1, close - i + 1, lines[i].Trim());
            }
        }
    }

    [Fact]
    public void TheGraphReader_SeesACircle_WhenTwoFoldersUseEachOther()
    {
        // The reader itself, on a made-up Core: a check that cannot fail is no check.
        var folder = Directory.CreateTempSubdirectory("wand-layout-").FullName;
        try
        {
            Write(folder, "Alpha/A.cs", "using Wand.Beta;\n\nnamespace Wand.Alpha;\n\npublic sealed class A(B b);\n");
            Write(folder, "Beta/B.cs", "namespace Wand.Beta;\n\npublic sealed class B { Alpha.A? a; }\n");
            Write(folder, "Gamma/C.cs", "namespace Wand.Gamma;\n\n// Alpha.A is only named in a comment.\npublic sealed class C;\n");

            var graph = CoreFolderGraph.Read(folder);

            Assert.Equal(["Alpha", "Beta", "Alpha"], graph.FindCircle());
            Assert.Empty(graph.DependenciesOf("Gamma"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string ExpectedNamespace(string file)
    {
        var folder = Path.GetRelativePath(Core, Path.GetDirectoryName(file)!);
        return folder == "." ? "Wand" : "Wand." + folder.Replace(Path.DirectorySeparatorChar, '.');
    }

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>Which top folder of Core uses which, and the first file that makes each edge.</summary>
    private sealed class CoreFolderGraph
    {
        private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

        public static CoreFolderGraph Read(string core)
        {
            var graph = new CoreFolderGraph();
            var folders = Directory.GetDirectories(core).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Cast<string>().ToList();
            foreach (var folder in folders)
            {
                var edges = graph._edges[folder] = new(StringComparer.Ordinal);
                foreach (var file in Directory.EnumerateFiles(Path.Combine(core, folder), "*.cs", SearchOption.AllDirectories))
                {
                    var code = Code(File.ReadAllText(file));
                    foreach (var other in folders.Where(o => o != folder && Uses(code, o)))
                    {
                        edges.TryAdd(other, Path.GetRelativePath(core, file));
                    }
                }
            }

            return graph;
        }

        public List<string> DependenciesOf(string folder) => [.. _edges[folder].Keys];

        /// <summary>A path that comes back to where it began (first folder repeated at the end), or null.</summary>
        public List<string>? FindCircle()
        {
            var finished = new HashSet<string>(StringComparer.Ordinal);
            return _edges.Keys.Order(StringComparer.Ordinal).Select(start => Walk(start, [], finished)).FirstOrDefault(c => c is not null);
        }

        public string Explain(IReadOnlyList<string> circle) =>
            string.Join("\n", circle.Zip(circle.Skip(1)).Select(e => $"{e.First} -> {e.Second}: {_edges[e.First][e.Second]}"));

        // Depth first: a folder on the current path seen again closes a circle; a finished one has none behind it.
        private List<string>? Walk(string folder, List<string> path, HashSet<string> finished)
        {
            if (path.IndexOf(folder) is var at and >= 0)
            {
                return [.. path.Skip(at), folder];
            }

            if (finished.Contains(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (var next in _edges[folder].Keys.Order(StringComparer.Ordinal))
            {
                if (Walk(next, path, finished) is { } circle)
                {
                    return circle;
                }
            }

            path.RemoveAt(path.Count - 1);
            finished.Add(folder);
            return null;
        }

        private static bool Uses(string code, string folder) =>
            Regex.IsMatch(code, $@"^using Wand\.{folder}(\.[\w.]+)?;|(?<![\w.])(Wand\.)?{folder}\.[A-Z]", RegexOptions.Multiline);

        /// <summary>The code without comments and strings, where a folder's name means a use of it.</summary>
        public static string Code(string text) =>
            Regex.Replace(text, @"//[^\n]*|/\*.*?\*/|@?""(?:[^""\\\n]|\\.)*""", "", RegexOptions.Singleline);
    }
}
