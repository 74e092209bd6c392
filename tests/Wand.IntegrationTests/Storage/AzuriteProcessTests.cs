using Azure.Storage.Blobs;
using Wand.Fixtures;

namespace Wand.Storage;

[Collection(InfrastructureCollection.Name)]
public sealed class AzuriteProcessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ConnectionString_ReachesABlobServiceOnLoopback()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);
        var container = service.GetBlobContainerClient("fixture-check");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("hello.txt").UploadAsync(BinaryData.FromString("hello"), overwrite: true);

        var downloaded = await container.GetBlobClient("hello.txt").DownloadContentAsync();

        Assert.Equal("hello", downloaded.Value.Content.ToString());
        Assert.Equal("127.0.0.1", azurite.Azurite.BlobEndpoint.Host);
        Assert.NotEqual(azurite.Azurite.BlobEndpoint.Port, azurite.Azurite.QueueEndpoint.Port);
    }

    [Fact]
    public async Task DisposeAsync_StopsTheProcessAndDeletesItsData()
    {
        var executable = AzuriteLocator.Find(null)!;
        var process = await AzuriteProcess.StartAsync(executable);
        var endpoint = process.BlobEndpoint;

        await process.DisposeAsync();

        using var client = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => client.ConnectAsync(endpoint.Host, endpoint.Port));
    }

    [Fact]
    public async Task RestartAsync_KeepsTheDataAndTheAddress()
    {
        await using var process = await AzuriteProcess.StartAsync(AzuriteLocator.Find(null)!);
        var connection = process.ConnectionString;
        var container = new BlobServiceClient(connection).GetBlobContainerClient("restart-check");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("kept.txt").UploadAsync(BinaryData.FromString("still here"));

        await process.RestartAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.Equal(connection, process.ConnectionString);
        Assert.Equal("still here", (await container.GetBlobClient("kept.txt").DownloadContentAsync()).Value.Content.ToString());
    }
}
