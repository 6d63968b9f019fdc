<#
.SYNOPSIS
    IS Analytics minimum HA (seed 003) from an interactive session: look first with -WhatIf, then do it, then prove
    failover.

.DESCRIPTION
    Run it whole, or step by step (select a block and press F8 in VS Code or the ISE). Each step that changes
    something is shown first with -WhatIf: the SQL that would run (passwords masked), the diff of every configuration
    file, the nodes that would start. Then the same pipeline runs for real, the cluster's HA is checked, and
    Test-DasHa -Failover stops the active node, measures the takeover and restarts it.

    Secrets: the credentials are asked for once, here, by Get-Credential; DasOps itself never prompts and never
    writes a password to the spec, a log or a command line. Only the passwords are used: the user names come from
    the spec (database.user, database.adminUser, depSync.user).

.PARAMETER Path
    The cluster spec; by default the example beside this script.

.EXAMPLE
    ./is-analytics-minimum-ha.interactive.ps1 -Path ./prod-isa.yaml
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'is-analytics-minimum-ha.yaml'),

    [System.Management.Automation.PSCredential]
    [System.Management.Automation.Credential()]
    $DatabaseCredential = (Get-Credential -UserName wso2analytics -Message 'Password of the cluster database user'),

    [System.Management.Automation.PSCredential]
    [System.Management.Automation.Credential()]
    $DatabaseAdminCredential = (Get-Credential -UserName root -Message 'Password of the MySQL administrator'),

    [System.Management.Automation.PSCredential]
    [System.Management.Automation.Credential()]
    $SvnCredential = (Get-Credential -UserName depsync -Message 'Password of the dep-sync SVN user')
)

Import-Module DasOps -ErrorAction Stop

# 1. The spec: read and validated (every problem at file:line:column). Nothing touches a node yet.
$cluster = Import-DasCluster -Path $Path -ErrorAction Stop
$cluster
$cluster.Nodes

# 2. Look before doing. Nothing below changes anything.
#    The databases: the SQL that would run, as "What if:" lines; WouldCreate in the results.
$cluster | Initialize-DasDatabase -DatabaseCredential $DatabaseCredential -DatabaseAdminCredential $DatabaseAdminCredential -WhatIf

#    The configuration: how the live nodes drift from the spec, file by file, with masked diffs.
$drift = $cluster | Compare-DasConfiguration -DatabaseCredential $DatabaseCredential -SvnCredential $SvnCredential
$drift | Format-Table
$drift | ForEach-Object Diff

#    The same as Publish-DasConfiguration would do it: one "What if:" per node and per file diff.
$cluster | Publish-DasConfiguration -DatabaseCredential $DatabaseCredential -SvnCredential $SvnCredential -WhatIf | Out-Null

#    And which nodes would be started.
$cluster | Start-DasNode -WhatIf

# 3. For real: the pipeline of about_DasOps. Initialize-DasDatabase asks before it creates anything
#    (ConfirmImpact High); every step hands the cluster on only when it succeeded on every node, so a failure stops
#    the pipeline at that step, with an error that names the node and the reason.
$started = $cluster |
    Initialize-DasDatabase -DatabaseCredential $DatabaseCredential -DatabaseAdminCredential $DatabaseAdminCredential -PassThru |
    Publish-DasConfiguration -DatabaseCredential $DatabaseCredential -SvnCredential $SvnCredential -PassThru |
    Start-DasNode -Wait -PassThru
if (-not $started) { throw 'The cluster did not come up; the errors above say which step and which node.' }

# 4. The nodes as they are now: process, CEP HA role, Spark master, Hazelcast members.
Get-DasNode -Cluster $cluster

# 5. Check HA. The CEP roles and the Spark master election settle a few seconds after the nodes report "started",
#    so wait (bounded) until every check passes, then show them.
$deadline = (Get-Date).AddMinutes(2)
while (-not (Test-DasHa -Cluster $cluster -Quiet -ErrorAction SilentlyContinue) -and (Get-Date) -lt $deadline) {
    Start-Sleep -Seconds 2
}
Test-DasHa -Cluster $cluster | Format-Table -AutoSize

# 6. Prove it: stop the CEP Active node (and the ALIVE Spark master), measure the takeover, restart, check the
#    rejoin. -Confirm asks before any node is stopped.
$drill = Test-DasHa -Cluster $cluster -Failover -Confirm
$drill | Where-Object Check -Like 'failover-*' | Format-Table Node, Check, Result, @{ n = 'Seconds'; e = { '{0:0.0}' -f $_.Duration.TotalSeconds } }, Detail -AutoSize
$failed = @($drill | Where-Object Result -EQ 'Fail')
if ($failed.Count -gt 0) { Write-Warning "$($failed.Count) check(s) failed: $(($failed | ForEach-Object { "$($_.Node) $($_.Check)" }) -join ', ')" }

# Later: drift checks (Compare-DasConfiguration -Quiet), undo a publish on a node
# (Restore-DasConfiguration -Node isa1), and upkeep of CEP state snapshots (Clear-DasPersistence -WhatIf, then
# without -WhatIf).
