<#
Test-DasCluster -Connectivity against the lab (tests/lab/lab.sh): two namespaced hosts and MariaDB, IS Analytics
minimum HA. From each node, through its own SSH connection: the database answers; the peer's HTTPS port answers once
something listens there and its clustering port (nothing there) does not, each failure a DasEndpointUnreachable error
naming node, peer and host:port; a stopped database is seen from both nodes. Both transports. Needs root and the lab's
packages; elsewhere it is skipped and says why. tests/Pester/run.sh holds the lab lock.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Test-DasCluster -Connectivity: skipped: $script:LabSkipReason" }
}

Describe 'Test-DasCluster -Connectivity against the lab' -Tag LabAcceptance -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
        Invoke-DasLab up 2
        $lab = @{}
        foreach ($line in Get-Content (Join-Path $script:DasLabDir 'lab.env')) {
            if ($line -match '^(LAB_\w+)=(.*)$') { $lab[$Matches[1]] = $Matches[2].Trim('"') }
        }
        $cluster = Import-DasCluster (New-DasLabSpec -Lab $lab -Pattern MinimumHa)
        # Something on node2's HTTPS port (9443 + IS Analytics' offset 1), as a started node would have; nothing on 4000.
        & bash -c "'$script:DasLabScript' exec node2 -- python3 -c 'import socket; s = socket.socket(); s.bind((""10.77.0.12"", 9444)); s.listen(8); [s.accept() for _ in iter(int, 1)]' >/dev/null 2>&1 &"
        $deadline = (Get-Date).AddSeconds(20)
        while ($true) {
            & bash -c 'exec 3<>/dev/tcp/10.77.0.12/9444' 2>$null
            if ($LASTEXITCODE -eq 0) { break }
            if ((Get-Date) -gt $deadline) { throw 'the stand-in listener on node2:9444 did not come up' }
            Start-Sleep -Milliseconds 100
        }
    }

    AfterAll {
        Stop-DasLab
    }

    It 'reaches the database and a listening peer, and names node, peer and address for a closed port (<Transport>)' -ForEach @(
        @{ Transport = 'SshNet' }, @{ Transport = 'OpenSsh' }
    ) {
        $results = Test-DasCluster $cluster -Connectivity -Transport $Transport -TimeoutSeconds 3 -ErrorVariable problems -ErrorAction SilentlyContinue
        $results | ForEach-Object { $_ | Should -BeOfType ([DasOps.DasConnectivityResult]) }
        ($results | ForEach-Object { '{0} {1} {2} {3}' -f $_.Node, $_.Peer, $_.Service, $_.Reached }) | Should -Be @(
            'node1 database mysql True', 'node1 node2 hazelcast False', 'node1 node2 https True',
            'node2 database mysql True', 'node2 node1 hazelcast False', 'node2 node1 https False')

        $problems.Count | Should -Be 3
        $problems.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'DasEndpointUnreachable,*' }
        $problems.CategoryInfo.Category | Select-Object -Unique | Should -Be 'ConnectionError'
        $hazelcast = $problems | Where-Object { $_.TargetObject.Node -eq 'node1' }
        $hazelcast.TargetObject.Peer | Should -Be 'node2'
        $hazelcast.TargetObject.Address | Should -Be '10.77.0.12:4000'
        $hazelcast.Exception.Message | Should -BeLike 'node1 cannot reach node2 (hazelcast) at 10.77.0.12:4000: *'
        $hazelcast.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'sees a stopped database from every node and reports nothing for the node it was not asked about' {
        Invoke-DasLab db-stop
        try {
            $results = Test-DasCluster $cluster -Connectivity -Node node2 -TimeoutSeconds 3 -ErrorVariable problems -ErrorAction SilentlyContinue
            $results.Node | Select-Object -Unique | Should -Be 'node2'
            ($results | Where-Object Peer -EQ 'database').Reached | Should -BeExactly $false
            $problems.Exception.Message | Should -Contain ("node2 cannot reach database (mysql) at $($lab.LAB_DB_HOST):3306: " +
                (($results | Where-Object Peer -EQ 'database').Detail))
        }
        finally {
            Invoke-DasLab db-start
        }
    }
}
