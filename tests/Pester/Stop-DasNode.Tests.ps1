BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Stop-DasNode' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node, timeout, pass-through and ssh parameters' {
            Get-DasOwnParameter Stop-DasNode | Should -Be (@('Node', 'PassThru', 'TimeoutSeconds') + $script:RemoteParameters | Sort-Object)
        }

        It 'waits a minute for a process to exit by default' {
            [DasOps.Commands.StopDasNodeCommand]::new().TimeoutSeconds | Should -Be 60
        }

        It 'supports -WhatIf and declares the results and the cluster' {
            (Get-Command Stop-DasNode).Parameters.Keys | Should -Contain 'WhatIf'
            (Get-Command Stop-DasNode).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasCluster', 'DasOps.DasNodeActionResult')
        }

        It 'refuses a timeout of zero' {
            { Stop-DasNode -Cluster (Import-DasCluster (New-DasTestSpec -Directory (New-DasTestDirectory))) -TimeoutSeconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DasOps.Commands.StopDasNodeCommand'
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

        It 'reports an unknown node as DasNodeNotFound with the node as target' {
            Stop-DasNode -Cluster $cluster -Node nope -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $problems[0].TargetObject | Should -Be 'nope'
        }
    }
}
