<#
The pipeline of DESIGN.md, end to end, against the lab (tests/lab/lab.sh): two namespaced hosts with their own sshd
and the node emulator in their product homes, and MariaDB. IS Analytics minimum HA (seed 003):

    Import-DasCluster | Initialize-DasDatabase -PassThru | Publish-DasConfiguration -PassThru |
        Start-DasNode -Wait -PassThru | Test-DasHa -Failover

then a second run that changes nothing, drift and its repair, a restore, the CEP persistence clean-up, and a stop.
It needs root (network namespaces), the lab's packages (openssh-server, mariadb-server, mariadb-client, iproute2),
dotnet (to publish the emulator) and ../shared beside the repository (the product's dbscripts). Elsewhere it is
skipped, and says why. The lab is one per machine: tests/Pester/run.sh holds /run/dasops-lab-tests.lock, as the
xunit lab suites do.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Lab acceptance: skipped: $script:LabSkipReason" }
}

Describe 'The DasOps pipeline against the lab (IS Analytics minimum HA)' -Tag LabAcceptance -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
        $lab = Start-DasLab -Nodes 2

        $specPath = Join-Path $lab.LAB_DIR 'pester-lab-isa.yaml'
        @"
name: lab-isa
product: IsAnalytics
pattern: MinimumHa
knownHosts: $($lab.LAB_KNOWN_HOSTS)
defaults:
  home: $($lab.LAB_HOME)
  sshKey: $($lab.LAB_SSH_KEY)
database:
  host: $($lab.LAB_DB_HOST)
  user: wso2analytics
  adminUser: $($lab.LAB_DB_ADMIN_USER)
spark:
  masterCount: 2
  symlink: /srv/das-link
nodes:
  - { name: node1, host: 10.77.0.11 }
  - { name: node2, host: 10.77.0.12 }
