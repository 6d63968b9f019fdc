<#
Publish-DasSiddhiApp and Get-DasSiddhiApp without a lab. The managers of this spec are reached over ssh on 127.0.0.1
port 9, where nothing listens: an app that is checked before any connection fails with its own error, and one that
gets as far as finding the active manager fails because none answers.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')

    $script:ClosedPortSpSpec = @'
name: sp
product: StreamProcessor
pattern: Distributed
database: {host: 10.77.0.10}
streamProcessor:
  minResourceCount: 2
  kafka:
    bootstrapServers: [10.77.0.10:9092]
    zooKeeper: [10.77.0.10:2181]
nodes:
  - {name: mgr1, host: 10.77.0.11, roles: [Manager], sshHost: 127.0.0.1, sshPort: 9}
  - {name: mgr2, host: 10.77.0.12, roles: [Manager], sshHost: 127.0.0.1, sshPort: 9}
  - {name: wrk1, host: 10.77.0.13, roles: [Worker], sshHost: 127.0.0.1, sshPort: 9}
  - {name: wrk2, host: 10.77.0.14, roles: [Worker], sshHost: 127.0.0.1, sshPort: 9}
  - {name: rcv1, host: 10.77.0.15, roles: [ReceiverWorker], sshHost: 127.0.0.1, sshPort: 9}
'@

    $script:GoodApp = @'
@App:name('temperature')
define stream TempStream (deviceID long, roomNo int, temp double);
@info(name = 'avg')
@dist(execGroup='group-1')
from TempStream#window.time(2 min)
select avg(temp) as avgTemp, roomNo
insert into AvgTempStream;
@dist(execGroup='group-2', parallel='2')
from TempStream[temp > 40]
select roomNo, temp
insert into HighTempStream;
'@

    # No @App:name (line 1), and group g with two parallel values (its queries at lines 3 and 5).
    $script:BadApp = @'
define stream S (a int);
@dist(execGroup='g', parallel='2')
from S select a insert into T;
@dist(execGroup='g', parallel='3')
from T select a insert into U;
'@
}

