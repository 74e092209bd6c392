namespace Wand.Fixtures;

/// <summary>Tests in this collection share one Docker fixture and one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<DockerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "infrastructure";
}

/// <summary>
/// The durable engine's long waits (activities that outlast their worker's patience, `wand serve`
/// killed and started again): they sleep most of the time, so they run beside the
/// infrastructure collection, on a Docker fixture and an Azurite of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DurableEngineCollection : ICollectionFixture<DockerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "durable engine";
}
