namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// Minimal DAS 3.2.0 configuration files, shaped like the stock ones (same element names, namespaces and defaults),
/// used while tests/fixtures/das-3.2.0 does not exist.
/// </summary>
internal static class MinimalConfigs
{
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>
    {
        ["repository/conf/carbon.xml"] = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <Server xmlns="http://wso2.org/projects/carbon/carbon.xml">
                <Name>WSO2 Data Analytics Server</Name>
                <ServerKey>DAS</ServerKey>
                <Version>3.2.0</Version>
                <!--HostName>www.wso2.org</HostName-->
                <Ports>
                    <Offset>0</Offset>
                </Ports>
            </Server>
            """,
        ["repository/conf/axis2/axis2.xml"] = """
            <axisconfig name="AxisJava2.0">
                <transportReceiver name="http" class="org.wso2.carbon.core.transports.http.HttpTransportListener">
                    <parameter name="port">9763</parameter>
                </transportReceiver>
                <transportReceiver name="https" class="org.wso2.carbon.core.transports.http.HttpsTransportListener">
                    <parameter name="port">9443</parameter>
                </transportReceiver>
                <clustering class="org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent" enable="false">
                    <parameter name="AvoidInitiation">true</parameter>
                    <parameter name="membershipScheme">multicast</parameter>
                    <parameter name="domain">wso2.carbon.domain</parameter>
                    <parameter name="mcastPort">45564</parameter>
                    <parameter name="localMemberHost">127.0.0.1</parameter>
                    <parameter name="localMemberPort">4000</parameter>
                    <parameter name="properties">
                        <property name="backendServerURL" value="https://${hostName}:${httpsPort}/services/"/>
                        <property name="mgtConsoleURL" value="https://${hostName}:${httpsPort}/"/>
                        <property name="subDomain" value="worker"/>
                    </parameter>
                    <members>
                        <member>
                            <hostName>127.0.0.1</hostName>
                            <port>4000</port>
                        </member>
                    </members>
                </clustering>
            </axisconfig>
            """,
        ["repository/conf/datasources/master-datasources.xml"] = """
            <datasources-configuration xmlns:svns="http://org.wso2.securevault/configuration">
                <providers>
                    <provider>org.wso2.carbon.ndatasource.rdbms.RDBMSDataSourceReader</provider>
                </providers>
                <datasources>
                    <datasource>
                        <name>WSO2_CARBON_DB</name>
                        <jndiConfig>
                            <name>jdbc/WSO2CarbonDB</name>
                        </jndiConfig>
                        <definition type="RDBMS">
                            <configuration>
                                <url>jdbc:h2:./repository/database/WSO2CARBON_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000</url>
                                <username>wso2carbon</username>
                                <password>wso2carbon</password>
                                <driverClassName>org.h2.Driver</driverClassName>
                            </configuration>
                        </definition>
                    </datasource>
                </datasources>
            </datasources-configuration>
            """,
        ["repository/conf/datasources/analytics-datasources.xml"] = """
            <datasources-configuration>
                <providers>
                    <provider>org.wso2.carbon.ndatasource.rdbms.RDBMSDataSourceReader</provider>
                </providers>
                <datasources>
                    <datasource>
                        <name>WSO2_ANALYTICS_EVENT_STORE_DB</name>
                        <definition type="RDBMS">
                            <configuration>
                                <url>jdbc:h2:repository/database/ANALYTICS_EVENT_STORE;AUTO_SERVER=TRUE</url>
                            </configuration>
                        </definition>
                    </datasource>
                    <datasource>
                        <name>WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB</name>
                        <definition type="RDBMS">
                            <configuration>
                                <url>jdbc:h2:repository/database/ANALYTICS_PROCESSED_DATA_STORE;AUTO_SERVER=TRUE</url>
                            </configuration>
                        </definition>
                    </datasource>
                </datasources>
            </datasources-configuration>
            """,
        ["repository/conf/user-mgt.xml"] = """
            <UserManager>
                <Realm>
                    <Configuration>
                        <AddAdmin>true</AddAdmin>
                        <AdminRole>admin</AdminRole>
                        <AdminUser><UserName>admin</UserName><Password>admin</Password></AdminUser>
                        <EveryOneRoleName>everyone</EveryOneRoleName>
                        <Property name="dataSource">jdbc/WSO2CarbonDB</Property>
                    </Configuration>
                    <UserStoreManager class="org.wso2.carbon.user.core.jdbc.JDBCUserStoreManager"/>
                </Realm>
            </UserManager>
            """,
        ["repository/conf/registry.xml"] = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <wso2registry>
                <currentDBConfig>wso2registry</currentDBConfig>
                <readOnly>false</readOnly>
                <enableCache>true</enableCache>
                <registryRoot>/</registryRoot>
                <dbConfig name="wso2registry">
                    <dataSource>jdbc/WSO2CarbonDB</dataSource>
                </dbConfig>
            </wso2registry>
            """,
        ["repository/conf/analytics/analytics-config.xml"] = """
            <analytics-dataservice-configuration>
               <primaryRecordStore>EVENT_STORE</primaryRecordStore>
               <analytics-record-store name="EVENT_STORE">
                  <implementation>org.wso2.carbon.analytics.datasource.rdbms.RDBMSAnalyticsRecordStore</implementation>
                  <properties>
                     <property name="datasource">WSO2_ANALYTICS_EVENT_STORE_DB</property>
                     <property name="category">read_write_optimized</property>
                  </properties>
               </analytics-record-store>
               <analytics-record-store name="PROCESSED_DATA_STORE">
                  <implementation>org.wso2.carbon.analytics.datasource.rdbms.RDBMSAnalyticsRecordStore</implementation>
                  <properties>
                     <property name="datasource">WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB</property>
                     <property name="category">read_write_optimized</property>
                  </properties>
               </analytics-record-store>
            </analytics-dataservice-configuration>
            """,
        ["repository/conf/event-processor.xml"] = """
            <eventProcessorConfiguration>
                <mode name="Single" enable="true">
                    <persistence enable="false">
                        <persistenceIntervalInMinutes>15</persistenceIntervalInMinutes>
                    </persistence>
                </mode>
                <mode name="HA" enable="false">
                    <nodeType>
                        <worker enable="true"/>
                        <presenter enable="false"/>
                    </nodeType>
                    <checkMemberUpdateInterval>10000</checkMemberUpdateInterval>
                    <eventSync>
                        <hostName>0.0.0.0</hostName>
                        <port>11224</port>
                    </eventSync>
                    <management>
                        <hostName>0.0.0.0</hostName>
                        <port>10005</port>
                        <tryStateChangeInterval>15000</tryStateChangeInterval>
                        <stateSyncRetryInterval>10000</stateSyncRetryInterval>
                    </management>
                    <presentation>
                        <hostName>0.0.0.0</hostName>
                        <port>11000</port>
                    </presentation>
                    <persistence enable="true">
                        <persistenceIntervalInMinutes>15</persistenceIntervalInMinutes>
                    </persistence>
                </mode>
                <mode name="Distributed" enable="false">
                    <nodeType>
                        <worker enable="true"/>
                        <manager enable="true"><hostName>0.0.0.0</hostName><port>8904</port></manager>
                        <presenter enable="false"><hostName>0.0.0.0</hostName><port>11000</port></presenter>
                    </nodeType>
                </mode>
            </eventProcessorConfiguration>
            """,
        ["repository/conf/analytics/spark/spark-defaults.conf"] = """
            carbon.spark.master local
            carbon.spark.master.count  1
            carbon.spark.results.limit 1000
            # carbon.das.symbolic.link /home/ubuntu/das/das_symlink/
            spark.app.name  CarbonAnalytics
            spark.ui.port 4040
            spark.history.ui.port 18080
            spark.blockManager.port 12000
            spark.driver.port 13000
            spark.master.port 7077
            spark.master.rest.port 6066
            spark.master.webui.port 8081
            spark.worker.cores 1
            spark.worker.memory 1g
            spark.worker.port 11000
            spark.worker.webui.port 11500
            spark.executor.memory 1g
            """,
        ["bin/version.txt"] = "WSO2 Data Analytics Server v3.2.0\n",
        ["bin/wso2carbon-version.txt"] = "WSO2 Carbon Framework v4.4.26\n",
    };
}
