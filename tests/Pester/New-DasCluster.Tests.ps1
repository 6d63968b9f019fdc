BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'New-DasCluster' -Tag UnitTests {
    Context 'Parameters' {
        It 'has exactly the parameters of dasops new' {
            Get-DasOwnParameter New-DasCluster | Should -Be @('Database', 'Force', 'Home', 'Kafka', 'MinResourceCount', 'Name', 'NatsServer', 'Node', 'Path', 'Pattern', 'Product', 'SshUser', 'ZooKeeper')
        }

        It 'supports -WhatIf and -Confirm' {
            (Get-Command New-DasCluster).Parameters.Keys | Should -Contain 'WhatIf'
            (Get-Command New-DasCluster).Parameters.Keys | Should -Contain 'Confirm'
        }

        It 'makes -Node mandatory' {
            (Get-Command New-DasCluster).Parameters['Node'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).Mandatory | Should -Be $true
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'scaffolds a Stream Processor distributed cluster with Kafka, and refuses one without a messaging layer' {
            $nodes = 'mgr1=10.77.0.11:Manager', 'mgr2=10.77.0.12:Manager', 'wrk1=10.77.0.13:Worker', 'rcv1=10.77.0.15:ReceiverWorker'
            $cluster = New-DasCluster -Name sp -Product StreamProcessor -Pattern Distributed -Node $nodes -Database 10.77.0.10 -Kafka 10.77.0.10:9092 -ZooKeeper 10.77.0.10
            $cluster.Pattern | Should -Be ([DasOps.DasPattern]::Distributed)
            $cluster.Nodes.Home | Select-Object -Unique | Should -Be '/opt/wso2sp'

            $none = New-DasCluster -Name sp -Product StreamProcessor -Pattern Distributed -Node $nodes -Database 10.77.0.10 -ErrorVariable problems -ErrorAction SilentlyContinue
            $none | Should -BeNullOrEmpty
            ($problems | Where-Object { $_.Exception.Message -match 'NoMessaging' }) | Should -Not -BeNullOrEmpty
        }

        It 'scaffolds a two-node cluster in memory' {
            $cluster = New-DasCluster -Name isa -Product IsAnalytics -Node 'isa1=10.0.0.11', 'isa2=10.0.0.12' -Database 10.0.0.10
            $cluster | Should -BeOfType ([DasOps.DasCluster])
            $cluster.Name | Should -Be 'isa'
            $cluster.Product | Should -Be ([DasOps.DasProduct]::IsAnalytics)
            $cluster.Pattern | Should -Be ([DasOps.DasPattern]::MinimumHa)
            $cluster.Path | Should -BeNullOrEmpty
            $cluster.Nodes.Name | Should -Be @('isa1', 'isa2')
            $cluster.Nodes[0].Home | Should -Be '/opt/wso2is-analytics'
        }

        It 'parses roles and IPv6 hosts' {
            $nodes = 'rcv1=10.0.1.1:Receiver', 'rcv2=[fd00::2]:Receiver', 'idx1=10.0.1.3:Indexer', 'idx2=10.0.1.4:Indexer',
            'anl1=10.0.1.5:Analyzer,Dashboard', 'anl2=10.0.1.6:Analyzer,Dashboard'
            $cluster = New-DasCluster -Pattern FullyDistributed -Node $nodes -Database 10.0.0.10
            ($cluster.Nodes | Where-Object Name -EQ 'rcv2').Host | Should -Be 'fd00::2'
            ($cluster.Nodes | Where-Object Name -EQ 'anl1').Roles | Should -Be @([DasOps.DasNodeRole]::Analyzer, [DasOps.DasNodeRole]::Dashboard)
        }

        It 'writes the spec with -Path, without any secret' {
            $path = Join-Path $dir 'das.yaml'
            $cluster = New-DasCluster -Node 'n1=10.0.0.11', 'n2=10.0.0.12' -Database 10.0.0.10 -Path $path
            $cluster.Path | Should -Be $path
            $text = Get-Content -Raw $path
            $text | Should -Match 'passwordEnv: DASOPS_DB_PASSWORD'
            (Import-DasCluster $path).Nodes.Name | Should -Be @('n1', 'n2')
        }

        It 'does not write with -WhatIf but still outputs the cluster' {
            $path = Join-Path $dir 'das.yaml'
            $cluster = New-DasCluster -Node 'n1=10.0.0.11', 'n2=10.0.0.12' -Database 10.0.0.10 -Path $path -WhatIf
            Test-Path $path | Should -Be $false
            $cluster.Path | Should -BeNullOrEmpty
        }

        It 'refuses to replace a file without -Force' {
            $path = New-DasTestSpec -Directory $dir -Text 'keep me'
            $result = New-DasCluster -Node 'n1=10.0.0.11', 'n2=10.0.0.12' -Database 10.0.0.10 -Path $path -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileExists,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            Get-Content -Raw $path | Should -Be 'keep me'
            New-DasCluster -Node 'n1=10.0.0.11', 'n2=10.0.0.12' -Database 10.0.0.10 -Path $path -Force | Should -Not -BeNullOrEmpty
        }

        It 'reports a malformed node as DasParameterInvalid' {
            $result = New-DasCluster -Node 'n1' -Database 10.0.0.10 -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
            $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'reports every validation error and outputs nothing' {
            $result = New-DasCluster -Pattern FullyDistributed -Node 'n1=10.0.0.11', 'n2=10.0.0.12' -Database 10.0.0.10 -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            $problems.Count | Should -BeGreaterThan 2
            $problems | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DasSpecInvalid,*' }
            $problems.Exception.Message | Should -Contain '<new>: error NodeWithoutRole: node ''n1'' has no roles; fully distributed nodes need one of Receiver, Indexer, Analyzer, Dashboard, Storm.'
        }

        It 'creates one cluster per piped record' {
            $rows = @(
                [pscustomobject]@{ Name = 'a'; Node = @('a1=10.0.0.1', 'a2=10.0.0.2'); Database = '10.0.0.10' }
                [pscustomobject]@{ Name = 'b'; Node = @('b1=10.0.1.1', 'b2=10.0.1.2'); Database = '10.0.1.10' }
            )
            ($rows | New-DasCluster).Name | Should -Be @('a', 'b')
        }
    }
}
