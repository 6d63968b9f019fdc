BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Get-DasNode' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node and ssh parameters' {
            Get-DasOwnParameter Get-DasNode | Should -Be (@('Node') + $script:RemoteParameters | Sort-Object)
        }

        It 'only reads: no -WhatIf' {
            (Get-Command Get-DasNode).Parameters.Keys | Should -Not -Contain 'WhatIf'
        }

        It 'outputs DasNodeStatus objects, whose Cluster and Node bind to the node cmdlets' {
            (Get-Command Get-DasNode).OutputType.Name | Should -Be @('DasOps.DasNodeStatus')
            $properties = [DasOps.DasNodeStatus].GetProperties().Name
            $properties | Should -Contain 'Cluster'
            $properties | Should -Contain 'Node'
            Get-FormatData -TypeName DasOps.DasNodeStatus | Should -Not -BeNullOrEmpty
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

        It 'reports every unknown node and reads nothing when none is left' {
            Get-DasNode -Cluster $cluster -Node x1, x2 -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.TargetObject | Should -Be @('x1', 'x2')
        }

        It 'reads node objects piped in as one operation' {
            $cluster.Nodes | Where-Object Name -Like 'rcv*' | Get-DasNode -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
        }

        It 'refuses an ssh config with the SshNet transport, which reads none' {
            Get-DasNode -Cluster $cluster -Transport SshNet -SshConfig (Join-Path $dir 'missing.config') -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
            $problems[0].Exception.Message | Should -BeLike '*OpenSSH only*-Transport OpenSsh*'
        }
    }
}
