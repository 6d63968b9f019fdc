BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Compare-DasConfiguration' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node, credential, plan, throttle, quiet and ssh parameters' {
            Get-DasOwnParameter Compare-DasConfiguration | Should -Be (@('DatabaseCredential', 'Node', 'PlanPath', 'Quiet', 'SvnCredential', 'ThrottleLimit') + $script:RemoteParameters | Sort-Object)
        }

        It 'only reads: no -WhatIf' {
            (Get-Command Compare-DasConfiguration).Parameters.Keys | Should -Not -Contain 'WhatIf'
        }

        It 'binds -Node by the Node property of node and status objects, never by a cluster''s Name' {
            $node = (Get-Command Compare-DasConfiguration).Parameters['Node']
            $node.Aliases | Should -Be @('NodeName')
            $node.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName | Should -Contain $true
        }

        It 'declares both output types' {
            (Get-Command Compare-DasConfiguration).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasFileChange', 'System.Boolean')
        }

        It 'works on eight nodes at once by default' {
            [DasOps.Commands.CompareDasConfigurationCommand]::new().ThrottleLimit | Should -Be 8
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

        It 'needs the database password to render the files, and says so without prompting' {
            Invoke-WithoutDasSecret {
                $cluster | Compare-DasConfiguration -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
                $problems.Count | Should -Be 1
                $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasSecretMissing,*'
            }
        }

        It 'outputs $false with -Quiet when the cluster could not be compared' {
            Invoke-WithoutDasSecret {
                $cluster | Compare-DasConfiguration -Quiet -ErrorAction SilentlyContinue | Should -BeExactly $false
            }
        }

        It 'reports each unknown node, and outputs $false with -Quiet when none is left' {
            $result = Compare-DasConfiguration -Cluster $cluster -Node nope, other -Quiet -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeExactly $false
            $problems.Count | Should -Be 2
            $problems | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*' }
            $problems.TargetObject | Should -Be @('nope', 'other')
        }

        It 'reports a missing known_hosts file as DasFileNotFound' {
            $db = Get-DasTestCredential
            Compare-DasConfiguration -Cluster $cluster -DatabaseCredential $db -KnownHosts (Join-Path $dir 'known_hosts') -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
            $problems[0].Exception.Message | Should -BeLike '*known_hosts*'
        }
    }
}
