using System.Text.Json.Nodes;

namespace Wand.Fixtures;

/// <summary>Corpus programs as the JSON jobs <c>POST /api/repairs</c> and batch messages carry.</summary>
internal static class JobSubmissions
{
    /// <summary>The program's files inline, searched offline; <paramref name="fixedAlready"/> applies the manifest's fix first (a job that already passes).</summary>
    public static JsonObject Of(string corpusName, bool fixedAlready = false)
    {
        var bug = BugCorpus.Named(corpusName);
        var files = Directory.GetFiles(bug.Folder).Select(f =>
        {
            var name = Path.GetFileName(f);
            var text = File.ReadAllText(f);
            return (JsonNode)new JsonObject { ["path"] = name, ["content"] = fixedAlready && name == bug.File ? bug.WithFix(text) : text };
        });
        return new JsonObject { ["generator"] = "search", ["files"] = new JsonArray([.. files]) };
    }
}
