using System.Text.Json.Nodes;

namespace Wand;

/// <summary>Corpus programs as the JSON jobs <c>POST /api/repairs</c> and batch messages carry.</summary>
internal static class JobSubmissions
{
    /// <summary>The program's files inline, searched offline.</summary>
    /// <param name="fixedAlready">Applies the manifest's fix first: a job that already passes.</param>
    /// <param name="marker">Added to each file as a '#' comment line (Python), so jobs otherwise alike share no cached result.</param>
    public static JsonObject Of(string corpusName, bool fixedAlready = false, string? marker = null)
    {
        var bug = BugCorpus.Named(corpusName);
        var files = Directory.GetFiles(bug.Folder).Select(f =>
        {
            var name = Path.GetFileName(f);
            var text = File.ReadAllText(f) + (marker is null ? "" : $"\n# {marker}\n");
            return (JsonNode)new JsonObject { ["path"] = name, ["content"] = fixedAlready && name == bug.File ? bug.WithFix(text) : text };
        });
        return new JsonObject { ["generator"] = "search", ["files"] = new JsonArray([.. files]) };
    }
}
