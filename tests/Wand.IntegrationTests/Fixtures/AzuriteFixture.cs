using Wand.Storage;

namespace Wand.Fixtures;

/// <summary>
/// An Azurite of the tests' own: its own process on free 127.0.0.1 ports, a temporary data
/// folder, stopped and deleted when the tests are done.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _process;

    public AzuriteProcess Azurite => _process ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>
    /// A task hub no other test uses: hosts on one hub share their work and their listings, as
    /// `wand serve` processes on one account do, so each test that starts a host names its own.
    /// </summary>
    public static string NewTaskHub() => "test" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        var executable = AzuriteLocator.Find(Environment.GetEnvironmentVariable("WAND_AZURITE"))
            ?? throw new InvalidOperationException(
                $"Azurite is not installed: expected {Path.Combine(RepositoryPaths.Root, "eng", "node_modules", ".bin", "azurite")}. Run eng/test.sh, or eng/setup.sh azurite.");
        _process = await AzuriteProcess.StartAsync(executable);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
