<#
CI's share of the chaos run (issue 13, item 10): tests/chaos/run.sh with 20 injections, four of each fault kind, on its
own 4-host lab (tests/lab/lab.sh). tests/Pester/run.sh already holds the lab lock for the whole Pester run, so the
driver is told so (DASOPS_LAB_LOCK_HELD=1) instead of queueing on the lock its own parent holds. The seed is random
and printed: a failure is replayed with `tests/chaos/run.sh --injections 20 --seed S`.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Chaos: skipped: $script:LabSkipReason" }
    $script:FaultKinds = @('sshd-kill', 'link-cut', 'script-kill', 'disk-full', 'controller-kill') | ForEach-Object { @{ Fault = $_ } }
}

Describe 'tests/chaos/run.sh --injections 20' -Tag Chaos, Lab -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        $runScript = Join-Path $PSScriptRoot '../chaos/run.sh'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) ('dasops-pester-chaos-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $work | Out-Null
        $summaryPath = Join-Path $work 'summary.json'
        $resultsPath = Join-Path $work 'RESULTS.md'
        $env:DASOPS_LAB_LOCK_HELD = '1'
        try {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $output = & bash $runScript --injections 20 --summary $summaryPath --results $resultsPath 2>&1 | Out-String
            $exitCode = $LASTEXITCODE
        }
        finally { Remove-Item Env:DASOPS_LAB_LOCK_HELD }
        Write-Host $output
        Write-Host "chaos: exit $exitCode in $([int]$clock.Elapsed.TotalSeconds) s"
        $summary = if (Test-Path $summaryPath) { Get-Content $summaryPath -Raw | ConvertFrom-Json } else { $null }
    }

    AfterAll { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }

    It 'ran 20 injections and wrote its summary' {
        $summary | Should -Not -BeNullOrEmpty -Because $output
        $summary.total.injections | Should -Be 20
    }

    It 'injected <Fault> four times; every one converged and none left a node half-written' -ForEach $script:FaultKinds {
        $row = $summary.by_fault.$Fault
        $row.injections | Should -Be 4
        $row.half_written | Should -Be 0 -Because "seed $($summary.seed): a node held some old and some new files right after the fault`n$output"
        $row.converged | Should -Be 4 -Because "seed $($summary.seed): the next apply did not converge`n$output"
    }

    It 'left no temporary file or lock once the healing run ended, and no run hung' {
        $summary.total.leftovers | Should -Be 0 -Because $output
        $summary.total.hung | Should -Be 0 -Because $output
    }

    It 'exits 0' {
        $exitCode | Should -Be 0 -Because $output
    }
}
