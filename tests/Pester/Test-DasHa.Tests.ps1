BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Test-DasHa' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the failover, quiet, timeout and ssh parameters' {
            Get-DasOwnParameter Test-DasHa | Should -Be (@('Failover', 'Quiet', 'TimeoutSeconds') + $script:RemoteParameters | Sort-Object)
        }

        It 'supports -WhatIf, because -Failover stops nodes' {
            (Get-Command Test-DasHa).Parameters.Keys | Should -Contain 'WhatIf'
        }

        It 'declares the checks and, for -Quiet, a bool' {
            (Get-Command Test-DasHa).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasHaCheck', 'System.Boolean')
        }

        It 'waits two minutes for a takeover by default' {
            [DasOps.Commands.TestDasHaCommand]::new().TimeoutSeconds | Should -Be 120
        }

        It 'mirrors the engine verdicts' {
            [enum]::GetNames([DasOps.DasCheckResult]) | Should -Be @('Pass', 'Warn', 'Fail')
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir)
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'outputs $false with -Quiet, and the error, when the cluster cannot be checked' {
            $result = $cluster | Test-DasHa -Quiet -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeExactly $false
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
        }

        It 'checks a cluster once however many of its nodes are piped in' {
            $results = $cluster.Nodes | Test-DasHa -Quiet -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -ErrorAction SilentlyContinue
            @($results).Count | Should -Be 1
        }
    }
}
