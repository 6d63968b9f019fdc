BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Restore-DasConfiguration' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node, backup, lock, throttle and ssh parameters' {
            Get-DasOwnParameter Restore-DasConfiguration | Should -Be (@('BackupId', 'BreakLock', 'Node', 'ThrottleLimit') + $script:RemoteParameters | Sort-Object)
        }

        It 'requires -Node: a restore is never cluster-wide by accident' {
            (Get-Command Restore-DasConfiguration).Parameters['Node'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).Mandatory | Should -Contain $true
        }

        It 'supports -WhatIf and -Confirm and outputs file changes' {
            (Get-Command Restore-DasConfiguration).Parameters.Keys | Should -Contain 'WhatIf'
            (Get-Command Restore-DasConfiguration).OutputType.Name | Should -Be @('DasOps.DasFileChange')
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

        It 'refuses a backup id that is not one before it touches a node' {
            Restore-DasConfiguration -Cluster $cluster -Node node1 -BackupId 'yesterday' -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
            $problems[0].Exception.Message | Should -BeLike "*'yesterday' is not a backup id*"
        }

        It 'reports an unknown node and does nothing when no node is left' {
            Restore-DasConfiguration -Cluster $cluster -Node nope -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
        }

        It 'takes the node from node objects' {
            $cluster.Nodes[1] | Restore-DasConfiguration -BackupId 'bad' -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
        }
    }
}
