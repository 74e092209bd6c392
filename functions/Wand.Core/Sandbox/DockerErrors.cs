using System.Net.Sockets;

namespace Wand.Sandbox;

/// <summary>Turns the exceptions of an unreachable daemon into one readable sentence.</summary>
public static class DockerErrors
{
    public static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => "the socket does not exist",
                    SocketError.ConnectionRefused => "connection refused (is the daemon running?)",
                    SocketError.AccessDenied => "permission denied (is this user allowed to use the Docker socket?)",
                    _ => socket.Message,
                };
            }

            if (e is OperationCanceledException or TimeoutException)
            {
                return "it did not answer in time";
            }
        }

        return ex.GetBaseException().Message;
    }
}
