<#
.SYNOPSIS
    DAS fully distributed HA (seeds 000-002) from an interactive session: look first with -WhatIf, then do it, then
    prove failover.

.DESCRIPTION
    Eight nodes, two of each role: receivers, indexers, analyzers (the Spark masters, in a Hazelcast cluster of their
    own) and dashboards (the CEP presenters); exactly one receiver commits dep-sync.

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
    ./das-fully-distributed.interactive.ps1 -Path ./das-prod.yaml
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'das-fully-distributed.yaml'),

    [System.Management.Automation.PSCredential]
    [System.Management.Automation.Credential()]
    $DatabaseCredential = (Get-Credential -UserName wso2das -Message 'Password of the cluster database user'),

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
$cluster.Nodes | Format-Table Name, Host, Roles, PortOffset, Home

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

# 3. For real: the pipeline of DESIGN.md. Set-DasNodeProfile states the receivers' profile in the spec object
#    (Export-DasCluster would save it). Initialize-DasDatabase asks before it creates anything (ConfirmImpact High);
#    every step hands the cluster on only when it succeeded on every node, so a failure stops the pipeline at that
#    step, with an error that names the node and the reason. Start-DasNode starts the nodes in the cluster's order,
#    each with its profile flag (-receiverNode, -indexerNode, -analyzerNode ...), and waits for each.
$started = $cluster |
    Set-DasNodeProfile -Node rcv1, rcv2 -Profile Receiver -PassThru |
    Initialize-DasDatabase -DatabaseCredential $DatabaseCredential -DatabaseAdminCredential $DatabaseAdminCredential -PassThru |
    Publish-DasConfiguration -DatabaseCredential $DatabaseCredential -SvnCredential $SvnCredential -PassThru |
    Start-DasNode -Wait -PassThru
if (-not $started) { throw 'The cluster did not come up; the errors above say which step and which node.' }

# 4. The nodes as they are now: process, CEP HA role, Spark master (analyzers), Hazelcast members (the analyzers
#    count only each other).
Get-DasNode -Cluster $cluster | Format-Table -AutoSize

# 5. Check HA. The CEP roles and the Spark master election settle a few seconds after the nodes report "started",
#    so wait (bounded) until every check passes, then show them.
$deadline = (Get-Date).AddMinutes(2)
while (-not (Test-DasHa -Cluster $cluster -Quiet -ErrorAction SilentlyContinue) -and (Get-Date) -lt $deadline) {
    Start-Sleep -Seconds 2
}
Test-DasHa -Cluster $cluster | Format-Table -AutoSize

# 6. Prove it: stop the CEP Active node of each HA group and the ALIVE Spark master, measure the takeovers,
#    restart them, check they rejoin as Passive and STANDBY. -Confirm asks before any node is stopped.
$drill = Test-DasHa -Cluster $cluster -Failover -Confirm
$drill | Where-Object Check -Like 'failover-*' | Format-Table Node, Check, Result, @{ n = 'Seconds'; e = { '{0:0.0}' -f $_.Duration.TotalSeconds } }, Detail -AutoSize
$failed = @($drill | Where-Object Result -EQ 'Fail')
if ($failed.Count -gt 0) { Write-Warning "$($failed.Count) check(s) failed: $(($failed | ForEach-Object { "$($_.Node) $($_.Check)" }) -join ', ')" }

# Later: drift checks (Compare-DasConfiguration -Quiet), undo a publish on a node
# (Restore-DasConfiguration -Node rcv1), and upkeep of CEP state snapshots (Clear-DasPersistence -WhatIf, then
# without -WhatIf).
