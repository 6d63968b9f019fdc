<#
Stream Processor 4.x fully distributed (seed 004) on five lab hosts running the emulator's SP 4.4.0 runtimes: two
managers, two workers and a receiver worker, with ZooKeeper, nats-server and a Kafka stand-in on the db host. The
design pipeline through the cmdlets (databases, configuration, start in order, HA), the pre-flight, the apps pipeline
(Get-ChildItem *.siddhi | Publish-DasSiddhiApp), the manager-failover and worker-loss drills with their measured
times, and the same cluster through the dasops CLI. The Kafka client jars become OSGi bundles through each node's own
bin/jartobundle.sh, run on the emulator's JDK 1.8 stand-in; a node without JDK 1.8 is refused before anything changes.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Lab (Stream Processor): skipped: $script:LabSkipReason" }
}

Describe 'A Stream Processor distributed cluster (5 lab hosts)' -Tag Lab -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
        # SP homes on the hosts, and the messaging services (ZooKeeper, nats-server, the Kafka stand-in) on the db host.
        $env:LAB_PRODUCT_FIXTURE = Join-Path $script:DasRepoRoot 'tests/fixtures/sp-4.4.0'
        $env:DASOPS_LAB_SERVICES = '1'
        try { $lab = Start-DasLab -Nodes 5 } finally { Remove-Item Env:LAB_PRODUCT_FIXTURE, Env:DASOPS_LAB_SERVICES }

        # Plain (non-OSGi) jars, named like the Kafka 0.10 client jars seed 004 converts.
        $jarDir = Join-Path $lab.LAB_DIR 'pester-sp-jars'
        Remove-Item -Recurse -Force $jarDir -ErrorAction SilentlyContinue
        New-Item -ItemType Directory -Force -Path $jarDir | Out-Null
        Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
        function New-PlainJar([string] $Path, [string[]] $Classes) {
            $zip = [System.IO.Compression.ZipFile]::Open($Path, [System.IO.Compression.ZipArchiveMode]::Create)
            try {
                foreach ($class in $Classes) {
                    $writer = [System.IO.StreamWriter]::new($zip.CreateEntry($class).Open())
                    try { $writer.Write("class $class") } finally { $writer.Dispose() }
                }
            }
            finally { $zip.Dispose() }
        }
        New-PlainJar (Join-Path $jarDir 'kafka_2.11-0.10.0.0.jar') @('kafka/admin/AdminUtils.class', 'kafka/utils/ZkUtils.class')
        New-PlainJar (Join-Path $jarDir 'kafka-clients-0.10.0.0.jar') @('org/apache/kafka/clients/producer/KafkaProducer.class', 'org/apache/kafka/common/Node.class')
        New-PlainJar (Join-Path $jarDir 'zkclient-0.8.jar') @('org/I0Itec/zkclient/ZkClient.class')
        # A JDBC driver without an OSGi manifest is converted the same way (one that has one would be copied).
        $driverJar = Join-Path $lab.LAB_DIR 'pester-sp-mysql-connector-j-8.0.33.jar'
        Remove-Item -Force $driverJar -ErrorAction SilentlyContinue
        New-PlainJar $driverJar @('com/mysql/cj/jdbc/Driver.class')
        $lab.LAB_JAVA_HOME | Should -Not -BeNullOrEmpty

        $specPath = Join-Path $lab.LAB_DIR 'pester-lab-sp.yaml'
        @"
name: lab-sp
product: StreamProcessor
pattern: Distributed
knownHosts: $($lab.LAB_KNOWN_HOSTS)
jdbcDriver: $driverJar
defaults:
  home: $($lab.LAB_HOME)
  sshKey: $($lab.LAB_SSH_KEY)
  javaHome: $($lab.LAB_JAVA_HOME)
database:
  host: $($lab.LAB_DB_HOST)
  user: wso2sp
  adminUser: $($lab.LAB_DB_ADMIN_USER)
streamProcessor:
  minResourceCount: 1               # 2 resource workers: one can be lost (the worker-loss drill needs that)
  heartbeatInterval: 1000
  heartbeatMaxRetry: 2
  kafka:
    bootstrapServers: [$($lab.LAB_KAFKA)]
    zooKeeper: [$($lab.LAB_ZOOKEEPER)]
    clientJars: [$jarDir]
