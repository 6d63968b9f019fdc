BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Start-DasNode' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node, wait, timeout, pass-through and ssh parameters' {
            Get-DasOwnParameter Start-DasNode | Should -Be (@('Node', 'PassThru', 'TimeoutSeconds', 'Wait') + $script:RemoteParameters | Sort-Object)
        }

        It 'waits five minutes for a node by default' {
            [DasOps.Commands.StartDasNodeCommand]::new().TimeoutSeconds | Should -Be 300
        }

        It 'supports -WhatIf and declares the results and the cluster' {
            (Get-Command Start-DasNode).Parameters.Keys | Should -Contain 'WhatIf'
            (Get-Command Start-DasNode).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasCluster', 'DasOps.DasNodeActionResult')
        }

        It 'binds -Node by the Node property of node and status objects, never by a cluster''s Name' {
            $node = (Get-Command Start-DasNode).Parameters['Node']
            $node.Aliases | Should -Be @('NodeName')
            $node.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName | Should -Contain $true
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

        It 'accepts -Wait, which is what it always does' {
            Start-DasNode -Cluster $cluster -Node nope -Wait -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
        }

        It 'refuses -Wait:$false, which it cannot honour' {
            { Start-DasNode -Cluster $cluster -Wait:$false } | Should -Throw -ErrorId 'DasParameterInvalid,DasOps.Commands.StartDasNodeCommand'
        }

        It 'reports unknown nodes and still works on the others' {
            Start-DasNode -Cluster $cluster -Node nope, node2 -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 2
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
            # node2 went on to the connection, which fails here for want of the ssh config.
            $problems[1].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
        }

        It 'does not pass the cluster on when it could not start the nodes' {
            $cluster | Start-DasNode -Wait -PassThru -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }
}
