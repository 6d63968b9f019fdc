<#
Every examples/*.runbook.ps1 runs against the lab the way Azure Automation runs it: unattended, under
pwsh -NonInteractive -File, its credentials and variables from Get-AutomationPSCredential / Get-AutomationVariable
(a shim module, tests/Pester/shims/DasOps.AutomationShim, stands in for Azure's; the runbooks are unchanged). Each
Describe brings up its own lab:

  * a job killed midway and run again from the top (Azure Automation resumes a job that way) converges, and the run
    after that changes nothing;
  * a failed job exits non-zero with the error's id in its output, a good one exits 0, and $? says the same;
  * examples/*.Acceptance.Tests.ps1 pass against the cluster the runbook built (each a nested Invoke-Pester).

Needs what the lab needs (root, sshd, MariaDB, dotnet, ../shared); elsewhere it is skipped and says why.
tests/Pester/run.sh holds the lab lock for the whole run.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Runbooks: skipped: $script:LabSkipReason" }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $examples = Join-Path $script:DasRepoRoot 'examples'

    function Assert-Healthy([string] $SpecPath) {
        $cluster = Import-DasCluster $SpecPath
        $checks = @(Test-DasHa -Cluster $cluster)
        $checks.Count | Should -BeGreaterThan 0
        $checks | ForEach-Object { $_.Result | Should -Be ([DasOps.DasCheckResult]::Pass) -Because "$($_.Node) $($_.Check): $($_.Detail)" }
    }

    function Show-Run($Run, [string] $Label) {
        Write-Host "---- ${Label}: exit $($Run.ExitCode) in $($Run.Seconds) s"
        Write-Host $Run.Text
    }
}

AfterAll {
    if ($global:DasOpsLabEmulator) { Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $global:DasOpsLabEmulator; $global:DasOpsLabEmulator = $null }
}

Describe 'Runbook: IS Analytics minimum HA (examples/is-analytics-minimum-ha.runbook.ps1)' -Tag Runbook, Lab -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        $runbook = Join-Path $examples 'is-analytics-minimum-ha.runbook.ps1'
        $lab = Start-DasLab -Nodes 2
        $spec = New-DasLabSpec -Lab $lab -Pattern MinimumHa
        $assets = Join-Path $lab.LAB_DIR 'pester-automation-assets.json'
        $pendingName = 'DasOps-PendingRestart-lab-isa'
        $credentials = @{
            'DasOps-Db'      = Get-DasTestCredential -UserName wso2analytics -Text 'Rb<&"$;x]]>9'
            'DasOps-DbAdmin' = $lab.AdminCredential
            'DasOps-Svn'     = Get-DasTestCredential -UserName depsync -Text 'svn-secret'
        }
        $jobEnvironment = Get-DasRunbookEnvironment $assets
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
    }

    AfterAll {
        Stop-DasLab
        Write-Host "Runbook minimum HA: $([math]::Round($clock.Elapsed.TotalSeconds)) s with the lab"
    }

    It 'fails before touching anything when a credential asset is missing: exit 1, [DasSecretMissing], $? false' {
        $partial = @{} + $credentials
        $partial.Remove('DasOps-DbAdmin')
        Set-DasAutomationAssets -Path $assets -Credentials $partial -Variables @{ $pendingName = '' }

        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment
        Show-Run $run 'missing credential'
        $run.ExitCode | Should -Be 1
        $run.Succeeded | Should -BeFalse
        $run.Text | Should -Match '\[DasSecretMissing\] the Automation credential asset ''DasOps-DbAdmin'' was not found'
        $run.Text | Should -Match 'DasOps runbook failed: \[DasSecretMissing\]'
        $run.Text | Should -Not -Match '== Databases'
        (Get-DasNode -Cluster (Import-DasCluster $spec)).Process | Sort-Object -Unique | Should -Be @('stopped')
    }

    It 'is killed midway, once the configuration is published and a node is starting' {
        Set-DasAutomationAssets -Path $assets -Credentials $credentials -Variables @{ $pendingName = '' }
        $out = Join-Path $lab.LAB_DIR 'pester-runbook-killed.log'
        $job = Start-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment -OutputPath $out
        $pidFiles = 'node1', 'node2' | ForEach-Object { Get-DasLabHomePath $_ 'wso2carbon.pid' }
        $deadline = (Get-Date).AddSeconds(120)
        $killedAt = $null
        while (-not $job.HasExited -and (Get-Date) -lt $deadline) {
            $text = if (Test-Path $out) { Get-Content $out -Raw } else { '' }
            if ($text -match '== Configuration' -and @($pidFiles | Where-Object { Test-Path $_ }).Count -gt 0) {
                $job.Kill($true)   # the whole process tree, as a stopped job or a worker that dies
                $job.WaitForExit()
                $killedAt = $text
                break
            }
            Start-Sleep -Milliseconds 100
        }
        if (-not $job.HasExited) { $job.Kill($true); $job.WaitForExit() }
        Write-Host "---- killed run:`n$(Get-Content $out -Raw)`n$(Get-Content "$out.err" -Raw -ErrorAction SilentlyContinue)"
        $killedAt | Should -Not -BeNullOrEmpty -Because 'the job must be killed while it runs, after publishing'
        $killedAt | Should -Not -Match 'matches its spec'
        # The restarts the new configuration owes were written down before the files were.
        (Get-DasAutomationVariable $assets $pendingName) -split ',' | Sort-Object | Should -Be @('node1', 'node2')
    }

    It 'converges when the job runs again from the top: exit 0, $? true, every HA check passes' {
        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment
        Show-Run $run 'after the kill'
        $run.ExitCode | Should -Be 0
        $run.Succeeded | Should -BeTrue
        $run.Text | Should -Match 'DasOps: lab-isa matches its spec and passed every HA check'
        $run.Text | Should -Not -Match '\[Das\w+\]'
        Get-DasAutomationVariable $assets $pendingName | Should -BeNullOrEmpty
        Assert-Healthy $spec
    }

    It 'changes nothing on the next run: databases unchanged, no file written, nodes already running' {
        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment
        Show-Run $run 'third run'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'this run: database\(s\) 0 created, 0 file\(s\) written, 0 node\(s\) started, 0 restarted\.'
        ($run.Output | Select-String -Pattern '\bAlreadyRunning\b').Count | Should -Be 2
        $run.Text | Should -Not -Match '== Restart'
    }

    It 'passes examples/is-analytics-minimum-ha.Acceptance.Tests.ps1 against the cluster, with the failover drill' {
        $nested = Invoke-DasNestedPester -Path (Join-Path $examples 'is-analytics-minimum-ha.Acceptance.Tests.ps1') -Environment @{ DASOPS_SPEC = $spec; DASOPS_FAILOVER = '1'; NO_COLOR = '1' }
        Write-Host ($nested.Tests -join "`n")
        $nested.Failures | Should -BeNullOrEmpty
        $nested.Failed + $nested.FailedBlocks + $nested.FailedContainers | Should -Be 0 -Because $nested.Output
        $nested.Passed | Should -BeGreaterThan 10
        ($nested.Tests -join "`n") | Should -Match 'Passed .*: failover-rejoin' -Because 'the drill ran'
    }

    It 'runs the failover drill and the CEP snapshot clean-up when asked: exit 0, the takeover measured' {
        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec, '-KnownHostsPath', $lab.LAB_KNOWN_HOSTS, '-Failover', '-ClearPersistence' -Environment $jobEnvironment
        Show-Run $run 'failover drill'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match '== Failover drill'
        $run.Text | Should -Match 'failover-cep\s+Pass'
        $run.Text | Should -Match '== CEP persistence'
        Assert-Healthy $spec
    }

    It 'fails with [DasNodeUnreachable] and exit 1 when a node is down, and converges once it is back' {
        Invoke-DasLab fail node2 kill
        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment
        Show-Run $run 'node2 down'
        $run.ExitCode | Should -Be 1
        $run.Succeeded | Should -BeFalse
        $run.Text | Should -Match '\[DasNodeUnreachable\][^\n]*node2'
        $run.Text | Should -Match 'DasOps runbook failed: \[DasNodeUnreachable\]'

        Invoke-DasLab fail node2 heal   # sshd back; the node's server is not: the next job starts it
        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment
        Show-Run $run 'node2 back'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match '0 file\(s\) written, 1 node\(s\) started, 0 restarted\.'
        Assert-Healthy $spec
    }
}

Describe 'Runbook: DAS fully distributed (examples/das-fully-distributed.runbook.ps1)' -Tag Runbook, Lab -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        $runbook = Join-Path $examples 'das-fully-distributed.runbook.ps1'
        $lab = Start-DasLab -Nodes 8
        $spec = New-DasLabSpec -Lab $lab -Pattern FullyDistributed
        $assets = Join-Path $lab.LAB_DIR 'pester-automation-assets.json'
        $pendingName = 'DasOps-PendingRestart-lab-das'
        Set-DasAutomationAssets -Path $assets -Variables @{ $pendingName = '' } -Credentials @{
            'DasOps-Db'      = Get-DasTestCredential -UserName wso2das -Text 'Fd<&"$;x]]>9'
            'DasOps-DbAdmin' = $lab.AdminCredential
            'DasOps-Svn'     = Get-DasTestCredential -UserName depsync -Text 'svn-secret'
        }
        $jobEnvironment = Get-DasRunbookEnvironment $assets
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
    }

    AfterAll {
        Stop-DasLab
        Write-Host "Runbook fully distributed: $([math]::Round($clock.Elapsed.TotalSeconds)) s with the lab"
    }

    It 'brings eight nodes from stock to a healthy cluster: exit 0, every HA check passes' {
        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment
        Show-Run $run 'fully distributed, first run'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'DasOps: lab-das matches its spec and passed every HA check; this run: database\(s\) \d+ created, \d+ file\(s\) written, 8 node\(s\) started, 0 restarted\.'
        Assert-Healthy $spec
    }

    It 'passes examples/das-fully-distributed.Acceptance.Tests.ps1 against the cluster, with the failover drill' {
        $nested = Invoke-DasNestedPester -Path (Join-Path $examples 'das-fully-distributed.Acceptance.Tests.ps1') -Environment @{ DASOPS_SPEC = $spec; DASOPS_FAILOVER = '1'; NO_COLOR = '1' }
        Write-Host ($nested.Tests -join "`n")
        $nested.Failures | Should -BeNullOrEmpty
        $nested.Failed + $nested.FailedBlocks + $nested.FailedContainers | Should -Be 0 -Because $nested.Output
        $nested.Passed | Should -BeGreaterThan 40
        ($nested.Tests -join "`n") | Should -Match 'Passed .*: failover-spark' -Because 'the drill ran'
    }

    It 'changes nothing on the next run' {
        $run = Invoke-DasRunbook -Path $runbook -Arguments '-SpecPath', $spec -Environment $jobEnvironment
        Show-Run $run 'fully distributed, again'
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'this run: database\(s\) 0 created, 0 file\(s\) written, 0 node\(s\) started, 0 restarted\.'
        ($run.Output | Select-String -Pattern '\bAlreadyRunning\b').Count | Should -Be 8
    }
}
