<#
The design's pipeline, literally, on a DAS fully distributed cluster of eight lab hosts (seeds 000-002): the cluster
flows from Import-DasCluster through Set-DasNodeProfile, Initialize-DasDatabase, Publish-DasConfiguration and
Start-DasNode -Wait into Test-DasHa -Failover; then node objects flow: Get-DasNode | Where-Object Role -eq Receiver |
Restart-DasNode. What a PowerShell user sees on the way is checked too: one progress record per node under one parent,
-Verbose naming the node, -WhatIf changing nothing.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Lab (fully distributed): skipped: $script:LabSkipReason" }
}

Describe 'The design pipeline on a fully distributed DAS cluster (8 lab hosts)' -Tag Lab -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
        $lab = Start-DasLab -Nodes 8

        $specPath = Join-Path $lab.LAB_DIR 'pester-lab-das.yaml'
        # The receivers are written as Receiver+Storm: the pipeline's Set-DasNodeProfile makes them plain receivers.
        @"
name: lab-das
product: Das
pattern: FullyDistributed
knownHosts: $($lab.LAB_KNOWN_HOSTS)
defaults:
  home: $($lab.LAB_HOME)
  sshKey: $($lab.LAB_SSH_KEY)
database:
  host: $($lab.LAB_DB_HOST)
  user: wso2das
  adminUser: $($lab.LAB_DB_ADMIN_USER)
spark:
  masterCount: 2
  symlink: /srv/das-link
nodes:
  - { name: rcv1, host: 10.77.0.11, roles: [Receiver, Storm] }
  - { name: rcv2, host: 10.77.0.12, roles: [Receiver, Storm] }
  - { name: idx1, host: 10.77.0.13, roles: [Indexer] }
  - { name: idx2, host: 10.77.0.14, roles: [Indexer] }
  - { name: ana1, host: 10.77.0.15, roles: [Analyzer] }
  - { name: ana2, host: 10.77.0.16, roles: [Analyzer] }
  - { name: dsh1, host: 10.77.0.17, roles: [Dashboard] }
  - { name: dsh2, host: 10.77.0.18, roles: [Dashboard] }
"@ | Set-Content -Path $specPath -Encoding utf8

        $db = Get-DasTestCredential -UserName wso2das -Text 'Fd<&"$;x]]>7'
    }

    AfterAll {
        Stop-DasLab
    }

    It 'shows with -WhatIf what every state change would do, and changes nothing' {
        $cluster = Import-DasCluster $specPath
        $cluster | Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $lab.AdminCredential -WhatIf |
            Where-Object { $_ -is [DasOps.DasDatabaseResult] } | ForEach-Object { $_.Action | Should -Be ([DasOps.DasDatabaseAction]::WouldCreate) }
        ($cluster | Publish-DasConfiguration -DatabaseCredential $db -WhatIf).Written | Sort-Object -Unique | Should -Be @($false)
        ($cluster | Start-DasNode -WhatIf).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::Skipped)
        Test-Path (Get-DasLabHomePath node1 'repository/conf/.dasops') | Should -BeFalse
        (Get-DasNode -Cluster $cluster).Process | Sort-Object -Unique | Should -Be @('stopped')
    }

    It 'runs Import | Set-DasNodeProfile | Initialize-DasDatabase | Publish | Start -Wait | Test-DasHa -Failover, with progress per node' {
        $run = Invoke-DasWithStreams -Arguments @{ Spec = $specPath; Db = $db; Admin = $lab.AdminCredential } -Script {
            param($Spec, $Db, $Admin)
            $ConfirmPreference = 'None'   # Initialize-DasDatabase asks by default (ConfirmImpact High); a runbook says so once
            Import-DasCluster $Spec |
                Set-DasNodeProfile -Node rcv1, rcv2 -Profile Receiver -PassThru |
                Tee-Object -Variable flowed |
                Initialize-DasDatabase -DatabaseCredential $Db -DatabaseAdminCredential $Admin -PassThru |
                Publish-DasConfiguration -DatabaseCredential $Db -PassThru |
                Start-DasNode -Wait -PassThru |
                Test-DasHa -Failover -Verbose
            $flowed
        }.ToString()
        $run.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        $cluster = $run.Output | Where-Object { $_ -is [DasOps.DasCluster] }
        ($cluster.Nodes | Where-Object Name -Like 'rcv*').Roles | Sort-Object -Unique | Should -Be @([DasOps.DasNodeRole]::Receiver)
        $checks = $run.Output | Where-Object { $_ -isnot [DasOps.DasCluster] }
        $checks | ForEach-Object { $_ | Should -BeOfType ([DasOps.DasHaCheck]) }
        $checks | ForEach-Object { $_.Result | Should -Be ([DasOps.DasCheckResult]::Pass) -Because "$($_.Node) $($_.Check): $($_.Detail)" }
        $checks.Check | Should -Contain 'failover-spark'
        ($checks | Where-Object Check -Like 'failover-cep*').Count | Should -BeGreaterThan 0
        ($checks | Where-Object Check -EQ 'failover-spark').Duration.TotalSeconds | Should -BeGreaterThan 0

        # Progress: each cmdlet one parent record, and a child record per node under it.
        $children = $run.Progress | Where-Object ParentActivityId -EQ 1
        foreach ($activity in "Publishing the configuration of 'lab-das'", "Starting the nodes of 'lab-das'", "Failover drill on 'lab-das'") {
            $run.Progress.Activity | Should -Contain $activity
        }
        ($children.Activity | Sort-Object -Unique) | Should -Be @('ana1', 'ana2', 'dsh1', 'dsh2', 'idx1', 'idx2', 'rcv1', 'rcv2')
        # -Verbose names the node being worked on.
        $run.Verbose | Where-Object { $_ -match '^(rcv|idx|ana|dsh)\d' } | Should -Not -BeNullOrEmpty
        ($run.Verbose -join "`n").Contains('Fd<&"$;x]]>7') | Should -BeFalse
    }

    It 'restarts only the receivers with Get-DasNode | Where-Object Role -eq Receiver | Restart-DasNode' {
        $cluster = Import-DasCluster $specPath
        Wait-DasLabHealthy $cluster | Should -BeTrue
        $before = @{}
        Get-DasNode -Cluster $cluster | ForEach-Object { $before[$_.Node] = $_.Pid }

        $results = Get-DasNode -Cluster $cluster | Where-Object Role -EQ Receiver | Restart-DasNode -Confirm:$false
        $results.Node | Should -Be @('rcv1', 'rcv2')
        $results.Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::Started)

        $after = Get-DasNode -Cluster $cluster
        foreach ($status in $after) {
            $status.Process | Should -Be 'running'
            if ($status.Role -eq 'Receiver') { $status.Pid | Should -Not -Be $before[$status.Node] -Because "$($status.Node) was restarted" }
            else { $status.Pid | Should -Be $before[$status.Node] -Because "$($status.Node) is not a receiver" }
        }
        Wait-DasLabHealthy $cluster | Should -BeTrue
    }

    It 'stops the cluster, and a second stop changes nothing' {
        $cluster = Import-DasCluster $specPath
        (Stop-DasNode -Cluster $cluster -Confirm:$false).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::Stopped)
        (Stop-DasNode -Cluster $cluster -Confirm:$false).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::AlreadyStopped)
    }
}