Describe 'Publish-DasSiddhiApp and Get-DasSiddhiApp' -Tag UnitTests {
    Context 'Parameters' {
        It 'has -Path and the ssh parameters; Get-DasSiddhiApp only the ssh parameters' {
            Get-DasOwnParameter Publish-DasSiddhiApp | Should -Be (@('Path') + $script:RemoteParameters | Sort-Object)
            Get-DasOwnParameter Get-DasSiddhiApp | Should -Be ($script:RemoteParameters | Sort-Object)
        }

        It 'binds -Path from files by FullName or PSPath, and deploys only with ShouldProcess' {
            $path = (Get-Command Publish-DasSiddhiApp).Parameters['Path']
            $path.Aliases | Should -Be @('FullName', 'PSPath')
            $path.ParameterSets.Values.ValueFromPipelineByPropertyName | Should -BeTrue
            $attribute = (Get-Command Publish-DasSiddhiApp).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.SupportsShouldProcess | Should -BeTrue
        }

        It 'outputs DasSiddhiAppDeployment and DasSiddhiApp, with views' {
            (Get-Command Publish-DasSiddhiApp).OutputType.Name | Should -Be @('DasOps.DasSiddhiAppDeployment')
            (Get-Command Get-DasSiddhiApp).OutputType.Name | Should -Be @('DasOps.DasSiddhiApp')
            'DasSiddhiAppDeployment', 'DasSiddhiApp', 'DasSiddhiAppGroup' | ForEach-Object { Get-FormatData -TypeName "DasOps.$_" | Should -Not -BeNullOrEmpty }
            [enum]::GetNames([DasOps.DasSiddhiAppAction]) | Should -Be @('Deployed', 'Replaced', 'Unchanged', 'WouldDeploy', 'WouldReplace')
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
            $knownHosts = Join-Path $dir 'known_hosts'
            Set-Content -Path $knownHosts -Value '' -NoNewline
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir -Name 'sp.yaml' -Text ("knownHosts: $knownHosts`n" + $script:ClosedPortSpSpec))
            $apps = Join-Path $dir 'apps'
            New-Item -ItemType Directory -Path $apps | Out-Null
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'refuses a bad app with every problem at file:line, before any manager is contacted' {
            [IO.File]::WriteAllText((Join-Path $apps 'bad.siddhi'), $script:BadApp)
            $out = Publish-DasSiddhiApp -Cluster $cluster -Path (Join-Path $apps 'bad.siddhi') -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
            $problems[0].Exception.Message | Should -Match ([regex]::Escape('bad.siddhi:1: no @App:name'))
            $problems[0].Exception.Message | Should -Match ([regex]::Escape("bad.siddhi:5: group 'g' has parallel='3' here and parallel='2' at line 3"))
        }

        It 'takes the files of Get-ChildItem by property name and checks them all in one deployment' {
            [IO.File]::WriteAllText((Join-Path $apps 'a.siddhi'), $script:BadApp)
            [IO.File]::WriteAllText((Join-Path $apps 'b.siddhi'), $script:BadApp.Replace("define stream S", "@App:name('b')`ndefine stream S"))
            Get-ChildItem (Join-Path $apps '*.siddhi') | Publish-DasSiddhiApp -Cluster $cluster -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            # One refusal naming both files: both bound -Path and were parsed together, and no manager was contacted.
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
            $problems[0].Exception.Message | Should -Match ([regex]::Escape('a.siddhi:1: no @App:name'))
            $problems[0].Exception.Message | Should -Match ([regex]::Escape("b.siddhi:6: group 'g' has parallel='3' here and parallel='2' at line 4"))
            $problems[0].Exception.Message | Should -Not -Match ([regex]::Escape('b.siddhi:1:'))
        }

        It 'expands wildcards and refuses two files with the same app name' {
            [IO.File]::WriteAllText((Join-Path $apps 'one.siddhi'), $script:GoodApp)
            [IO.File]::WriteAllText((Join-Path $apps 'two.siddhi'), $script:GoodApp)
            Publish-DasSiddhiApp $cluster (Join-Path $apps '*.siddhi') -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].Exception.Message | Should -Match "the app name 'temperature' is in .*one\.siddhi and .*two\.siddhi"
        }

        It 'names a missing file as DasFileNotFound and deploys nothing, not even the files that exist' {
            [IO.File]::WriteAllText((Join-Path $apps 'good.siddhi'), $script:GoodApp)
            $missing = Join-Path $apps 'missing.siddhi'
            Publish-DasSiddhiApp -Cluster $cluster -Path (Join-Path $apps 'good.siddhi'), $missing, (Join-Path $apps 'none*.siddhi') -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            $problems.Count | Should -Be 2
            $problems.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'DasFileNotFound,*' }
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $problems[0].TargetObject | Should -Be $missing
            $problems[0].Exception.Message | Should -BeLike "*missing.siddhi*"
            $problems[1].TargetObject | Should -Be (Join-Path $apps 'none*.siddhi')
        }

        It 'reports a missing file once when several clusters are piped' {
            $second = Import-DasCluster $cluster.Path
            $cluster, $second | Publish-DasSiddhiApp -Path (Join-Path $apps 'missing.siddhi') -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
        }

        It 'is DasNoActiveManager when a good app finds no manager leading' {
            [IO.File]::WriteAllText((Join-Path $apps 'good.siddhi'), $script:GoodApp)
            Publish-DasSiddhiApp -Cluster $cluster -Path (Join-Path $apps 'good.siddhi') -WhatIf -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNoActiveManager,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $problems[0].Exception.Message | Should -Match 'no manager is active'
            $problems[0].Exception.Message | Should -Match 'mgr1: .*mgr2: '
        }

        It 'lists nothing and says why when no manager leads' {
            Get-DasSiddhiApp -Cluster $cluster -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNoActiveManager,*'
        }

        It 'refuses a cluster that is not a Stream Processor' {
            [IO.File]::WriteAllText((Join-Path $apps 'good.siddhi'), $script:GoodApp)
            $isa = Import-DasCluster (New-DasTestSpec -Directory $dir)
            Publish-DasSiddhiApp -Cluster $isa -Path (Join-Path $apps 'good.siddhi') -WhatIf -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
            $problems[0].Exception.Message | Should -Match 'Stream Processor'
        }
    }
}
