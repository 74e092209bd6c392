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
}
