<#
The default views of DasOps.format.ps1xml, rendered: every output type of src/DasOps/Output as `Format-Table |
Out-String -Width 120`, compared with tests/Pester/snapshots/<Type>.txt. A missing or different snapshot fails; with
DASOPS_UPDATE_SNAPSHOTS=1 the rendering is written as the new snapshot instead (read it before committing it).
Types no offline cmdlet returns are built by reflection from the engine's results, as the cmdlets build them.
#>

BeforeDiscovery {
    $types = @(
        'DasCluster', 'DasNodeInfo', 'DasValidationError', 'DasFileChange', 'DasDatabaseResult', 'DasDatabaseAccountResult',
        'DasNodeStatus', 'DasNodeActionResult', 'DasHaCheck', 'DasPersistenceResult', 'DasSiddhiAppDeployment', 'DasSiddhiApp', 'DasSiddhiAppGroup'
    ) | ForEach-Object { @{ Type = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
    # Snapshots are plain text: no colours in table headers (PowerShell 7.2+).
    if (Get-Variable PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
    $snapshots = Join-Path $PSScriptRoot 'snapshots'
    $update = $env:DASOPS_UPDATE_SNAPSHOTS -eq '1'

    $dir = New-DasTestDirectory
    $minimumHa = Import-DasCluster (New-DasTestSpec -Directory $dir -Name 'isa.yaml')
    $distributed = Import-DasCluster (New-DasTestSpec -Directory $dir -Name 'das-prod.yaml' -Text $script:FullyDistributedSpec)
    # The spec's path is the test's temporary directory; a fixed one keeps the snapshot stable.
    $pathSetter = [DasOps.DasCluster].GetProperty('Path').GetSetMethod($true)
    $pathSetter.Invoke($minimumHa, @('/srv/dasops/isa.yaml'))
    $pathSetter.Invoke($distributed, @('/srv/dasops/das-prod.yaml'))

    $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DasOps.Engine' } | Select-Object -First 1

    # An instance of a type with a non-public constructor, each argument converted to its parameter's type (lists
    # become typed arrays), the way the cmdlets construct their output from the engine's results.
    function New-DasInstance {
        param([Parameter(Mandatory)] [type] $Type, [object[]] $Arguments = @())
        $flags = [System.Reflection.BindingFlags]'Instance, Public, NonPublic'
        $constructor = $Type.GetConstructors($flags) | Where-Object { $_.GetParameters().Count -eq $Arguments.Count } | Select-Object -First 1
        if (-not $constructor) { throw "$($Type.FullName) has no constructor of $($Arguments.Count) parameters." }
        $parameters = $constructor.GetParameters()
        $converted = for ($i = 0; $i -lt $parameters.Count; $i++) {
            $target = $parameters[$i].ParameterType
            if ($target.IsGenericType -and $target.GetGenericTypeDefinition() -eq [System.Collections.Generic.IReadOnlyList`1]) {
                $element = $target.GetGenericArguments()[0]
                $items = @($Arguments[$i])
                $array = [Array]::CreateInstance($element, $items.Count)
                for ($j = 0; $j -lt $items.Count; $j++) { $array[$j] = $items[$j] }
                , $array
            }
            else { , [System.Management.Automation.LanguagePrimitives]::ConvertTo($Arguments[$i], $target) }
        }
        $constructor.Invoke([object[]]$converted)
    }

    function New-DasEngineObject {
        param([Parameter(Mandatory)] [string] $TypeName, [object[]] $Arguments = @())
        New-DasInstance -Type $engine.GetType($TypeName, $true) -Arguments $Arguments
    }

    $seconds = { param($s) [TimeSpan]::FromSeconds($s) }
    $hash = 'a3f5c2e19b7d40e8c6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7'

    $samples = @{
        DasCluster               = { $minimumHa, $distributed }
        DasNodeInfo              = { $minimumHa.Nodes + $distributed.Nodes }
        DasValidationError       = {
            $text = "name: c`ndatabase: {host: 10.0.0.10, names: {regDb: 'reg-db'}}`nnodes:`n  - {name: n1, host: 127.0.0.1, colour: red}`n  - {name: n2, host: 10.0.0.12}`n"
            Test-DasCluster -Path (New-DasTestSpec -Directory $dir -Name 'broken.yaml' -Text $text)
        }
        DasFileChange            = {
            $published = New-DasEngineObject 'DasOps.Engine.Publishing.FilePublishResult' @(
                'node1', 'repository/conf/datasources/analytics-datasources.xml', 'Modified', $hash, ($hash.Substring(5) + '00000'), 384, 420, $true, $true, '')
            $created = New-DasEngineObject 'DasOps.Engine.Publishing.FilePublishResult' @(
                'node2', 'repository/conf/analytics/spark/spark-defaults.conf', 'Created', $null, $hash, 420, $null, $true, $false, '')
            $modeOnly = New-DasEngineObject 'DasOps.Engine.Publishing.FilePublishResult' @(
                'node2', 'repository/conf/user-mgt.xml', 'Unchanged', $hash, $hash, 384, 420, $true, $true, '')
            New-DasInstance ([DasOps.DasFileChange]) @($published, '20261206T221530.417Z', $null)
            New-DasInstance ([DasOps.DasFileChange]) @($created, $null, $null)
            New-DasInstance ([DasOps.DasFileChange]) @($modeOnly, '20261206T221530.417Z', $null)
        }
        DasDatabaseResult        = {
            $reports = @(
                # The spec's default database names.
                New-DasEngineObject 'DasOps.Engine.Database.DatabaseReport' @('userdb', 'userdb', 'Created', 'latin1', 'Created', 43, '')
                New-DasEngineObject 'DasOps.Engine.Database.DatabaseReport' @('regdb', 'regdb', 'Unchanged', 'latin1', 'Unchanged', 43, '')
                New-DasEngineObject 'DasOps.Engine.Database.DatabaseReport' @('WSO2_ANALYTICS_EVENT_STORE_DB', 'eventStore', 'Unchanged', 'utf8mb4', $null, 12,
                    "character set utf8mb4, not the spec's latin1: the database existed before and was left as it is")
                New-DasEngineObject 'DasOps.Engine.Database.DatabaseReport' @('WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB', 'processedDataStore', 'Created', 'latin1', $null, 0, '')
            )
            $outcome = New-DasEngineObject 'DasOps.Engine.Database.DatabaseInitResult' @('MariaDB 10.11.6 at 10.77.0.10:3306', 'node1', $null, $reports, @(), @())
            $reports | ForEach-Object { New-DasInstance ([DasOps.DasDatabaseResult]) @($outcome, $_) }
        }
        DasDatabaseAccountResult = {
            $accounts = @(
                New-DasEngineObject 'DasOps.Engine.Database.AccountReport' @("'wso2carbon'@'10.77.0.11'", 'Created', 'Created', '')
                New-DasEngineObject 'DasOps.Engine.Database.AccountReport' @("'wso2carbon'@'10.77.0.12'", 'Unchanged', 'Failed',
                    'GRANT ALL ON WSO2REG_DB.* failed: Access denied for user admin (the admin account lacks GRANT OPTION)')
            )
            $outcome = New-DasEngineObject 'DasOps.Engine.Database.DatabaseInitResult' @('MariaDB 10.11.6 at 10.77.0.10:3306', 'node1', $null, @(), $accounts, @())
            $accounts | ForEach-Object { New-DasInstance ([DasOps.DasDatabaseAccountResult]) @($outcome, $_) }
        }
        DasNodeStatus            = {
            New-DasInstance ([DasOps.DasNodeStatus]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Lifecycle.NodeStatus' @(
                        'node1', '10.77.0.11', 'All', 'running', 48211, $true, 'Active', 'ALIVE', 2, 2, '')))
            New-DasInstance ([DasOps.DasNodeStatus]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Lifecycle.NodeStatus' @(
                        'node2', '10.77.0.12', 'All', 'stale pid file', $null, $false, $null, $null, $null, 2, '')))
            New-DasInstance ([DasOps.DasNodeStatus]) @($distributed, (New-DasEngineObject 'DasOps.Engine.Lifecycle.NodeStatus' @(
                        'ana1', '10.77.0.15', 'Analyzer', 'unreachable', $null, $false, $null, $null, $null, 2,
                        'ssh: connect to host 10.77.0.15 port 22: Connection timed out')))
        }
        DasNodeActionResult      = {
            New-DasInstance ([DasOps.DasNodeActionResult]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Lifecycle.NodeActionResult' @(
                        'node1', 'Started', 48211, 'ready in 41.3 s (https 9444)', (& $seconds 41.3), $false)))
            New-DasInstance ([DasOps.DasNodeActionResult]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Lifecycle.NodeActionResult' @(
                        'node2', 'Failed', 48377, 'not ready within 300 s: no "WSO2 Carbon started" in repository/logs/wso2carbon.log and port 9445 closed', (& $seconds 300), $false)))
        }
        DasHaCheck               = {
            New-DasInstance ([DasOps.DasHaCheck]) @((New-DasEngineObject 'DasOps.Engine.Ha.HaCheck' @('node1', 'ssh', 'Pass', 'wso2@10.77.0.11 answers', (& $seconds 0.21))))
            New-DasInstance ([DasOps.DasHaCheck]) @((New-DasEngineObject 'DasOps.Engine.Ha.HaCheck' @('cluster', 'spark-masters', 'Pass', 'one ALIVE (node1), one STANDBY (node2)', (& $seconds 0.5))))
            New-DasInstance ([DasOps.DasHaCheck]) @((New-DasEngineObject 'DasOps.Engine.Ha.HaCheck' @('node2', 'failover-cep', 'Pass', 'became CEP Active 12.4 s after node1 was stopped', (& $seconds 12.4))))
            New-DasInstance ([DasOps.DasHaCheck]) @((New-DasEngineObject 'DasOps.Engine.Ha.HaCheck' @('node1', 'failover-rejoin', 'Fail',
                            'node1 came back as CEP Active and Spark ALIVE: two active members (split brain); expected Passive/STANDBY', (& $seconds 95.02))))
        }
        DasPersistenceResult     = {
            $file = { param($n, $size) New-DasEngineObject 'DasOps.Engine.Lifecycle.PersistenceFile' @("/opt/wso2is-analytics/cep_persistence/-1234/plan/$n`_plan", '-1234', 'plan', "$n", $size) }
            $selected = @((& $file 1733520000000 1048576), (& $file 1733520060000 1048576))
            New-DasInstance ([DasOps.DasPersistenceResult]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Lifecycle.PersistenceCleanResult' @(
                        'node1', 'Cleaned', '/opt/wso2is-analytics/cep_persistence', 2, 1, $selected, $selected, (& $seconds 0.4), $null, 'None')))
            New-DasInstance ([DasOps.DasPersistenceResult]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Lifecycle.PersistenceCleanResult' @(
                        'node2', 'Failed', '/opt/wso2is-analytics/cep_persistence', 0, 0, @(), @(), (& $seconds 0.1),
                        'ssh: connect to host 10.77.0.12 port 22: Connection refused', 'Unreachable')))
        }
    }

    $group = { param($name, $parallel, $workers) New-DasEngineObject 'DasOps.Engine.Products.Sp.DeployedGroup' @($name, $parallel, $workers) }
    $samples.DasSiddhiAppDeployment = {
        $placed = @((& $group 'group-1' 1 @('wrk1')), (& $group 'group-2' 2 @('wrk1', 'wrk2')))
        New-DasInstance ([DasOps.DasSiddhiAppDeployment]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Products.Sp.SiddhiAppDeployment' @(
                    'temperature', '/srv/apps/temperature.siddhi', 'Deployed', 'mgr1', 'active', $placed)))
        New-DasInstance ([DasOps.DasSiddhiAppDeployment]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Products.Sp.SiddhiAppDeployment' @(
                    'humidity', '/srv/apps/humidity.siddhi', 'WouldReplace', 'mgr1', 'not deployed', @((& $group 'filter' 3 @())))))
    }
    $samples.DasSiddhiApp = {
        New-DasInstance ([DasOps.DasSiddhiApp]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Products.Sp.DeployedSiddhiApp' @(
                    'temperature', 'active', @((& $group 'group-1' 1 @('wrk1')), (& $group 'group-2' 2 @('wrk1', 'wrk2'))))))
        New-DasInstance ([DasOps.DasSiddhiApp]) @($minimumHa, (New-DasEngineObject 'DasOps.Engine.Products.Sp.DeployedSiddhiApp' @(
                    'humidity', 'waiting', @((& $group 'filter' 3 @())))))
    }
    $samples.DasSiddhiAppGroup = {
        New-DasInstance ([DasOps.DasSiddhiAppGroup]) @((& $group 'group-1' 1 @('wrk1')))
        New-DasInstance ([DasOps.DasSiddhiAppGroup]) @((& $group 'group-2' 2 @('wrk1', 'wrk2')))
        New-DasInstance ([DasOps.DasSiddhiAppGroup]) @((& $group 'filter' 3 @()))
    }

    # Trailing blanks are layout, not content; the line ending is the platform's.
    function ConvertTo-DasSnapshotText {
        param([Parameter(Mandatory)] [string] $Text)
        (($Text -split '\r?\n') | ForEach-Object { $_.TrimEnd() }) -join "`n" | ForEach-Object { $_.Trim("`n") + "`n" }
    }
}

