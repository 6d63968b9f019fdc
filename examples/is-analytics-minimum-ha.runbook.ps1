<#
.SYNOPSIS
    Azure Automation runbook: brings an IS Analytics minimum-HA cluster (seed 003) to its spec and proves it is
    highly available. Unattended, safe to run again, fails the job when anything fails.

.DESCRIPTION
    Runs on a Hybrid Runbook Worker that reaches the nodes over ssh (OpenSSH client, the worker's key, and a
    known_hosts file the operators keep) and has the DasOps module installed. Nothing prompts:

      * secrets come from Automation credential assets (Get-AutomationPSCredential); only their passwords are used,
        the user names come from the spec;
      * Initialize-DasDatabase has ConfirmImpact High and is called with -Confirm:$false; every other step has
        ConfirmImpact Medium, which does not prompt under the default $ConfirmPreference (High, set below);
      * host keys are checked against the known_hosts file and never trusted blindly (no -AcceptNewHostKey).

    Safe to re-run after an interruption (a worker restart, a job stopped halfway), because every step is
    idempotent and the one thing that is not (a restart owed to a node whose configuration changed while it ran)
    is remembered in an Automation variable until it is done. See each step.

    Errors are collected, every step reports what it did to the job output, and the job fails (throw) at the first
    step that leaves the cluster unfit for the next one, or at the end when any HA check failed. Every error in the
    output carries its stable id in brackets ([DasNodeUnreachable], [DasSecretMissing] ...), and the error that
    fails the job carries the first one. Run outside Azure with pwsh -File, a failed run exits 1 and a good one 0.
    The last line of a good run sums up what it changed ("... 0 created, 0 file(s) written ..." when nothing).

    Assets (create them once):
      credential DasOps-Db        password of the cluster database user (database.user)
      credential DasOps-DbAdmin   password of the MySQL administrator (database.adminUser)
      credential DasOps-Svn       password of the dep-sync SVN user (depSync.user)
      variable   DasOps-PendingRestart-<cluster name>   string, initially empty

.PARAMETER SpecPath
    The cluster spec on the worker (kept in source control and deployed with the worker's configuration).

.PARAMETER KnownHostsPath
    The known_hosts file host keys are checked against; by default the spec's knownHosts.

.PARAMETER Failover
    Also run the failover drill: stop the active node, measure the takeover, restart it. Schedule it in a
    maintenance window; the nightly run checks HA without it.

.PARAMETER ClearPersistence
    Also delete old CEP state snapshots (keeping the two newest of each execution plan).
#>
param(
    [Parameter(Mandatory = $true)]
    [string] $SpecPath,

    [string] $KnownHostsPath,

    [switch] $Failover,

    [switch] $ClearPersistence
)

$ErrorActionPreference = 'Continue'   # DasOps reports one error per node; the runbook decides when to stop.
$ConfirmPreference = 'High'           # the default, stated: only ConfirmImpact High would ask, and it gets -Confirm:$false.
$ProgressPreference = 'SilentlyContinue'
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }   # PowerShell 7: no ANSI colour codes in the job's output.

# A terminating error that no step expected (a spec that does not validate, a module that does not load) still
# names its id in the job output; then the job fails with it.
trap {
    if ($_.FullyQualifiedErrorId -notlike 'DasRunbook:*') {
        Write-Error "DasOps runbook failed: [$($_.FullyQualifiedErrorId.Split(',')[0])] $($_.Exception.Message)" -ErrorAction Continue
    }
    break
}

Import-Module DasOps -ErrorAction Stop

$failures = New-Object System.Collections.Generic.List[string]

function Write-StepReport {
    param([string] $Step, [object[]] $Result)
    Write-Output "== $Step"
    if ($Result) { Write-Output ($Result | Format-Table -AutoSize | Out-String -Width 200) }
}

# Adds a step's errors to $failures, each with its stable id (DasNodeUnreachable, DasDatabaseError ...).
function Add-StepError {
    param([string] $Step, [System.Collections.ArrayList] $StepErrors)
    foreach ($record in $StepErrors) { $failures.Add("${Step}: [$($record.FullyQualifiedErrorId.Split(',')[0])] $($record.Exception.Message)") }
}