"@ | Set-Content -Path $specPath -Encoding utf8

        # The password carries XML and shell metacharacters: it must reach the files exactly and nothing else.
        $password = 'Lab<&"$;x]]>9'
        $db = Get-DasTestCredential -UserName wso2analytics -Text $password
        $admin = $lab.AdminCredential
    }

    AfterAll {
        Stop-DasLab
    }

    It 'shows the SQL, the diffs and the starts with -WhatIf, and changes nothing' {
        $cluster = Import-DasCluster $specPath
        $results = $cluster | Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $admin -WhatIf
        ($results | Where-Object { $_ -is [DasOps.DasDatabaseResult] }).Action | Sort-Object -Unique | Should -Be @([DasOps.DasDatabaseAction]::WouldCreate)
        $changes = $cluster | Publish-DasConfiguration -DatabaseCredential $db -WhatIf
        $changes.Count | Should -BeGreaterThan 0
        $changes | ForEach-Object { $_.Written | Should -BeFalse }
        ($changes.Diff -join "`n").Contains($password) | Should -BeFalse
        ($cluster | Start-DasNode -WhatIf).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::Skipped)
        (Get-DasNode -Cluster $cluster).Process | Sort-Object -Unique | Should -Be @('stopped')
    }

    It 'runs the pipeline: databases, configuration, start' {
        $out = Import-DasCluster $specPath |
            Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $admin -Confirm:$false -PassThru |
            Publish-DasConfiguration -DatabaseCredential $db -PassThru |
            Start-DasNode -Wait -PassThru
        @($out).Count | Should -Be 1
        $out | Should -BeOfType ([DasOps.DasCluster])
        $out.Name | Should -Be 'lab-isa'
    }

    It 'passes every HA check: one ALIVE and one STANDBY Spark master, CEP Active and Passive' {
        $cluster = Import-DasCluster $specPath
        Wait-DasLabHealthy -Cluster $cluster -Seconds 60 | Should -BeTrue
        $checks = Test-DasHa -Cluster $cluster
        $checks | ForEach-Object { $_.Result | Should -Be ([DasOps.DasCheckResult]::Pass) -Because "$($_.Node) $($_.Check): $($_.Detail)" }
        ($checks | Where-Object Check -EQ 'spark-masters').Detail | Should -Match 'ALIVE: node\d; STANDBY: node\d'
        ($checks | Where-Object Check -EQ 'cep-ha').Detail | Should -Match 'Active: node\d; Passive: node\d'
        $status = Get-DasNode -Cluster $cluster
        $status.Process | Sort-Object -Unique | Should -Be @('running')
        $status.Cep | Sort-Object | Should -Be @('Active', 'Passive')
    }

    It 'proves failover: Test-DasHa -Failover, every check passes' {
        $cluster = Import-DasCluster $specPath
        Wait-DasLabHealthy -Cluster $cluster -Seconds 60 | Should -BeTrue
        $checks = $cluster | Test-DasHa -Failover -Confirm:$false
        $checks | ForEach-Object { $_.Result | Should -Be ([DasOps.DasCheckResult]::Pass) -Because "$($_.Node) $($_.Check): $($_.Detail)" }
        $checks.Check | Should -Contain 'failover-cep'
        $checks.Check | Should -Contain 'failover-spark'
        ($checks | Where-Object Check -EQ 'failover-cep').Duration.TotalSeconds | Should -BeGreaterThan 0
        ($checks | Where-Object Check -EQ 'failover-rejoin').Detail | Should -Be 'rejoined as CEP Passive, Spark STANDBY'
    }

    It 'changes nothing on a second run' {
        $cluster = Import-DasCluster $specPath
        $db2 = $cluster | Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $admin -Confirm:$false
        ($db2 | Where-Object { $_ -is [DasOps.DasDatabaseResult] }).Action | Sort-Object -Unique | Should -Be @([DasOps.DasDatabaseAction]::Unchanged)
        ($db2 | Where-Object { $_ -is [DasOps.DasDatabaseAccountResult] }).Grants | Sort-Object -Unique | Should -Be @([DasOps.DasDatabaseAction]::Unchanged)
        $cluster | Publish-DasConfiguration -DatabaseCredential $db | Should -BeNullOrEmpty
        $cluster | Compare-DasConfiguration -DatabaseCredential $db -Quiet | Should -BeExactly $true
        ($cluster | Start-DasNode -Wait).Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::AlreadyRunning)
    }

    It 'finds drift, repairs it with a backup, and restores from that backup' {
        $cluster = Import-DasCluster $specPath
        $carbon = Get-DasLabHomePath node1 'repository/conf/carbon.xml'
        # A setting DasOps manages, changed by hand. (Text DasOps does not manage, such as a comment added by hand, is
        # kept by the editors and is not drift.)
        $text = Get-Content -Path $carbon -Raw
        $text -match '<Offset>\d+</Offset>' | Should -BeTrue
        [System.IO.File]::WriteAllText($carbon, ($text -replace '<Offset>\d+</Offset>', '<Offset>7</Offset>'))

        $drift = @(Compare-DasConfiguration -Cluster $cluster -DatabaseCredential $db)
        $drift.Count | Should -Be 1
        $drift[0].Node | Should -Be 'node1'
        $drift[0].Path | Should -Be 'repository/conf/carbon.xml'
        $drift[0].Diff | Should -BeLike '*-*<Offset>7</Offset>*'

        $fixed = Publish-DasConfiguration -Cluster $cluster -Node node1 -DatabaseCredential $db -Confirm:$false
        $fixed.Written | Should -BeTrue
        $fixed.BackupId | Should -Match '^\d{8}T\d{6}\.\d{3}Z$'
        Get-Content $carbon -Raw | Should -Not -BeLike '*<Offset>7</Offset>*'

        $restored = Restore-DasConfiguration -Cluster $cluster -Node node1 -BackupId $fixed.BackupId -Confirm:$false
        $restored.RestoredFrom | Should -Be $fixed.BackupId
        Get-Content $carbon -Raw | Should -BeLike '*<Offset>7</Offset>*'

        Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -Confirm:$false | Out-Null
        Compare-DasConfiguration -Cluster $cluster -DatabaseCredential $db -Quiet | Should -BeExactly $true
    }

    It 'keeps the two newest CEP snapshots of each execution plan' {
        $cluster = Import-DasCluster $specPath
        $plan = Get-DasLabHomePath node1 'cep_persistence/-1234/Alerts'
        New-Item -ItemType Directory -Force -Path $plan | Out-Null
        foreach ($stamp in 1493101044948, 1493101944948, 1493102844948, 1493103744948) {
            Set-Content -Path (Join-Path $plan "${stamp}_Alerts") -Value ('x' * 99) -NoNewline
        }
        Set-Content -Path (Join-Path $plan 'notes.txt') -Value 'not a snapshot'

        $preview = Clear-DasPersistence -Cluster $cluster -WhatIf
        $node1 = $preview | Where-Object Node -EQ 'node1'
        $node1.Status | Should -Be ([DasOps.DasPersistenceStatus]::Skipped)
        $node1.Files | ForEach-Object { Split-Path -Leaf $_ } | Should -Be @('1493101044948_Alerts', '1493101944948_Alerts')
        (Get-ChildItem $plan).Count | Should -Be 5
        ($preview | Where-Object Node -EQ 'node2').Status | Should -Be ([DasOps.DasPersistenceStatus]::Unchanged)

        $done = Clear-DasPersistence -Cluster $cluster -Node node1 -Confirm:$false
        $done.Status | Should -Be ([DasOps.DasPersistenceStatus]::Cleaned)
        $done.Deleted | Should -Be 2
        $done.Kept | Should -Be 2
        $done.Ignored | Should -Be 1
        $done.BytesFreed | Should -Be 198
        (Get-ChildItem $plan).Name | Sort-Object | Should -Be @('1493102844948_Alerts', '1493103744948_Alerts', 'notes.txt')
    }

    It 'never shows a secret in output, verbose or errors' {
        $cluster = Import-DasCluster $specPath
        $streams = & { Compare-DasConfiguration -Cluster $cluster -DatabaseCredential $db -Verbose; Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -WhatIf -Verbose } *>&1 | Out-String
        $streams.Contains($password) | Should -BeFalse
        $streams | Should -BeLike '*Publish:*'  # the verbose stream was captured
    }

    It 'stops the cluster' {
        $cluster = Import-DasCluster $specPath
        $stopped = Stop-DasNode -Cluster $cluster -Confirm:$false
        $stopped.Outcome | Sort-Object -Unique | Should -Be @([DasOps.DasNodeOutcome]::Stopped)
        (Get-DasNode -Cluster $cluster).Process | Sort-Object -Unique | Should -Be @('stopped')
    }
}
