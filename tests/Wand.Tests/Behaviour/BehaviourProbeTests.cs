using Wand.Jobs;

namespace Wand.Behaviour;

/// <summary>Which jobs the probe can examine, and which modules it records.</summary>
public sealed class BehaviourProbeTests
{
    [Fact]
    public void Modules_TheEditablePythonFiles_AsTheTestsImportThem()
    {
        var job = Job.Create([File("shop/__init__.py"), File("shop/money.py"), File("tools/gen-data.py"), File("tests/test_money.py"), File("README.md")], LanguageProfile.Python);

        Assert.Equal(["shop", "shop.money"], BehaviourProbe.Modules(job));
        Assert.True(BehaviourProbe.Supports(job));
    }

    [Fact]
    public void Supports_PythonAndCommonJs_NotOtherLanguages_EsModules_NorAJobWithNothingToRecord()
    {
        Assert.True(BehaviourProbe.Supports(Job.Create([File("src/a.js"), File("a.test.js")], LanguageProfile.JavaScript)));
        Assert.Equal(["src/a.js"], BehaviourProbe.Modules(Job.Create([File("src/a.js"), File("a.test.js")], LanguageProfile.JavaScript)));
        Assert.False(BehaviourProbe.Supports(Job.Create([File("src/a.js"), File("a.test.js"), new JobFile("package.json", "{ \"type\": \"module\" }"u8.ToArray())], LanguageProfile.JavaScript)));
        Assert.False(BehaviourProbe.Supports(Job.Create([File("main.go"), File("main_test.go")], LanguageProfile.Go)));
        Assert.False(BehaviourProbe.Supports(Job.Create([File("test_only.py")], LanguageProfile.Python)));
    }

    private static JobFile File(string path) => new(path, "x = 1\n"u8.ToArray());
}
