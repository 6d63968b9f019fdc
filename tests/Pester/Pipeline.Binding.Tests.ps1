<#
The pipeline binding of about_DasOps, rule by rule, proven by what the cmdlets do rather than by their attributes.
The nodes of these specs are reached over ssh on 127.0.0.1 port 9, where nothing listens: every node that a cmdlet
really works on fails at once as DasNodeUnreachable, with its name as the error's target. So the targets of the
errors say exactly which nodes a piped object selected, without a lab.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')

    function New-ClosedPortSpec([string] $Directory, [string] $Text) {
        $knownHosts = Join-Path $Directory 'known_hosts'
        Set-Content -Path $knownHosts -Value '' -NoNewline
        # Every node's ssh goes to a closed local port: refused at once, never a timeout.
        $text = $Text -replace '(?m)^(\s*-\s*\{\s*name:\s*\w+,\s*host:\s*[\d.]+)', '$1, sshHost: 127.0.0.1, sshPort: 9'
        $text = $text -replace '(?m)^(  - name: \w+)$', "`$1`n    sshHost: 127.0.0.1`n    sshPort: 9"
        New-DasTestSpec -Directory $Directory -Text ("knownHosts: $knownHosts`n" + $text)
    }
}

Describe 'Pipeline binding' {
    BeforeEach {
        $dir = New-DasTestDirectory
        $isa = Import-DasCluster (New-ClosedPortSpec -Directory $dir -Text $script:MinimumHaSpec)
        $fdDir = New-DasTestDirectory
        $fd = Import-DasCluster (New-ClosedPortSpec -Directory $fdDir -Text $script:FullyDistributedSpec)
    }

    AfterEach {
        Remove-Item -Recurse -Force $dir, $fdDir
    }

    It 'reaches the nodes only through ssh port 9 of this machine (the premise of these tests)' {
        Get-DasNode -Cluster $isa -Node node1 -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeUnreachable,*'
        $problems[0].TargetObject | Should -Be 'node1'
    }

    It 'binds a piped cluster to -Cluster only: its Name never selects a node' {
        $status = $isa | Get-DasNode -ErrorVariable problems -ErrorAction SilentlyContinue
        $status.Node | Should -Be @('node1', 'node2')
        $problems.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'DasNodeUnreachable,*' }
        $problems.TargetObject | Should -Be @('node1', 'node2')
    }

    It 'binds node objects by their Cluster and Node properties' {
        $status = $isa.Nodes | Where-Object Name -EQ 'node2' | Get-DasNode -ErrorAction SilentlyContinue
        $status.Node | Should -Be @('node2')
        $status.Cluster | Should -Be $isa
    }

    It 'binds status objects from Get-DasNode, filtered by Role, to the per-node cmdlets' {
        $status = Get-DasNode -Cluster $fd -ErrorAction SilentlyContinue |
            Where-Object Role -EQ Receiver |
            Get-DasNode -ErrorAction SilentlyContinue
        $status.Node | Should -Be @('rcv1', 'rcv2')
    }

    It 'works on the receivers only with Get-DasNode | Where-Object Role -eq Receiver | Restart-DasNode' {
        Get-DasNode -Cluster $fd -ErrorAction SilentlyContinue |
            Where-Object Role -EQ Receiver |
            Restart-DasNode -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems.TargetObject | Sort-Object -Unique | Should -Be @('rcv1', 'rcv2')
    }

    It 'gives every node the profile it starts with as its Role' {
        ($fd.Nodes | ForEach-Object { "$($_.Name)=$($_.Role)" }) -join ' ' |
            Should -Be 'rcv1=Receiver rcv2=Receiver idx1=Indexer idx2=Indexer ana1=Analyzer ana2=Analyzer dsh1=Dashboard dsh2=Dashboard'
        $isa.Nodes.Role | Sort-Object -Unique | Should -Be @('Default')
    }

    It 'binds node objects piped into Set-DasNodeProfile, and the cluster flows on' {
        $out = $fd.Nodes | Where-Object Role -EQ Dashboard | Set-DasNodeProfile -Profile Dashboard, Storm -PassThru
        @($out).Count | Should -Be 1
        $out | Should -Be $fd
        ($fd.Nodes | Where-Object { $_.Roles -contains [DasOps.DasNodeRole]::Storm }).Name | Should -Be @('dsh1', 'dsh2')
    }

    It 'binds files from Get-ChildItem to Publish-DasSiddhiApp -Path by property name, and checks them all before any connection' {
        $sp = Import-DasCluster (New-ClosedPortSpec -Directory $dir -Text @'
name: sp
product: StreamProcessor
pattern: Distributed
database: {host: 10.77.0.10}
streamProcessor:
  kafka: {bootstrapServers: [10.77.0.10:9092], zooKeeper: [10.77.0.10:2181]}
nodes:
  - {name: mgr1, host: 10.77.0.11, roles: [Manager]}
  - {name: mgr2, host: 10.77.0.12, roles: [Manager]}
  - {name: wrk1, host: 10.77.0.13, roles: [Worker]}
  - {name: rcv1, host: 10.77.0.15, roles: [ReceiverWorker]}
'@)
        # Neither app has an @App:name: each is refused at its own line 1.
        'first.siddhi', 'second.siddhi' | ForEach-Object { Set-Content -Path (Join-Path $dir $_) -Value "define stream S (a int);`nfrom S select a insert into T;" }
        Get-ChildItem (Join-Path $dir '*.siddhi') | Publish-DasSiddhiApp -Cluster $sp -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
        $problems[0].Exception.Message | Should -Match ([regex]::Escape((Join-Path $dir 'first.siddhi') + ':1: no @App:name'))
        $problems[0].Exception.Message | Should -Match ([regex]::Escape((Join-Path $dir 'second.siddhi') + ':1: no @App:name'))
    }

    It 'does not take a piped string as a node: names are given as names' {
        { 'node1' | Get-DasNode -Cluster $isa -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound,DasOps.Commands.GetDasNodeCommand'
        (Get-DasNode $isa node2 -ErrorAction SilentlyContinue).Node | Should -Be @('node2')
    }

    It 'completes -Node from the cluster of -Cluster' {
        $c = $fd
        $line = 'Start-DasNode -Cluster $c -Node an'
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $found.CompletionText | Should -Be @('ana1', 'ana2')
        $found[0].ToolTip | Should -BeLike 'ana1 (10.77.0.15, Analyzer)'
        $line = 'Get-DasNode -Cluster $c -Node '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -HaveCount 8
    }

    It 'round-trips New-DasCluster | Export-DasCluster, then Import-DasCluster, to the same spec' {
        $first = Join-Path $dir 'x.yaml'
        New-DasCluster -Name rt -Product Das -Pattern FullyDistributed -Database 10.0.1.10:3306 -Home /opt/das -SshUser wso2 -Node @(
            'rcv1=10.0.1.11:Receiver', 'rcv2=10.0.1.12:Receiver', 'idx1=10.0.1.13:Indexer', 'idx2=10.0.1.14:Indexer',
            'ana1=10.0.1.15:Analyzer', 'ana2=10.0.1.16:Analyzer', 'dsh1=10.0.1.17:Dashboard', 'dsh2=10.0.1.18:Dashboard') |
            Export-DasCluster $first
        $imported = Import-DasCluster $first
        $second = Join-Path $dir 'y.yaml'
        $imported | Export-DasCluster $second
        [System.IO.File]::ReadAllText($second) | Should -BeExactly ([System.IO.File]::ReadAllText($first))
        $imported.Nodes.Role | Should -Be @('Receiver', 'Receiver', 'Indexer', 'Indexer', 'Analyzer', 'Analyzer', 'Dashboard', 'Dashboard')
        $imported.Nodes.Home | Sort-Object -Unique | Should -Be @('/opt/das')
    }
}
