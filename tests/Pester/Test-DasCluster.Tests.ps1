BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Test-DasCluster' -Tag UnitTests {
    Context 'Parameters' {
        It 'has -Cluster, -Path and -Quiet, and -Connectivity with -Node, -TimeoutSeconds and the ssh parameters' {
            Get-DasOwnParameter Test-DasCluster | Should -Be (@('Path', 'Quiet', 'Connectivity', 'Node', 'TimeoutSeconds') + $script:RemoteParameters | Sort-Object)
        }

        It 'has a Cluster, a Path and a Connectivity parameter set, Cluster by default' {
            $command = Get-Command Test-DasCluster
            $command.ParameterSets.Name | Sort-Object | Should -Be @('Cluster', 'Connectivity', 'Path')
            $command.DefaultParameterSet | Should -Be 'Cluster'
            ($command.ParameterSets | Where-Object Name -EQ 'Connectivity').Parameters.Name | Should -Not -Contain 'Quiet'
        }

        It 'declares its output types, and the connectivity results have a table view' {
            (Get-Command Test-DasCluster).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasConnectivityResult', 'DasOps.DasValidationError', 'System.Boolean')
            Get-FormatData -TypeName DasOps.DasConnectivityResult | Should -Not -BeNullOrEmpty
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'outputs nothing for a valid spec file' {
            Test-DasCluster -Path (New-DasTestSpec -Directory $dir) | Should -BeNullOrEmpty
        }

        It 'outputs $true for a valid spec with -Quiet' {
            Test-DasCluster -Path (New-DasTestSpec -Directory $dir) -Quiet | Should -BeExactly $true
        }

        It 'outputs one located DasValidationError per problem' {
            $text = "name: c`ndatabase: {host: 10.0.0.10, names: {regDb: 'reg-db'}}`nnodes:`n  - {name: n1, host: 127.0.0.1, colour: red}`n  - {name: n2, host: 10.0.0.12}`n"
            $path = New-DasTestSpec -Directory $dir -Text $text
            $errors = Test-DasCluster -Path $path
            $errors.Count | Should -Be 3
            $errors | ForEach-Object { $_ | Should -BeOfType ([DasOps.DasValidationError]) }
            $colour = $errors | Where-Object Code -EQ 'UnknownKey'
            $colour.File | Should -Be $path
            $colour.Line | Should -Be 4
            $colour.Column | Should -Be 33
            Test-DasCluster -Path $path -Quiet | Should -BeExactly $false
        }

        It 'validates a cluster object from the pipeline after a change' {
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir -Text $script:FullyDistributedSpec)
            $cluster | Test-DasCluster | Should -BeNullOrEmpty
            Set-DasNodeProfile -Cluster $cluster -Node rcv2 -Profile Indexer
            ($cluster | Test-DasCluster).Code | Should -Contain 'RoleBelowMinimum'
            $cluster | Test-DasCluster -Quiet | Should -BeExactly $false
        }

        It 'reports a missing file as a SpecNotFound problem' {
            $result = Test-DasCluster -Path (Join-Path $dir 'missing.yaml')
            $result.Code | Should -Be 'SpecNotFound'
            Test-DasCluster -Path (Join-Path $dir 'missing.yaml') -Quiet | Should -BeExactly $false
        }

        It '-Connectivity reports every unknown node and connects to nothing when none is left' {
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir -Text $script:FullyDistributedSpec)
            Test-DasCluster $cluster -Connectivity -Node x1, x2 -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'DasNodeNotFound,*' }
            $problems.TargetObject | Should -Be @('x1', 'x2')
        }

        It 'refuses -Node without -Connectivity rather than reach the nodes unasked' {
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir -Text $script:FullyDistributedSpec)
            Test-DasCluster $cluster -Node rcv1 -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
        }

        It '-Connectivity on an invalid cluster reports the spec errors and connects to nothing' {
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir -Text $script:FullyDistributedSpec)
            Set-DasNodeProfile -Cluster $cluster -Node rcv2 -Profile Indexer
            Test-DasCluster $cluster -Connectivity -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -BeGreaterThan 0
            $problems.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'DasSpecInvalid,*' }
        }

        It 'takes files from Get-ChildItem' {
            New-DasTestSpec -Directory $dir -Name 'a.yaml' | Out-Null
            New-DasTestSpec -Directory $dir -Name 'b.yaml' | Out-Null
            (Get-ChildItem $dir | Test-DasCluster -Quiet) | Should -Be @($true, $true)
        }
    }
}
