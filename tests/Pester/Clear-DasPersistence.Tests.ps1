BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Clear-DasPersistence' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node, throttle and ssh parameters' {
            Get-DasOwnParameter Clear-DasPersistence | Should -Be (@('Node', 'ThrottleLimit') + $script:RemoteParameters | Sort-Object)
        }

        It 'deletes only with ShouldProcess' {
            $attribute = (Get-Command Clear-DasPersistence).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.SupportsShouldProcess | Should -BeTrue
        }

        It 'outputs one DasPersistenceResult per node' {
            (Get-Command Clear-DasPersistence).OutputType.Name | Should -Be @('DasOps.DasPersistenceResult')
            Get-FormatData -TypeName DasOps.DasPersistenceResult | Should -Not -BeNullOrEmpty
            [enum]::GetNames([DasOps.DasPersistenceStatus]) | Should -Be @('Cleaned', 'Unchanged', 'Skipped', 'Failed')
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

        It 'reports an unknown node and touches nothing' {
            Clear-DasPersistence -Cluster $cluster -Node nope -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
        }

        It 'reports a missing ssh config before any node is reached' {
            Clear-DasPersistence -Cluster $cluster -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -WhatIf -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
        }
    }
}
