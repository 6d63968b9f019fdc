using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace DasOps.NodeEmulator;

/// <summary>Address helpers: which address to bind on and what "the node's IP" is.</summary>
internal static class HostAddressing
{
    /// <summary>Names the kernel treats as loopback for localMemberHost (the WARN) and the CEP HA hostname check.</summary>
    public static bool IsLoopbackName(string host) => host is "127.0.0.1" or "localhost" or "::1" or "0:0:0:0:0:0:0:1";

    /// <summary>
    /// Servlet, receiver and Hazelcast ports bind on localMemberHost when it is a real address, so several emulated
    /// nodes can share one machine on 127.0.0.2, 127.0.0.3...; otherwise on all interfaces like a real node.
    /// </summary>
    public static IPAddress BindAddressFor(string? localMemberHost)
    {
        if (localMemberHost == null || IsLoopbackName(localMemberHost) || localMemberHost == "0.0.0.0")
            return IPAddress.Any;
        return Resolve(localMemberHost, Loggers.Hazelcast, "localMemberHost in axis2.xml");
    }

    /// <summary>
    /// Address for a configured host name; 0.0.0.0 stays the wildcard, names are resolved (IPv4 first). A name that
    /// does not resolve refuses the start, as the UnknownHostException would on a real node.
    /// </summary>
    public static IPAddress Resolve(string host, string logger, string setting)
    {
        if (IPAddress.TryParse(host, out var ip))
            return ip;
        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (chosen != null)
                return chosen;
        }
        catch (SocketException)
        {
            // reported below
        }
        throw new RefusalException(logger, $"Cannot resolve host name '{host}' ({setting})", $"java.net.UnknownHostException: {host}");
    }

    /// <summary>axis2 Utils.getIpAddress(): the first non-loopback IPv4 address of an up interface, else 127.0.0.1.</summary>
    public static string InterfaceIp()
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                    continue;
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                    if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address))
                        return unicast.Address.ToString();
            }
        }
        catch (NetworkInformationException)
        {
            // fall through to loopback, as axis2 does when no interface qualifies
        }
        return "127.0.0.1";
    }
}
