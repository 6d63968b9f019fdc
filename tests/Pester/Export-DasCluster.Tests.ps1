BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Export-DasCluster' -Tag UnitTests {
    Context 'Parameters' {
        It 'has exactly -Cluster, -Path, -Force and -PassThru' {
            Get-DasOwnParameter Export-DasCluster | Should -Be @('Cluster', 'Force', 'PassThru', 'Path')
        }

        It 'supports -WhatIf' {
            (Get-Command Export-DasCluster).Parameters.Keys | Should -Contain 'WhatIf'
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
            $source = New-DasTestSpec -Directory $dir -Name 'source.yaml'
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'writes a spec that imports back to the same cluster' {
            $target = Join-Path $dir 'copy.yaml'
            Import-DasCluster $source | Export-DasCluster -Path $target
            $copy = Import-DasCluster $target
            $copy.Name | Should -Be 'isa'
            $copy.Nodes.Host | Should -Be @('10.77.0.11', '10.77.0.12')
        }

        It 'updates the cluster Path and passes it through with -PassThru' {
            $target = Join-Path $dir 'copy.yaml'
            $cluster = Import-DasCluster $source | Export-DasCluster -Path $target -PassThru
            $cluster.Path | Should -Be $target
        }

        It 'outputs nothing without -PassThru' {
            Import-DasCluster $source | Export-DasCluster -Path (Join-Path $dir 'copy.yaml') | Should -BeNullOrEmpty
        }

        It 'refuses to overwrite without -Force, and overwrites with it' {
            $cluster = Import-DasCluster $source
            $cluster | Export-DasCluster -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileExists,*'
            $cluster | Export-DasCluster -Force
            Get-Content -Raw $source | Should -Match '^# DasOps cluster spec'
        }

        It 'writes nothing with -WhatIf' {
            $target = Join-Path $dir 'copy.yaml'
            Import-DasCluster $source | Export-DasCluster -Path $target -WhatIf
            Test-Path $target | Should -Be $false
        }

        It 'leaves no temporary file beside the target' {
            Import-DasCluster $source | Export-DasCluster -Path (Join-Path $dir 'copy.yaml')
            (Get-ChildItem -Force $dir).Name | Sort-Object | Should -Be @('copy.yaml', 'source.yaml')
        }

        It 'refuses to write a spec that does not validate' {
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir -Name 'fd.yaml' -Text $script:FullyDistributedSpec)
            Set-DasNodeProfile -Cluster $cluster -Node rcv2 -Profile Indexer
            $target = Join-Path $dir 'broken.yaml'
            $cluster | Export-DasCluster -Path $target -ErrorVariable problems -ErrorAction SilentlyContinue
            Test-Path $target | Should -Be $false
            $problems.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'DasSpecInvalid,*' }
        }
    }
}
