BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Set-DasNodeProfile' -Tag UnitTests {
    Context 'Parameters' {
        It 'has exactly -Cluster, -Node, -Profile and -PassThru' {
            Get-DasOwnParameter Set-DasNodeProfile | Should -Be @('Cluster', 'Node', 'PassThru', 'Profile')
        }

        It 'binds -Node by the Node property of node and status objects, never by a cluster''s Name' {
            (Get-Command Set-DasNodeProfile).Parameters['Node'].Aliases | Should -Be @('NodeName')
        }

        It 'accepts only the DAS roles for -Profile' {
            (Get-Command Set-DasNodeProfile).Parameters['Profile'].ParameterType | Should -Be ([DasOps.DasNodeRole[]])
            [enum]::GetNames([DasOps.DasNodeRole]) | Should -Be @('Receiver', 'Indexer', 'Analyzer', 'Dashboard', 'Storm')
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir -Text $script:FullyDistributedSpec)
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'sets the roles of the named nodes in the cluster object' {
            Set-DasNodeProfile -Cluster $cluster -Node ana1 -Profile Analyzer, Dashboard
            ($cluster.Nodes | Where-Object Name -EQ 'ana1').Roles | Should -Be @([DasOps.DasNodeRole]::Analyzer, [DasOps.DasNodeRole]::Dashboard)
        }

        It 'composes the documented pipeline and saves the change' {
            $path = $cluster.Path
            Import-DasCluster $path | Set-DasNodeProfile -Node rcv1, rcv2 -Profile Receiver, Storm -PassThru | Export-DasCluster -Path $path -Force
            ((Import-DasCluster $path).Nodes | Where-Object Name -Like 'rcv*').Roles | Sort-Object -Unique | Should -Be @([DasOps.DasNodeRole]::Receiver, [DasOps.DasNodeRole]::Storm)
        }

        It 'takes node objects from the pipeline' {
            $cluster.Nodes | Where-Object Name -Like 'dsh*' | Set-DasNodeProfile -Profile Dashboard, Storm
            ($cluster.Nodes | Where-Object Name -EQ 'dsh2').Roles | Should -Contain ([DasOps.DasNodeRole]::Storm)
        }

        It 'reports an unknown node and still changes the others' {
            Set-DasNodeProfile -Cluster $cluster -Node nope, idx1 -Profile Indexer, Storm -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $problems[0].TargetObject | Should -Be 'nope'
            ($cluster.Nodes | Where-Object Name -EQ 'idx1').Roles | Should -Contain ([DasOps.DasNodeRole]::Storm)
        }

        It 'changes nothing with -WhatIf' {
            Set-DasNodeProfile -Cluster $cluster -Node rcv1 -Profile Indexer -WhatIf
            ($cluster.Nodes | Where-Object Name -EQ 'rcv1').Roles | Should -Be @([DasOps.DasNodeRole]::Receiver)
        }

        It 'outputs the cluster only with -PassThru' {
            Set-DasNodeProfile -Cluster $cluster -Node rcv1 -Profile Receiver | Should -BeNullOrEmpty
            Set-DasNodeProfile -Cluster $cluster -Node rcv1 -Profile Receiver -PassThru | Should -Be $cluster
        }

        It 'warns that roles do not change a MinimumHa cluster' {
            $minimum = Import-DasCluster (New-DasTestSpec -Directory $dir -Name 'min.yaml')
            Set-DasNodeProfile -Cluster $minimum -Node node1 -Profile Receiver -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Count | Should -Be 1
        }
    }
}
