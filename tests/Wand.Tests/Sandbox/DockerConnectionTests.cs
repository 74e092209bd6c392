namespace Wand.Sandbox;

public sealed class DockerConnectionTests
{
    [Theory]
    [InlineData("unix:///var/run/docker.sock")]
    [InlineData("tcp://127.0.0.1:2376")]
    public void ParseEndpoint_DockerHostForms_AreAccepted(string value) =>
        Assert.Equal(value, DockerConnection.ParseEndpoint(value).OriginalString);

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host")]
    [InlineData("/var/run/docker.sock")]
    public void ParseEndpoint_AnythingElse_NamesTheSettings(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => DockerConnection.ParseEndpoint(value));
        Assert.Contains("DOCKER_HOST", error.Message, StringComparison.Ordinal);
    }
}
