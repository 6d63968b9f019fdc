namespace DasOps.NodeEmulator;

/// <summary>
/// The ports a node binds before it reports itself started (offsets per ground truth §b): servlet connectors,
/// data-bridge receivers, the Hazelcast member port (no offset), CEP HA eventSync/management and the presenter
/// port. They are all bound up front, so a clash refuses the start before anything else has happened; Spark
/// ports come later, when the node becomes a master or worker.
/// </summary>
internal sealed class StartupPorts
{
    public BoundPort? Hazelcast { get; private set; }

    public BoundPort? EventSync { get; private set; }

    public BoundPort? Management { get; private set; }

    public static StartupPorts Bind(NodeConfig config, CepHaManager cep, PortBinder binder)
    {
        var result = new StartupPorts();
        var any = HostAddressing.BindAddressFor(config.Clustering.LocalMemberHost);
        var o = config.Offset;
        var t = config.Transports;

        binder.Bind($"connector [Connector[HTTP/1.1-{t.Http + o}]]", any, t.Http + o, Loggers.TomcatConnector).Serve();
        binder.Bind($"connector [Connector[HTTP/1.1-{t.Https + o}]]", any, t.Https + o, Loggers.TomcatConnector).Serve();
        if (config.Profile.DataReceivers)
        {
            binder.Bind("Thrift data receiver (tcp)", any, t.ThriftTcp + o, Loggers.ThriftReceiver).Serve();
            binder.Bind("Thrift data receiver (ssl)", any, t.ThriftSsl + o, Loggers.ThriftReceiver).Serve();
            binder.Bind("Binary data receiver (tcp)", any, t.BinaryTcp + o, Loggers.BinaryReceiver).Serve();
            binder.Bind("Binary data receiver (ssl)", any, t.BinarySsl + o, Loggers.BinaryReceiver).Serve();
        }
        if (config.Clustering.Enabled)
            result.Hazelcast = binder.Bind("Hazelcast member", any, config.Clustering.LocalMemberPort, Loggers.HazelcastAddressPicker);
        BoundPort Cep(string what, HostPort endpoint, string logger, string setting) =>
            binder.Bind(what, HostAddressing.Resolve(endpoint.Host, logger, setting + " hostName in event-processor.xml"), endpoint.Port, logger);
        if (cep.HaWorker)
            result.EventSync = Cep("TCPEventServer for EventReceiver", cep.EventSync!, Loggers.TcpEventServer, "eventSync");
        if (cep.Participates)
            result.Management = Cep("CEP HA Snapshot Server", cep.Management!, Loggers.HaManager, "management");
        if (cep.PresenterOnly)
            Cep("TCPEventServer for presentation", cep.Presentation!, Loggers.TcpEventServer, "presentation").Serve();
        return result;
    }
}
