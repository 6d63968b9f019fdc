<#
.SYNOPSIS
    A Pester 5 acceptance run for an IS Analytics minimum-HA cluster (seed 003): every Test-DasHa check is a test.

.DESCRIPTION
    Invoke-Pester -Path ./examples/is-analytics-minimum-ha.Acceptance.Tests.ps1 -Output Detailed

    The checks run once, at discovery, and each becomes a test named after its node and check, so the report shows
    exactly which node fails what, and CI keeps the NUnit/JUnit result. Reading the cluster needs no secret.

    Environment:
      DASOPS_SPEC       the cluster spec (default: is-analytics-minimum-ha.yaml beside this file)
      DASOPS_FAILOVER   1 to also run the failover drill (it stops and restarts the active node)
#>

BeforeDiscovery {
    Import-Module DasOps -ErrorAction Stop
    $specPath = if ($env:DASOPS_SPEC) { $env:DASOPS_SPEC } else { Join-Path $PSScriptRoot 'is-analytics-minimum-ha.yaml' }
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

Describe 'IS Analytics minimum HA: <Cluster>' -ForEach $run -Tag Acceptance {
    It 'ran the checks without an error' {
        $Errors | Should -BeNullOrEmpty
        $Count | Should -BeGreaterThan 0
    }

    It 'checked both nodes' {
        $Nodes.Count | Should -Be 2
        foreach ($node in $Nodes) { $Checked | Should -Contain $node }
    }

    It 'checked the Spark masters and CEP HA across the cluster' {
        $Names | Should -Contain 'spark-masters'
        $Names | Should -Contain 'cep-ha'
    }
}

Describe 'IS Analytics minimum HA checks' -Tag Acceptance {
    It '<Node>: <Check>' -ForEach @($checks | ForEach-Object { @{ Node = $_.Node; Check = $_.Check; Result = $_.Result.ToString(); Detail = $_.Detail } }) {
        $Result | Should -Be 'Pass' -Because $Detail
    }
}
