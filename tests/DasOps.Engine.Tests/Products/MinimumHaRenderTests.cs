using System.Linq;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Products;

/// <summary>Seed 003 (IS Analytics minimum HA) rendered over the real DAS 3.2.0 stock, checked by parsing the output.</summary>
public class MinimumHaRenderTests : System.IDisposable
{
    private const string MasterDs = "repository/conf/datasources/master-datasources.xml";
    private const string AnalyticsDs = "repository/conf/datasources/analytics-datasources.xml";
    private readonly Rendered _r = Rendered.From(Specs.MinimumHa, RepoPaths.DasStock);

    public void Dispose() => _r.Dispose();

    [Fact]
    public void Master_datasources_gain_user_and_registry_databases_and_keep_carbon_db()
    {
        foreach (var node in new[] { "node1", "node2" })
        {
            const string um = "//datasource[name='WSO2UM_DB']";
            Assert.Equal("jdbc/WSO2UM_DB", _r.Value(node, MasterDs, um + "/jndiConfig/name"));
            Assert.Equal("jdbc:mysql://10.77.0.10:3306/userdb", _r.Value(node, MasterDs, um + "/definition/configuration/url"));
            Assert.Equal("wso2das", _r.Value(node, MasterDs, um + "/definition/configuration/username"));
            Assert.Equal(Rendered.Password, _r.Value(node, MasterDs, um + "/definition/configuration/password"));
            Assert.Equal("com.mysql.jdbc.Driver", _r.Value(node, MasterDs, um + "/definition/configuration/driverClassName"));
            Assert.Equal("jdbc:mysql://10.77.0.10:3306/regdb", _r.Value(node, MasterDs, "//datasource[name='WSO2REG_DB']/definition/configuration/url"));
            Assert.Equal("jdbc/WSO2REG_DB", _r.Value(node, MasterDs, "//datasource[name='WSO2REG_DB']/jndiConfig/name"));
            Assert.StartsWith("jdbc:h2:", _r.Value(node, MasterDs, "//datasource[name='WSO2_CARBON_DB']/definition/configuration/url"));
            Assert.Equal(3, _r.Count(node, MasterDs, "/datasources-configuration/datasources/datasource"));
        }
    }

    [Fact]
    public void Analytics_datasources_point_at_the_shared_database_without_jndi()
    {
        Assert.Equal("jdbc:mysql://10.77.0.10:3306/WSO2_ANALYTICS_EVENT_STORE_DB",
            _r.Value("node1", AnalyticsDs, "//datasource[name='WSO2_ANALYTICS_EVENT_STORE_DB']/definition/configuration/url"));
        Assert.Equal("jdbc:mysql://10.77.0.10:3306/WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB",
            _r.Value("node1", AnalyticsDs, "//datasource[name='WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB']/definition/configuration/url"));
        Assert.Equal(Rendered.Password, _r.Value("node2", AnalyticsDs, "//datasource[name='WSO2_ANALYTICS_EVENT_STORE_DB']/definition/configuration/password"));
        Assert.Equal(0, _r.Count("node1", AnalyticsDs, "//datasource/jndiConfig"));
        Assert.Equal("com.mysql.jdbc.Driver", _r.Value("node1", AnalyticsDs, "//datasource[name='WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB']/definition/configuration/driverClassName"));
    }

    [Fact]
    public void Record_stores_use_the_analytics_datasources()
    {
        const string file = "repository/conf/analytics/analytics-config.xml";
        Assert.Equal("WSO2_ANALYTICS_EVENT_STORE_DB", _r.Value("node1", file, "//analytics-record-store[@name='EVENT_STORE']/properties/property[@name='datasource']"));
        Assert.Equal("WSO2_ANALYTICS_EVENT_STORE_DB", _r.Value("node1", file, "//analytics-record-store[@name='EVENT_STORE_WO']/properties/property[@name='datasource']"));
        Assert.Equal("WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB", _r.Value("node1", file, "//analytics-record-store[@name='PROCESSED_DATA_STORE']/properties/property[@name='datasource']"));
    }

    [Fact]
    public void User_store_and_registry_mounts_use_the_shared_databases()
    {
        Assert.Equal("jdbc/WSO2UM_DB", _r.Value("node1", "repository/conf/user-mgt.xml", "/UserManager/Realm/Configuration/Property[@name='dataSource']"));
        const string reg = "repository/conf/registry.xml";
        Assert.Equal("jdbc/WSO2REG_DB", _r.Value("node2", reg, "/wso2registry/dbConfig[@name='govregistry']/dataSource"));
        Assert.Equal("jdbc/WSO2CarbonDB", _r.Value("node2", reg, "/wso2registry/dbConfig[@name='wso2registry']/dataSource"));
        Assert.Equal("govregistry", _r.Value("node2", reg, "/wso2registry/remoteInstance[id='gov']/dbConfig"));
        Assert.Equal("wso2das@jdbc:mysql://10.77.0.10:3306/regdb", _r.Value("node2", reg, "/wso2registry/remoteInstance[id='gov']/cacheId"));
        foreach (var path in new[] { "/_system/governance", "/_system/config" })
        {
            Assert.Equal("gov", _r.Value("node2", reg, $"/wso2registry/mount[@path='{path}']/instanceId"));
            Assert.Equal(path, _r.Value("node2", reg, $"/wso2registry/mount[@path='{path}']/targetPath"));
            Assert.Equal("true", _r.Value("node2", reg, $"/wso2registry/mount[@path='{path}']/@overwrite"));
        }
    }

