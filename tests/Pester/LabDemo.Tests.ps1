<#
The README's first command runs examples/lab-demo.ps1 (through examples/lab-demo.sh): the pipeline of about_DasOps,
literally, on the lab. This runs that script as a user would, and checks that it did the whole job and said so.
It brings up and tears down its own lab; tests/Pester/run.sh holds the lab lock for the whole run.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Lab demo: skipped: $script:LabSkipReason" }
}

Describe 'examples/lab-demo.ps1' -Tag LabDemo, Lab -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
        $demo = Join-Path $script:DasRepoRoot 'examples/lab-demo.ps1'
        # The demo publishes the emulator itself unless another lab test of this run already did.
        $emulator = if ($global:DasOpsLabEmulator -and (Test-Path $global:DasOpsLabEmulator)) { $global:DasOpsLabEmulator } else { $null }
        $run = Invoke-DasRunbook -Path $demo -Environment @{ NO_COLOR = '1'; LAB_EMULATOR_DIR = $emulator }
        Write-Host $run.Text
        Write-Host "lab-demo.ps1: exit $($run.ExitCode) in $($run.Seconds) s"
    }

    AfterAll { Stop-DasLab }   # only matters when the demo itself died

    It 'exits 0' {
        $run.ExitCode | Should -Be 0 -Because $run.Text
    }

    It 'runs the pipeline and reports each step: databases created, files written, nodes started, failover passed' {
        $run.Text | Should -Match '==> the pipeline: Import-DasCluster \| Initialize-DasDatabase -PassThru \| Publish-DasConfiguration -PassThru \| Start-DasNode -Wait -PassThru \| Test-DasHa -Failover'
        $run.Text | Should -Match 'Database userdb: Created \(latin1\); carbon schema: Created'
        $run.Text | Should -Match 'node1  changed: 8 file\(s\)'
        $run.Text | Should -Match 'node2: Started, ready in'
        $run.Text | Should -Match 'failover-rejoin\s+Pass'
    }

    It 'prints the measured failover times from the check objects' {
        $run.Text | Should -Match 'CEP Active role\s+\d+\.\d s'
        $run.Text | Should -Match 'Spark master \(ALIVE\)\s+\d+\.\d s'
    }

    It 'runs the pipeline a second time and changes nothing' {
        $second = ($run.Text -split '==> the same pipeline again')[1]
        $second | Should -Match 'Database userdb: Unchanged'
        $second | Should -Match 'Publish: 0 changed, 2 unchanged'
        $second | Should -Match 'node1: AlreadyRunning'
        $second | Should -Match 'Test-DasHa: 14 of 14 checks pass'
    }

    It 'stops the cluster and tears the lab down' {
        $run.Text | Should -Match 'node1 Stopped'
        $run.Text | Should -Match 'lab: down in'
    }
}