AfterAll {
    Remove-Item -Recurse -Force $dir
}

Describe 'Default view of <Type>' -ForEach $types -Tag UnitTests {
    BeforeAll {
        $objects = @(& $samples[$Type])
        $rendered = ConvertTo-DasSnapshotText ($objects | Format-Table | Out-String -Width 120)
        $snapshot = Join-Path $snapshots "$Type.txt"
    }

    It 'is what the cmdlets output' {
        $objects.Count | Should -BeGreaterThan 0
        $objects | ForEach-Object { $_.GetType().FullName | Should -Be "DasOps.$Type" }
    }

    It 'is a table of the view''s columns, no line wider than 120' {
        $header = ($rendered -split "`n")[0]
        $expected = (Get-FormatData -TypeName "DasOps.$Type").FormatViewDefinition[0].Control.Headers.Label
        foreach ($label in $expected) { $header | Should -Match ([regex]::Escape($label)) }
        $rendered -split "`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
    }

    It 'renders as tests/Pester/snapshots/<Type>.txt' {
        if ($update) {
            [System.IO.File]::WriteAllText($snapshot, $rendered)
            Set-ItResult -Skipped -Because "DASOPS_UPDATE_SNAPSHOTS=1 wrote $snapshot"
            return
        }
        $snapshot | Should -Exist -Because 'a view without a snapshot is unchecked (write it with DASOPS_UPDATE_SNAPSHOTS=1 and read it)'
        $rendered | Should -BeExactly (ConvertTo-DasSnapshotText ([System.IO.File]::ReadAllText($snapshot)))
    }
}
