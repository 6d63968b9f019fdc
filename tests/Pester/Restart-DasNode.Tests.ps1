BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Restart-DasNode' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node, timeout, pass-through and ssh parameters' {
            Get-DasOwnParameter Restart-DasNode | Should -Be (@('Node', 'PassThru', 'TimeoutSeconds') + $script:RemoteParameters | Sort-Object)
        }

        It 'waits five minutes for a node by default' {
            [DasOps.Commands.RestartDasNodeCommand]::new().TimeoutSeconds | Should -Be 300
        }

        It 'supports -WhatIf and declares the results and the cluster' {
            (Get-Command Restart-DasNode).Parameters.Keys | Should -Contain 'Confirm'
            (Get-Command Restart-DasNode).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasCluster', 'DasOps.DasNodeActionResult')
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

        It 'takes node objects and status-like objects from the pipeline as one operation' {
            $rows = @(
                [pscustomobject]@{ Cluster = $cluster; Node = 'node1' }
                [pscustomobject]@{ Cluster = $cluster; Node = 'nope' }
            )
            $rows | Restart-DasNode -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 2
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
            $problems[1].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
        }
    }
}