# Fails the job: every failure on the error stream, then a terminating error that carries the first failure's id.
function Exit-Runbook {
    param([string] $Reason)
    $failures | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    $id = if ($failures.Count -gt 0 -and $failures[0] -match '\[(\w+)\]') { $Matches[1] } else { 'DasRunbookFailed' }
    $message = "DasOps runbook failed: [$id] $Reason ($($failures.Count) error(s), listed above)."
    throw [System.Management.Automation.ErrorRecord]::new([System.Exception]::new($message), "DasRunbook:$id", 'NotSpecified', $null)
}

# A credential asset. A missing one (Get-AutomationPSCredential returns nothing, or fails) stops the job before any
# node is touched: a cmdlet given no credential would fall back to the worker's environment.
function Get-RunbookCredential {
    param([string] $Name)
    $credential = Get-AutomationPSCredential -Name $Name -ErrorAction SilentlyContinue
    if (-not $credential) { $failures.Add("Credentials: [DasSecretMissing] the Automation credential asset '$Name' was not found; create it (see the help of this runbook)") }
    $credential
}

# Waits, bounded, until every HA check passes: CEP roles and the Spark election settle seconds after a start.
function Wait-ClusterHealthy {
    param([DasOps.DasCluster] $Cluster, [hashtable] $Ssh, [int] $TimeoutSeconds = 180)
    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    do {
        if (Test-DasHa -Cluster $Cluster -Quiet @Ssh -ErrorAction SilentlyContinue) { return $true }
        Start-Sleep -Seconds 3
    } while ((Get-Date) -lt $deadline)
    $false
}

$db = Get-RunbookCredential 'DasOps-Db'
$dbAdmin = Get-RunbookCredential 'DasOps-DbAdmin'
$svn = Get-RunbookCredential 'DasOps-Svn'
if ($failures.Count -gt 0) { Exit-Runbook 'a credential asset is missing, so nothing was touched' }
$ssh = @{}
if ($KnownHostsPath) { $ssh['KnownHosts'] = $KnownHostsPath }

# A spec that does not validate stops here, before any node or database is touched.
$cluster = Import-DasCluster -Path $SpecPath -ErrorAction Stop
$pendingName = "DasOps-PendingRestart-$($cluster.Name)"

# 1. Databases. Each database, the user, its grants and the carbon schema are created only when missing, and
#    nothing that exists is altered: after an interruption the next run creates what is still missing and reports
#    the rest Unchanged. (A carbon schema whose load was cut off halfway is reported as Partial and left alone; that
#    is the one case that needs a person, and the job fails on it.)
$stepErrors = $null
$databases = Initialize-DasDatabase -Cluster $cluster -DatabaseCredential $db -DatabaseAdminCredential $dbAdmin -Confirm:$false @ssh -ErrorVariable stepErrors
Write-StepReport 'Databases' $databases
Add-StepError 'Databases' $stepErrors
if ($stepErrors.Count -gt 0) { Exit-Runbook 'the databases are not ready, so the configuration was not published' }

# 2. Configuration. Only files that differ are written, each node's files staged beside the old ones and switched
#    by rename, with a backup on the node: a node cut off mid-run holds all old or all new files, and the next run
#    writes what still differs. A node's lock lives as long as the DasOps command holding it, so a killed job leaves
#    no lock behind. The nodes whose files change owe a restart, and they are remembered BEFORE anything is written:
#    a job stopped right after the write would otherwise find nothing left to publish on its next run, and leave the
#    nodes running their old configuration. (A node remembered but then not written only gets one restart too many.)
$stepErrors = $null
$drift = Compare-DasConfiguration -Cluster $cluster -DatabaseCredential $db -SvnCredential $svn @ssh -ErrorVariable stepErrors
$pending = @(@((Get-AutomationVariable -Name $pendingName) -split ',') + @($drift | ForEach-Object Node) | Where-Object { $_ } | Sort-Object -Unique)
Set-AutomationVariable -Name $pendingName -Value ($pending -join ',')
Add-StepError 'Configuration' $stepErrors
if ($stepErrors.Count -gt 0) { Exit-Runbook 'the nodes could not be compared with the spec, so nothing was published' }
$stepErrors = $null
$changes = Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -SvnCredential $svn -Confirm:$false @ssh -ErrorVariable stepErrors
Write-StepReport 'Configuration' ($changes | Select-Object Node, Change, Path, Written, BackupId)
$pending = @(@($pending) + @($changes | Where-Object Written | ForEach-Object Node) | Where-Object { $_ } | Sort-Object -Unique)
Set-AutomationVariable -Name $pendingName -Value ($pending -join ',')
Add-StepError 'Configuration' $stepErrors
if ($stepErrors.Count -gt 0) { Exit-Runbook 'the configuration was not published on every node' }

