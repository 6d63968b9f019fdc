<#
.SYNOPSIS
    A Pester 5 acceptance run for a DAS fully distributed cluster (seeds 000-002): every Test-DasHa check is a test.

.DESCRIPTION
    Invoke-Pester -Path ./examples/das-fully-distributed.Acceptance.Tests.ps1 -Output Detailed

    The cluster has two of each role (receivers, indexers, analyzers, dashboards); analyzers form their own
    Hazelcast cluster, so every node is checked against its own member list, and CEP HA is checked per HA group.

    The checks run once, at discovery, and each becomes a test named after its node and check, so the report shows
    exactly which node fails what, and CI keeps the NUnit/JUnit result. Reading the cluster needs no secret.

    Environment:
      DASOPS_SPEC       the cluster spec (default: das-fully-distributed.yaml beside this file)
      DASOPS_FAILOVER   1 to also run the failover drill (it stops and restarts the active node)
#>

BeforeDiscovery {
    Import-Module DasOps -ErrorAction Stop
    $specPath = if ($env:DASOPS_SPEC) { $env:DASOPS_SPEC } else { Join-Path $PSScriptRoot 'das-fully-distributed.yaml' }
    $cluster = Import-DasCluster -Path $specPath -ErrorAction Stop
    $haErrors = $null
    $checks = @(Test-DasHa -Cluster $cluster -Failover:($env:DASOPS_FAILOVER -eq '1') -Confirm:$false -ErrorVariable haErrors -ErrorAction SilentlyContinue)
    $run = @{
        Cluster = $cluster.Name
        Nodes   = @($cluster.Nodes.Name)
        Checked = @($checks.Node | Sort-Object -Unique)
        Names   = @($checks.Check | Sort-Object -Unique)
        Errors  = @($haErrors | ForEach-Object { $_.ToString() })
        Count   = $checks.Count
    }
}

Describe 'DAS fully distributed: <Cluster>' -ForEach $run -Tag Acceptance {
    It 'ran the checks without an error' {
        $Errors | Should -BeNullOrEmpty
        $Count | Should -BeGreaterThan 0
    }

    It 'checked every node of the spec' {
        foreach ($node in $Nodes) { $Checked | Should -Contain $node }
    }

    It 'checked the analyzers'' Spark symlink and masters, and CEP HA of every HA group' {
        $Names | Should -Contain 'symlink'
        $Names | Should -Contain 'spark-masters'
        @($Names | Where-Object { $_ -like 'cep-ha*' }).Count | Should -BeGreaterThan 0
    }
}

Describe 'DAS fully distributed checks' -Tag Acceptance {
    It '<Node>: <Check>' -ForEach @($checks | ForEach-Object { @{ Node = $_.Node; Check = $_.Check; Result = $_.Result.ToString(); Detail = $_.Detail } }) {
        $Result | Should -Be 'Pass' -Because $Detail
    }
}
