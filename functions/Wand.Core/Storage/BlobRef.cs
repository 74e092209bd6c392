namespace Wand.Storage;

/// <summary>Where an artifact lives: what orchestration state carries instead of the artifact itself.</summary>
public sealed record BlobRef(string Container, string Name);