# 3. Start. Nodes already running are left alone and nodes that are down start in the cluster's order, so a re-run
#    starts only what an interruption left down. A node started now runs the new configuration: it owes no restart.
$stepErrors = $null
$started = Start-DasNode -Cluster $cluster -Wait -Confirm:$false @ssh -ErrorVariable stepErrors
Write-StepReport 'Start' $started
$pending = @($pending | Where-Object { $_ -notin @($started | Where-Object Outcome -EQ 'Started' | ForEach-Object Node) })
Set-AutomationVariable -Name $pendingName -Value ($pending -join ',')
Add-StepError 'Start' $stepErrors
if ($stepErrors.Count -gt 0) { Exit-Runbook 'not every node started' }

# 4. Restarts owed: one node at a time, each only once the cluster is healthy again, so the other node keeps
#    serving. Each node leaves the variable once it is back; an interrupted job resumes with the nodes still owed.
$restartedNodes = New-Object System.Collections.Generic.List[string]
foreach ($node in $pending) {
    if (-not (Wait-ClusterHealthy -Cluster $cluster -Ssh $ssh)) { Exit-Runbook "the cluster is not healthy, so $node was not restarted" }
    $stepErrors = $null
    $restarted = Restart-DasNode -Cluster $cluster -Node $node -Confirm:$false @ssh -ErrorVariable stepErrors
    Write-StepReport "Restart $node" $restarted
    Add-StepError "Restart $node" $stepErrors
    if ($stepErrors.Count -gt 0) { Exit-Runbook "$node did not come back" }
    $pending = @($pending | Where-Object { $_ -ne $node })
    Set-AutomationVariable -Name $pendingName -Value ($pending -join ',')
    $restartedNodes.Add($node)
}

# 5. HA checks (read-only): one ALIVE and one STANDBY Spark master, CEP Active and Passive, members, ports,
#    symlink, database reachability. Every failed check is a failure of the job.
$null = Wait-ClusterHealthy -Cluster $cluster -Ssh $ssh
$stepErrors = $null
$checks = Test-DasHa -Cluster $cluster @ssh -ErrorVariable stepErrors
Write-StepReport 'HA checks' $checks
Add-StepError 'HA checks' $stepErrors
$checks | Where-Object Result -EQ 'Fail' | ForEach-Object { $failures.Add("HA check: $($_.Node) $($_.Check): $($_.Detail)") }

# 6. Failover drill (maintenance window only). It stops and restarts the active node; on a re-run it starts from
#    whatever node is active then, and a cluster that already fails a check is not drilled (DasHaNotReady).
if ($Failover -and $failures.Count -eq 0) {
    $stepErrors = $null
    $drill = Test-DasHa -Cluster $cluster -Failover -Confirm:$false @ssh -ErrorVariable stepErrors
    Write-StepReport 'Failover drill' ($drill | Where-Object Check -Like 'failover-*')
    Add-StepError 'Failover drill' $stepErrors
    $drill | Where-Object Result -EQ 'Fail' | ForEach-Object { $failures.Add("Failover: $($_.Node) $($_.Check): $($_.Detail)") }
}

# 7. CEP state snapshots: keeps the two newest of each execution plan, deletes the rest. A re-run finds nothing
#    more to delete.
if ($ClearPersistence) {
    $stepErrors = $null
    $cleared = Clear-DasPersistence -Cluster $cluster -Confirm:$false @ssh -ErrorVariable stepErrors
    Write-StepReport 'CEP persistence' $cleared
    Add-StepError 'CEP persistence' $stepErrors
}

if ($failures.Count -gt 0) { Exit-Runbook 'the cluster is up but not everything passed' }
$created = @($databases | Where-Object { $_ -is [DasOps.DasDatabaseResult] -and $_.Action -eq 'Created' }).Count
$written = @($changes | Where-Object Written).Count
$startedCount = @($started | Where-Object Outcome -EQ 'Started').Count
Write-Output ("DasOps: $($cluster.Name) matches its spec and passed every HA check; this run: database(s) $created created, " +
    "$written file(s) written, $startedCount node(s) started, $($restartedNodes.Count) restarted.")
