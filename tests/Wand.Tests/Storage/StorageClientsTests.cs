using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Wand.Storage;

/// <summary>On Azure the app reaches its blobs by managed identity: the Functions host's settings name the account, no secret does.</summary>
public sealed class StorageClientsTests
{
    [Fact]
    public void AddWandCore_AccountNameOnly_ReachesThatAccountWithoutAConnectionString()
    {
        using var services = Compose(new()
        {
            ["AzureWebJobsStorage__accountName"] = "wandstore",
            ["AzureWebJobsStorage__clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var blobs = services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>();
        var queues = services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();

        Assert.Null(options.ConnectionString);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ManagedIdentityClientId);
        Assert.Equal(new Uri("https://wandstore.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal("wandstore", blobs.AccountName);
        // The batch queue lives in the same account.
        Assert.Equal(new Uri("https://wandstore.queue.core.windows.net/"), queues.Uri);
    }

    [Fact]
    public void AddWandCore_BlobServiceUri_WinsOverTheAccountName()
    {
        using var services = Compose(new()
        {
            ["AzureWebJobsStorage__accountName"] = "wandstore",
            ["AzureWebJobsStorage__blobServiceUri"] = "https://wandstore.blob.core.usgovcloudapi.net",
        });

        Assert.Equal("wandstore.blob.core.usgovcloudapi.net", services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().Uri.Host);
    }

    [Fact]
    public void CreateBlobServiceClient_ConnectionStringAndUri_TheConnectionStringWins()
    {
        var client = StorageClients.CreateBlobServiceClient(new StorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            BlobServiceUri = new Uri("https://elsewhere.blob.core.windows.net"),
        });

        Assert.Equal("devstoreaccount1", client.AccountName);
    }

    [Fact]
    public void AddWandCore_QueueServiceUri_WinsOverTheAccountName()
    {
        using var services = Compose(new()
        {
            ["AzureWebJobsStorage__accountName"] = "wandstore",
            ["AzureWebJobsStorage__queueServiceUri"] = "https://wandstore.queue.core.chinacloudapi.cn",
        });

        Assert.Equal("wandstore.queue.core.chinacloudapi.cn", services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().Uri.Host);
    }

    [Fact]
    public void CreateBlobServiceClient_NothingConfigured_NamesBothWaysToConfigureIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.CreateBlobServiceClient(new StorageOptions()));

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Compose(Dictionary<string, string?> environment)
    {
        // Environment variables as the Functions host maps them: "__" separates sections.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => e.Value))
            .Build();
        return new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }
}
