using Wand.Jobs;

namespace Wand.Repair;

public sealed class RepairGeneratorsTests
{
    [Theory]
    [InlineData(null, true, RepairGenerator.Llm)]
    [InlineData(null, false, RepairGenerator.Search)]
    [InlineData(RepairGenerator.Search, true, RepairGenerator.Search)]
    [InlineData(RepairGenerator.Hybrid, true, RepairGenerator.Hybrid)]
    public void Choose_AskedOrByEndpoint(RepairGenerator? asked, bool llmConfigured, RepairGenerator chosen) =>
        Assert.Equal(chosen, RepairGenerators.Choose(asked, llmConfigured));

    [Theory]
    [InlineData(RepairGenerator.Llm)]
    [InlineData(RepairGenerator.Hybrid)]
    public void Choose_LlmWithoutAnEndpoint_SaysWhatToSet(RepairGenerator asked)
    {
        var error = Assert.Throws<InvalidJobException>(() => RepairGenerators.Choose(asked, llmConfigured: false));

        Assert.Contains("needs an LLM endpoint: set OPENAI_BASE_URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("--generator search", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search", RepairGenerator.Search)]
    [InlineData(" LLM ", RepairGenerator.Llm)]
    [InlineData(null, null)]
    public void Parse_NamesAnyCase(string? name, RepairGenerator? parsed) => Assert.Equal(parsed, RepairGenerators.Parse(name));

    [Fact]
    public void Parse_Unknown_NamesTheChoices() =>
        Assert.Equal("the generator must be search, llm or hybrid (got 'gpt4')", Assert.Throws<InvalidJobException>(() => RepairGenerators.Parse("gpt4")).Message);
}
