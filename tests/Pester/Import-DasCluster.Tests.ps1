BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Import-DasCluster' -Tag UnitTests {
    Context 'Parameters' {
        It 'has exactly -Path' {
            Get-DasOwnParameter Import-DasCluster | Should -Be @('Path')
        }

        It 'binds -Path from FullName and PSPath' {
            (Get-Command Import-DasCluster).Parameters['Path'].Aliases | Should -Be @('FullName', 'PSPath')
        }

        It 'does not claim to change state' {
            (Get-Command Import-DasCluster).Parameters.Keys | Should -Not -Contain 'WhatIf'
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'imports a valid spec' {
            $path = New-DasTestSpec -Directory $dir
            $cluster = Import-DasCluster -Path $path
            $cluster.Name | Should -Be 'isa'
            $cluster.Product | Should -Be ([DasOps.DasProduct]::IsAnalytics)
            $cluster.Path | Should -Be $path
            $cluster.Nodes.Count | Should -Be 2
            $cluster.Nodes[0].PortOffset | Should -Be 1
        }

        It 'imports files piped from Get-ChildItem, skipping invalid ones with errors' {
            New-DasTestSpec -Directory $dir -Name 'a.yaml' | Out-Null
            New-DasTestSpec -Directory $dir -Name 'b.yaml' -Text $script:FullyDistributedSpec | Out-Null
            New-DasTestSpec -Directory $dir -Name 'c.yaml' -Text "name: c`nnodes: [" | Out-Null
            $clusters = Get-ChildItem $dir -Filter *.yaml | Import-DasCluster -ErrorVariable problems -ErrorAction SilentlyContinue
            $clusters.Name | Should -Be @('isa', 'das-prod')
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasSpecInvalid,*'
        }

        It 'expands wildcards' {
            New-DasTestSpec -Directory $dir -Name 'a.yaml' | Out-Null
            New-DasTestSpec -Directory $dir -Name 'b.yaml' | Out-Null
            (Import-DasCluster -Path (Join-Path $dir '*.yaml')).Count | Should -Be 2
        }

        It 'writes one DasSpecInvalid error per problem, at file:line:column, and outputs nothing' {
            $text = "name: c`ndatabase: {host: 10.0.0.10, names: {regDb: 'reg-db'}}`nnodes:`n  - {name: n1, host: 127.0.0.1, colour: red}`n  - {name: n2, host: 10.0.0.12}`n"
            $path = New-DasTestSpec -Directory $dir -Text $text
            $result = Import-DasCluster $path -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            $problems.Count | Should -Be 3
            $problems | ForEach-Object {
                $_.FullyQualifiedErrorId | Should -BeLike 'DasSpecInvalid,*'
                $_.CategoryInfo.Category | Should -Be 'InvalidData'
            }
            $problems.Exception.Message | Should -Contain "${path}:4:33: error UnknownKey: unknown key 'colour' in node 'n1'."
        }

        It 'reports a missing file as DasSpecNotFound' {
            Import-DasCluster (Join-Path $dir 'missing.yaml') -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasSpecNotFound,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'stops on the first error with -ErrorAction Stop' {
            { Import-DasCluster (Join-Path $dir 'missing.yaml') -ErrorAction Stop } | Should -Throw -ErrorId 'DasSpecNotFound,DasOps.Commands.ImportDasClusterCommand'
        }
    }
}
