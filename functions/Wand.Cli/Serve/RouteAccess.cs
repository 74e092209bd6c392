namespace Wand.Cli.Serve;

/// <summary>
/// Who may call a route of `wand serve`, as endpoint metadata that <see cref="ServeAccess"/>
/// reads. The Functions app says the same with authorization levels: <see cref="Key"/> is its
/// <c>Function</c> level, the others its <c>Anonymous</c> (a test holds the two together).
/// </summary>
public sealed class RouteAccess
{
    /// <summary>The API key, when serve has one; with none, anyone on this machine.</summary>
    public static readonly RouteAccess Key = new("key");

    /// <summary>Anyone serve answers: with no key, anyone on this machine.</summary>
    public static readonly RouteAccess Anonymous = new("anonymous");

    /// <summary>
    /// The request proves itself (the webhook's signature): no key, from anywhere and under any
    /// Host, as GitHub reaches a `wand serve` through a tunnel under the tunnel's name.
    /// </summary>
    public static readonly RouteAccess Signature = new("signature");

    private RouteAccess(string name) => Name = name;

    public string Name { get; }

    public override string ToString() => Name;
}