    [Fact]
    public void Hazelcast_wka_lists_both_nodes_and_each_node_advertises_itself()
    {
        const string axis2 = "repository/conf/axis2/axis2.xml";
        foreach (var (node, ip) in new[] { ("node1", "10.77.0.11"), ("node2", "10.77.0.12") })
        {
            const string c = "/axisconfig/clustering[@class='org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent']";
            Assert.Equal("true", _r.Value(node, axis2, c + "/@enable"));
            Assert.Equal("wka", _r.Value(node, axis2, c + "/parameter[@name='membershipScheme']"));
            Assert.Equal(ip, _r.Value(node, axis2, c + "/parameter[@name='localMemberHost']"));
            Assert.Equal("4000", _r.Value(node, axis2, c + "/parameter[@name='localMemberPort']"));
            var members = _r.Xml(node, axis2).SelectNodes(c + "/members/member")!.Cast<System.Xml.XmlNode>()
                .Select(m => m["hostName"]!.InnerText + ":" + m["port"]!.InnerText).ToList();
            Assert.Equal(new[] { "10.77.0.11:4000", "10.77.0.12:4000" }, members);
        }
        Assert.DoesNotContain("\n", _r.Text("node1", axis2).Replace("\r\n", ""));
    }

    [Fact]
    public void Cep_runs_in_ha_mode_with_the_node_ip_and_persistence_off()
    {
        const string ep = "repository/conf/event-processor.xml";
        foreach (var (node, ip) in new[] { ("node1", "10.77.0.11"), ("node2", "10.77.0.12") })
        {
            Assert.Equal("HA", _r.Value(node, ep, "(/eventProcessorConfiguration/mode[@enable='true'])[1]/@name"));
            Assert.Equal(1, _r.Count(node, ep, "/eventProcessorConfiguration/mode[@enable='true']"));
            Assert.Equal(ip, _r.Value(node, ep, "//mode[@name='HA']/eventSync/hostName"));
            Assert.Equal(ip, _r.Value(node, ep, "//mode[@name='HA']/management/hostName"));
            Assert.Equal("11224", _r.Value(node, ep, "//mode[@name='HA']/eventSync/port"));
            Assert.Equal("false", _r.Value(node, ep, "//mode[@name='HA']/persistence/@enable"));
            Assert.Equal("false", _r.Value(node, ep, "//mode[@name='HA']/nodeType/presenter/@enable"));
        }
    }

    [Fact]
    public void Spark_runs_clustered_with_two_masters_and_the_symlink()
    {
        const string conf = "repository/conf/analytics/spark/spark-defaults.conf";
        foreach (var node in new[] { "node1", "node2" })
        {
            Assert.Equal("local", _r.Property(node, conf, "carbon.spark.master"));
            Assert.Equal("2", _r.Property(node, conf, "carbon.spark.master.count"));
            Assert.Equal("/srv/das-link", _r.Property(node, conf, "carbon.das.symbolic.link"));
            Assert.Equal("7077", _r.Property(node, conf, "spark.master.port"));
        }
        Assert.Contains("export SPARK_LOCAL_IP='10.77.0.12'", _r.Text("node2", "bin/load-spark-env-vars.sh"));
        Assert.DoesNotContain("SPARK_LOCAL_IP", _r.Text("node1", "bin/load-spark-env-vars.sh"));
    }

    [Fact]
    public void Dep_sync_commits_on_exactly_one_node_and_offsets_follow_the_product()
    {
        const string carbon = "repository/conf/carbon.xml";
        Assert.Equal("true", _r.Value("node1", carbon, "/Server/DeploymentSynchronizer/AutoCommit"));
        Assert.Equal("false", _r.Value("node2", carbon, "/Server/DeploymentSynchronizer/AutoCommit"));
        foreach (var node in new[] { "node1", "node2" })
        {
            Assert.Equal("true", _r.Value(node, carbon, "/Server/DeploymentSynchronizer/Enabled"));
            Assert.Equal("http://svn.example.com/repos/das", _r.Value(node, carbon, "/Server/DeploymentSynchronizer/SvnUrl"));
            Assert.Equal(Rendered.SvnPassword, _r.Value(node, carbon, "/Server/DeploymentSynchronizer/SvnPassword"));
            Assert.Equal("1", _r.Value(node, carbon, "/Server/Ports/Offset"));
        }
    }

    [Fact]
    public void Files_holding_passwords_are_planned_0600_and_diffs_mask_them()
    {
        var plan = _r.Plans.Single(p => p.Node == "node1");
        var secretFiles = plan.Files.Where(f => f.HoldsSecrets).Select(f => f.Path).OrderBy(p => p).ToList();
        Assert.Equal(new[] { AnalyticsDs, MasterDs, "repository/conf/carbon.xml", "repository/conf/user-mgt.xml" }.OrderBy(p => p), secretFiles);
        var mode = System.IO.File.GetUnixFileMode(_r.PathOf("node1", MasterDs));
        Assert.Equal(System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite, mode);
        foreach (var file in plan.Files)
        {
            Assert.DoesNotContain("p&lt;&amp;", file.Diff);
            Assert.DoesNotContain(Rendered.Password, file.Diff);
        }
        Assert.Contains("<password>********</password>", plan.Files.Single(f => f.Path == MasterDs).Diff);
    }
}
