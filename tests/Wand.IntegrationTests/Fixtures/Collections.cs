namespace Wand.Fixtures;

/// <summary>Tests in this collection share one Docker fixture and one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<DockerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "infrastructure";
}