nodes:
  - { name: mgr1, host: 10.77.0.11, roles: [Manager] }
  - { name: mgr2, host: 10.77.0.12, roles: [Manager] }
  - { name: wrk1, host: 10.77.0.13, roles: [Worker] }
  - { name: wrk2, host: 10.77.0.14, roles: [Worker] }
  - { name: rcv1, host: 10.77.0.15, roles: [ReceiverWorker] }
"@ | Set-Content -Path $specPath -Encoding utf8

        # The same cluster without a JDK 1.8: none in the SSH session, or the machine's JDK 17.
        $noJavaSpec = Join-Path $lab.LAB_DIR 'pester-lab-sp-nojava.yaml'
        (Get-Content $specPath -Raw) -replace '(?m)^  javaHome: .*\r?\n', '' | Set-Content -Path $noJavaSpec -Encoding utf8
        $jdk17Spec = Join-Path $lab.LAB_DIR 'pester-lab-sp-jdk17.yaml'
        $jdk17 = Split-Path (Split-Path (& readlink -f /usr/bin/java))
        (Get-Content $specPath -Raw) -replace '(?m)^  javaHome: .*$', "  javaHome: $jdk17" | Set-Content -Path $jdk17Spec -Encoding utf8

        # The same cluster over OpenSSH (the default is SSH.NET), so the bundles cross both transports.
        $openSshSpec = Join-Path $lab.LAB_DIR 'pester-lab-sp-openssh.yaml'
        (Get-Content $specPath -Raw) -replace '(?m)^pattern: Distributed\r?$', "pattern: Distributed`ntransport: OpenSsh" | Set-Content -Path $openSshSpec -Encoding utf8

        $appDir = Join-Path $lab.LAB_DIR 'pester-sp-apps'
        New-Item -ItemType Directory -Force -Path $appDir | Out-Null
        @'
@App:name('wso2-app')
define stream TempStream (deviceID long, roomNo int, temp double);
@info(name = 'query-1')
@dist(execGroup='group-1')
from TempStream#window.time(2 min)
select avg(temp) as avgTemp, roomNo, deviceID
insert all events into AvgTempStream;
@info(name = 'query-3')
@dist(execGroup='group-2', parallel='2')
from TempStream[(roomNo >= 100 and roomNo < 110) and temp > 40]
select roomNo, temp
insert into HighTempStream;
'@ | Set-Content -Path (Join-Path $appDir 'wso2-app.siddhi') -Encoding utf8

        # An app whose stream has a user-defined source, read by a group of parallel 2: SP puts a passthrough group in
        # front of it, and only a receiver worker may run that.
        $receiverAppDir = Join-Path $lab.LAB_DIR 'pester-sp-receiver-apps'
        New-Item -ItemType Directory -Force -Path $receiverAppDir | Out-Null
        @'
@App:name('http-app')
@source(type='http', receiver.url='http://0.0.0.0:8006/sensors', @map(type='json'))
define stream SensorStream (room int, temp double);
@info(name = 'hot')
@dist(execGroup='hot', parallel='2')
from SensorStream[temp > 40]
select room, temp
insert into HotStream;
'@ | Set-Content -Path (Join-Path $receiverAppDir 'http-app.siddhi') -Encoding utf8

        $db = Get-DasTestCredential -UserName wso2sp -Text 'Sp<&"$;x]]>7'
        $cli = Join-Path $script:DasRepoRoot 'src/DasOps.Cli/bin/Debug/net10.0/dasops.dll'
        if (-not (Test-Path $cli)) {
            & dotnet build (Join-Path $script:DasRepoRoot 'src/DasOps.Cli/DasOps.Cli.csproj') -c Debug -nologo -v quiet | Out-Null
        }
    }

    AfterAll {
        Stop-DasLab
    }

    It 'refuses to convert jars on nodes without a JDK 1.8, on every node and before anything is touched' {
        $ConfirmPreference = 'None'
        $stock = Get-FileHash (Get-DasLabHomePath node1 'conf/manager/deployment.yaml')
        $written = Import-DasCluster $noJavaSpec | Publish-DasConfiguration -DatabaseCredential $db -ErrorAction SilentlyContinue -ErrorVariable failures
        $written | Should -BeNullOrEmpty
        ($failures | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' }) | Sort-Object -Unique | Should -Be 'DasJavaUnavailable'
        ($failures | ForEach-Object { $_.TargetObject }) | Sort-Object | Should -Be @('mgr1', 'mgr2', 'rcv1', 'wrk1', 'wrk2')
        $failures[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::NotInstalled)
        $failures[0].Exception.Message | Should -Match 'JAVA_HOME is not set .*bin/jartobundle\.sh needs a JDK 1\.8'

        $env:DASOPS_DB_PASSWORD = $db.GetNetworkCredential().Password
        try { $wrong = & dotnet $cli apply $jdk17Spec 2>&1 } finally { Remove-Item Env:DASOPS_DB_PASSWORD }
        $LASTEXITCODE | Should -Not -Be 0
        ($wrong -join "`n") | Should -Match 'node mgr1: .*/bin/java is not a JDK 1\.8 \(openjdk version "17'

        (Get-FileHash (Get-DasLabHomePath node1 'conf/manager/deployment.yaml')).Hash | Should -Be $stock.Hash
        Get-ChildItem (Get-DasLabHomePath node1 'lib') -Filter '*_1.0.0.jar' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path (Get-DasLabHomePath node1 '.dasops/bundles') | Should -BeFalse
    }

    It 'runs Import | Initialize-DasDatabase | Publish | Start -Wait | Test-DasHa: managers first, one active manager, every worker in its pool' {
        $ConfirmPreference = 'None'
        $checks = Import-DasCluster $specPath |
            Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $lab.AdminCredential -PassThru |
            Publish-DasConfiguration -DatabaseCredential $db -PassThru |
            Start-DasNode -Wait -PassThru |
            Test-DasHa
        $checks | ForEach-Object { $_.Result | Should -Be ([DasOps.DasCheckResult]::Pass) -Because "$($_.Node) $($_.Check): $($_.Detail)" }
        # Resource workers are in the leader's pool listing; the receiver worker, which SP lists nowhere, by its own log.
        ($checks | Where-Object Check -EQ 'worker-registered').Node | Sort-Object | Should -Be @('wrk1', 'wrk2')
        ($checks | Where-Object Check -EQ 'receiver-connected').Node | Should -Be 'rcv1'
        ($checks | Where-Object Check -EQ 'active-manager').Detail | Should -Match '^mgr[12] is the active manager$'

        # Each node got its own deployment.yaml, 0600, with its own carbon id.
        $workerYaml = Join-Path $lab.LAB_DIR 'hosts/node3/srv/das/conf/worker/deployment.yaml'
        $yaml = Get-Content $workerYaml -Raw
        $yaml | Should -Match '(?m)^  id: wrk1\r?$'
        $yaml | Should -Match 'isReceiverNode: false'
        (& stat -c %a $workerYaml) | Should -Be '600'
        # Each node's bin/jartobundle.sh made the Kafka client bundles in lib: the converter's names and manifest, the jar inside.
        foreach ($k in 1..5) {
            (Get-ChildItem (Get-DasLabHomePath "node$k" 'lib') -Filter '*_1.0.0.jar').Name | Sort-Object |
                Should -Be @('kafka_2.11_0.10.0.0_1.0.0.jar', 'kafka_clients_0.10.0.0_1.0.0.jar', 'pester_sp_mysql_connector_j_8.0.33_1.0.0.jar', 'zkclient_0.8_1.0.0.jar')
        }
        $bundle = [System.IO.Compression.ZipFile]::OpenRead((Get-DasLabHomePath node4 'lib/kafka_clients_0.10.0.0_1.0.0.jar'))
        try {
            # Unfolded: java.util.jar.Manifest breaks long lines, each continuation starting with a space.
            $manifest = [System.IO.StreamReader]::new($bundle.GetEntry('META-INF/MANIFEST.MF').Open()).ReadToEnd() -replace '\r?\n ', ''
            $manifest | Should -Match 'Bundle-SymbolicName: kafka_clients_0\.10\.0\.0\r?\n'
            $manifest | Should -Match 'Export-Package: org\.apache\.kafka\.clients\.producer,org\.apache\.kafka\.common'
            $inner = [System.IO.MemoryStream]::new()
            $bundle.GetEntry('kafka-clients-0.10.0.0.jar').Open().CopyTo($inner)
            [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($inner.ToArray())) |
                Should -Be (Get-FileHash (Join-Path $jarDir 'kafka-clients-0.10.0.0.jar')).Hash
        }
        finally { $bundle.Dispose() }
        (& stat -c %a (Get-DasLabHomePath node4 'lib/kafka_clients_0.10.0.0_1.0.0.jar')) | Should -Be '644'
        # The managers were ready before any worker started: every worker's started line is later than both managers'.
        $started = foreach ($k in 1..5) {
            $rt = if ($k -le 2) { 'manager' } else { 'worker' }
            $line = Select-String -Path (Join-Path $lab.LAB_DIR "hosts/node$k/srv/das/wso2/$rt/logs/carbon.log") -Pattern 'WSO2 Stream Processor started in' | Select-Object -Last 1
            [pscustomobject]@{ Runtime = $rt; At = [datetime]::ParseExact($line.Line.Substring(1, 23), 'yyyy-MM-dd HH:mm:ss,fff', $null) }
        }
        ($started | Where-Object Runtime -EQ worker | Measure-Object At -Minimum).Minimum |
            Should -BeGreaterThan ($started | Where-Object Runtime -EQ manager | Measure-Object At -Maximum).Maximum
    }

    It 'pre-flight: every node reaches the database, the managers Kafka and ZooKeeper, and their peers'' HTTPS; a stopped broker is named' {
        $cluster = Import-DasCluster $specPath
        $results = Test-DasCluster -Cluster $cluster -Connectivity
        $results | ForEach-Object { $_.Reached | Should -BeTrue -Because "$($_.Node) -> $($_.Peer) ($($_.Service)) $($_.Address): $($_.Detail)" }
        ($results | Where-Object Service -EQ kafka).Node | Sort-Object | Should -Be @('mgr1', 'mgr2')
        ($results | Where-Object Node -EQ wrk1).Peer | Sort-Object | Should -Be @('database', 'mgr1', 'mgr2')

        Invoke-DasLab svc-stop kafka
        try {
            $down = Test-DasCluster -Cluster $cluster -Connectivity -ErrorAction SilentlyContinue -ErrorVariable failures
            ($down | Where-Object { -not $_.Reached } | ForEach-Object { "$($_.Node) $($_.Peer)" }) | Sort-Object | Should -Be @('mgr1 kafka', 'mgr2 kafka')
            ($failures | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' }) | Sort-Object -Unique | Should -Be 'DasEndpointUnreachable'
            $live = & dotnet $cli validate $specPath --live 2>&1
            $LASTEXITCODE | Should -Be 1
            ($live -join "`n") | Should -Match 'mgr1 cannot reach kafka \(kafka\) at 10\.77\.0\.10:9092'
        }
        finally { Invoke-DasLab svc-start kafka }
    }

    It 'a second run changes nothing (no bundle is made again)' {
        $ConfirmPreference = 'None'
        $bundleTime = (Get-Item (Get-DasLabHomePath node2 'lib/zkclient_0.8_1.0.0.jar')).LastWriteTimeUtc
        $cluster = Import-DasCluster $specPath
        $db2 = $cluster | Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $lab.AdminCredential
        ($db2 | Where-Object { $_ -is [DasOps.DasDatabaseResult] }).Action | Sort-Object -Unique | Should -Be @([DasOps.DasDatabaseAction]::Unchanged)
        $cluster | Publish-DasConfiguration -DatabaseCredential $db | Should -BeNullOrEmpty
        $cluster | Compare-DasConfiguration -DatabaseCredential $db -Quiet | Should -BeExactly $true
        ($cluster | Start-DasNode -Wait).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::AlreadyRunning)
        (Get-Item (Get-DasLabHomePath node2 'lib/zkclient_0.8_1.0.0.jar')).LastWriteTimeUtc | Should -Be $bundleTime
    }

    It 'converts a changed client jar again on every node (over OpenSSH), shows it first, and a restore puts the old bundle back' {
        $ConfirmPreference = 'None'
        $jar = Join-Path $jarDir 'zkclient-0.8.jar'
        $original = [System.IO.File]::ReadAllBytes($jar)
        $oldBundle = (Get-FileHash (Get-DasLabHomePath node3 'lib/zkclient_0.8_1.0.0.jar')).Hash
        try {
            Remove-Item $jar
            New-PlainJar $jar @('org/I0Itec/zkclient/ZkClient.class', 'org/I0Itec/zkclient/ZkConnection.class')
            $cluster = Import-DasCluster $openSshSpec
            (Get-Content $openSshSpec -Raw) | Should -Match '(?m)^transport: OpenSsh'
            $diff = $cluster | Compare-DasConfiguration -DatabaseCredential $db
            ($diff | Where-Object Path -EQ 'lib/zkclient_0.8_1.0.0.jar').Node | Sort-Object | Should -Be @('mgr1', 'mgr2', 'rcv1', 'wrk1', 'wrk2')
            ($diff | Where-Object Path -EQ 'lib/zkclient_0.8_1.0.0.jar' | Select-Object -First 1).Diff | Should -Match '\(made from another jar\): bin/jartobundle\.sh will make it'
            $took = Measure-Command { $script:changed = $cluster | Publish-DasConfiguration -DatabaseCredential $db }
            $changed = $script:changed
            Write-Host ("SP jar conversion: a changed jar made into a bundle again on 5 nodes (read, java check, convert, stage, switch) in {0:0.0} s" -f $took.TotalSeconds)
            ($changed | Where-Object Path -EQ 'lib/zkclient_0.8_1.0.0.jar').Node | Sort-Object | Should -Be @('mgr1', 'mgr2', 'rcv1', 'wrk1', 'wrk2')
            ($changed | Where-Object Path -EQ '.dasops/bundles').Node | Sort-Object | Should -Be @('mgr1', 'mgr2', 'rcv1', 'wrk1', 'wrk2')
            (Get-FileHash (Get-DasLabHomePath node3 'lib/zkclient_0.8_1.0.0.jar')).Hash | Should -Not -Be $oldBundle
            $restored = Restore-DasConfiguration -Cluster $cluster -Node wrk1 -Confirm:$false
            ($restored | Where-Object Path -EQ 'lib/zkclient_0.8_1.0.0.jar').RestoredFrom | Should -Not -BeNullOrEmpty
            (Get-FileHash (Get-DasLabHomePath node3 'lib/zkclient_0.8_1.0.0.jar')).Hash | Should -Be $oldBundle
        }
        finally { [System.IO.File]::WriteAllBytes($jar, $original) }
        # The original jar again: wrk1's restored bundle and record match it; every other node converts it once more.
        $back = Import-DasCluster $specPath | Publish-DasConfiguration -DatabaseCredential $db
        ($back | Where-Object Path -EQ 'lib/zkclient_0.8_1.0.0.jar').Node | Sort-Object | Should -Be @('mgr1', 'mgr2', 'rcv1', 'wrk2')
        Import-DasCluster $specPath | Compare-DasConfiguration -DatabaseCredential $db -Quiet | Should -BeExactly $true
    }

    It 'removes the bundle of a jar the spec no longer names (a newer version replaces it), and a restore brings it back' {
        $ConfirmPreference = 'None'
        $old = Join-Path $jarDir 'zkclient-0.8.jar'
        $new = Join-Path $jarDir 'zkclient-0.9.jar'
        $oldPath = 'lib/zkclient_0.8_1.0.0.jar'
        $newPath = 'lib/zkclient_0.9_1.0.0.jar'
        $oldBundle = (Get-FileHash (Get-DasLabHomePath node3 $oldPath)).Hash
        $all = @('mgr1', 'mgr2', 'rcv1', 'wrk1', 'wrk2')
        try {
            Move-Item $old $new
            $cluster = Import-DasCluster $specPath
            $diff = $cluster | Compare-DasConfiguration -DatabaseCredential $db
            ($diff | Where-Object Path -EQ $oldPath | ForEach-Object { "$($_.Node) $($_.Change)" }) | Sort-Object | Should -Be ($all | ForEach-Object { "$_ Removed" })
            ($diff | Where-Object Path -EQ $oldPath | Select-Object -First 1).Diff | Should -Match 'made by bin/jartobundle\.sh from zkclient-0\.8\.jar, which the spec no longer names\): removed'
            ($diff | Where-Object Path -EQ $newPath | ForEach-Object { "$($_.Node) $($_.Change)" }) | Sort-Object | Should -Be ($all | ForEach-Object { "$_ Created" })

            $changed = $cluster | Publish-DasConfiguration -DatabaseCredential $db
            ($changed | Where-Object { $_.Path -eq $oldPath -and $_.Written }).Node | Sort-Object | Should -Be $all
            Get-DasLabHomePath node3 $oldPath | Should -Not -Exist
            Get-DasLabHomePath node3 $newPath | Should -Exist
            (Get-Content (Get-DasLabHomePath node3 '.dasops/bundles') -Raw) | Should -Not -Match 'zkclient_0\.8'
            $cluster | Compare-DasConfiguration -DatabaseCredential $db -Quiet | Should -BeExactly $true

            # The restore puts the removed bundle back, byte for byte, and removes the one that run made.
            $restored = Restore-DasConfiguration -Cluster $cluster -Node wrk1 -Confirm:$false
            ($restored | Where-Object Path -EQ $newPath).Change | Should -Be ([DasOps.DasChangeKind]::Removed)
            (Get-FileHash (Get-DasLabHomePath node3 $oldPath)).Hash | Should -Be $oldBundle
            Get-DasLabHomePath node3 $newPath | Should -Not -Exist
        }
        finally { if (Test-Path $new) { Move-Item $new $old } }
        # The old jar again: wrk1, restored, already matches; every other node makes its bundle again and drops the new one.
        $back = Import-DasCluster $specPath | Publish-DasConfiguration -DatabaseCredential $db
        ($back | Where-Object Path -EQ $oldPath).Node | Sort-Object | Should -Be @('mgr1', 'mgr2', 'rcv1', 'wrk2')
        ($back | Where-Object Path -EQ $newPath | ForEach-Object { "$($_.Node) $($_.Change)" }) | Sort-Object | Should -Be @('mgr1 Removed', 'mgr2 Removed', 'rcv1 Removed', 'wrk2 Removed')
        Import-DasCluster $specPath | Compare-DasConfiguration -DatabaseCredential $db -Quiet | Should -BeExactly $true
    }

    It 'deploys the app with Get-ChildItem *.siddhi | Publish-DasSiddhiApp, shows each group on its workers, and a redeploy is a no-op' {
        $cluster = Import-DasCluster $specPath
        $plan = Get-ChildItem (Join-Path $appDir '*.siddhi') | Publish-DasSiddhiApp -Cluster $cluster -WhatIf
        $plan.Action | Should -Be ([DasOps.DasSiddhiAppAction]::WouldDeploy)
        ($plan.Groups | ForEach-Object { "$($_.Name) x$($_.Parallel)" }) | Should -Be @('group-1 x1', 'group-2 x2')
        (Get-DasSiddhiApp -Cluster $cluster) | Should -BeNullOrEmpty

        $deployed = Get-ChildItem (Join-Path $appDir '*.siddhi') | Publish-DasSiddhiApp -Cluster $cluster -Confirm:$false
        $deployed.Action | Should -Be ([DasOps.DasSiddhiAppAction]::Deployed)
        $deployed.Status | Should -Be 'active'
        ($deployed.Groups | ForEach-Object { "$($_.Name) x$($_.Parallel) on $($_.Workers.Count)" }) | Should -Be @('group-1 x1 on 1', 'group-2 x2 on 2')

        (Get-ChildItem (Join-Path $appDir '*.siddhi') | Publish-DasSiddhiApp -Cluster $cluster -Confirm:$false).Action |
            Should -Be ([DasOps.DasSiddhiAppAction]::Unchanged)
        (Get-DasSiddhiApp -Cluster $cluster).Name | Should -Be 'wso2-app'
        (Test-DasHa -Cluster $cluster | Where-Object Check -EQ 'app wso2-app').Result | Should -Be ([DasOps.DasCheckResult]::Pass)
    }

    It 'deploys an app with an HTTP source: its passthrough group runs on the receiver worker only' {
        $cluster = Import-DasCluster $specPath
        $deployed = Get-ChildItem (Join-Path $receiverAppDir '*.siddhi') | Publish-DasSiddhiApp -Cluster $cluster -Confirm:$false
        $deployed.Action | Should -Be ([DasOps.DasSiddhiAppAction]::Deployed)
        $deployed.Status | Should -Be 'active'
        $passthrough = $deployed.Groups | Where-Object Name -Like 'passthrough*'
        $passthrough.Workers | Should -Be @('rcv1')
        ($deployed.Groups | Where-Object Name -EQ 'hot').Workers | Sort-Object -Unique | Should -Not -Contain 'rcv1'
        (Test-DasHa -Cluster $cluster | Where-Object Check -EQ 'app http-app').Result | Should -Be ([DasOps.DasCheckResult]::Pass)
    }

    It 'fails over: the other manager takes over, the workers re-register, the app comes back, the old manager rejoins passive; a lost worker''s groups move' {
        $cluster = Import-DasCluster $specPath
        $checks = Test-DasHa -Cluster $cluster -Failover -TimeoutSeconds 90 -Confirm:$false
        $checks | ForEach-Object { $_.Result | Should -Be ([DasOps.DasCheckResult]::Pass) -Because "$($_.Node) $($_.Check): $($_.Detail)" }
        foreach ($check in 'manager-takeover', 'workers-reregistered', 'apps-after-failover', 'manager-rejoin', 'worker-loss-redeploy') {
            $checks.Check | Should -Contain $check
        }
        $takeover = $checks | Where-Object Check -EQ 'manager-takeover'
        $takeover.Duration.TotalSeconds | Should -BeGreaterThan 0
        Write-Host ("SP failover: takeover {0:0.0} s, workers back {1:0.0} s, app back {2:0.0} s, worker loss redeployed in {3:0.0} s" -f
            $takeover.Duration.TotalSeconds, ($checks | Where-Object Check -EQ 'workers-reregistered').Duration.TotalSeconds,
            ($checks | Where-Object Check -EQ 'apps-after-failover').Duration.TotalSeconds, ($checks | Where-Object Check -EQ 'worker-loss-redeploy').Duration.TotalSeconds)
        Wait-DasLabHealthy $cluster | Should -BeTrue
    }

    It 'runs the same job through the dasops CLI: db init and apply unchanged, status, test-ha --failover, app list, app deploy unchanged' {
        $env:DASOPS_DB_PASSWORD = $db.GetNetworkCredential().Password
        $env:DASOPS_DB_ADMIN_PASSWORD = $lab.AdminCredential.GetNetworkCredential().Password
        try {
            $init = & dotnet $cli db init $specPath 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($init -join "`n")
            ($init -join "`n") | Should -Match 'db init: unchanged'
            $apply = & dotnet $cli apply $specPath 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($apply -join "`n")
            ($apply -join "`n") | Should -Match 'Apply: 0 changed, 5 unchanged'
            ($init + $apply) -join "`n" | Should -Not -Match ([regex]::Escape($env:DASOPS_DB_PASSWORD))
        }
        finally { Remove-Item Env:DASOPS_DB_PASSWORD, Env:DASOPS_DB_ADMIN_PASSWORD }
        $drill = & dotnet $cli test-ha $specPath --failover --timeout 90 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($drill -join "`n")
        ($drill -join "`n") | Should -Match 'manager-takeover\s+Pass'
        ($drill -join "`n") | Should -Match 'worker-loss-redeploy\s*Pass'
        $status = & dotnet $cli status $specPath 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($status -join "`n")
        ($status -join "`n") | Should -Match 'active manager'
        $ha = & dotnet $cli test-ha $specPath 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($ha -join "`n")
        $list = & dotnet $cli app list $specPath 2>&1
        ($list -join "`n") | Should -Match 'wso2-app: active'
        $again = & dotnet $cli app deploy $specPath (Join-Path $appDir 'wso2-app.siddhi') 2>&1
        ($again -join "`n") | Should -Match 'wso2-app: unchanged'
    }

    It 'stops the cluster, and a second stop changes nothing' {
        $cluster = Import-DasCluster $specPath
        (Stop-DasNode -Cluster $cluster -Confirm:$false).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::Stopped)
        (Stop-DasNode -Cluster $cluster -Confirm:$false).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::AlreadyStopped)
    }
}
