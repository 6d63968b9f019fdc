<#
.SYNOPSIS
    The main job on the built-in lab, through the DasOps cmdlets: the pipeline of about_DasOps, literally.

.DESCRIPTION
    Brings up a lab of two hosts (each its own network namespace, address, sshd and host key) plus MariaDB, writes
    an IS Analytics minimum-HA spec for them, and runs

        Import-DasCluster $spec |
          Initialize-DasDatabase -PassThru |
          Publish-DasConfiguration -PassThru |
          Start-DasNode -Wait -PassThru |
          Test-DasHa -Failover

    printing what each step did (its verbose stream, the SQL statements counted rather than shown), every HA check,
    and the measured failover times taken from the check objects. Then it runs the same pipeline again, which
    changes nothing and says so, stops the cluster and tears the lab down.

    Needs root (network namespaces), the lab's packages and a built module (examples/lab-demo.sh does all of that:
    bash examples/lab-demo.sh). The lab's nodes run the node emulator (tests/DasOps.NodeEmulator) because no WSO2
    distribution can be downloaded here; everything else is real: ssh, MariaDB, files.

    Environment: LAB_EMULATOR_DIR, an already published emulator (else it is published here).
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$lab = Join-Path $root 'tests/lab/lab.sh'
$stockScripts = Join-Path $root '../shared/reference/wso2-stock/das-3.2.0/dbscripts'

function Write-Step([string] $Text) { Write-Host "`n==> $Text" }

function Invoke-Lab {
    & bash $lab @args
    if ($LASTEXITCODE -ne 0) { throw "lab.sh $($args -join ' ') failed (exit $LASTEXITCODE)" }
}

# Runs a pipeline with every cmdlet's verbose stream on, and prints each line under the cmdlet that wrote it; the
# pipeline's own output is returned. SQL statements are counted, not shown (-WhatIf shows them, masked).
function Invoke-Shown([scriptblock] $Pipeline) {
    $current = $null
    $sql = 0
    $output = New-Object System.Collections.Generic.List[object]
    & $Pipeline 4>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.VerboseRecord]) {
            $command = if ($_.InvocationInfo) { $_.InvocationInfo.MyCommand.Name } else { '' }
            if ($command -ne $current) {
                if ($sql) { Write-Host "      ($sql SQL statements)"; $sql = 0 }
                Write-Host "  $command"
                $current = $command
            }
            $message = if ($_.Message.Length -gt 150) { $_.Message.Substring(0, 149) + '…' } else { $_.Message }
            if ($_.Message -like 'SQL for *') { $sql++ } else { Write-Host "      $message" }
        }
        else { $output.Add($_) }
    }
    if ($sql) { Write-Host "      ($sql SQL statements)" }
    $output
}

function Show-Checks($Checks) {
    $Checks | Format-Table Node, Check, Result, @{ n = 'Seconds'; e = { '{0:0.0}' -f $_.Duration.TotalSeconds } }, Detail -AutoSize | Out-String -Width 180 | Write-Host
}

Import-Module (Join-Path $root 'out/DasOps/DasOps.psd1')

$emulator = $env:LAB_EMULATOR_DIR
$ownEmulator = -not $emulator
if ($ownEmulator) {
    Write-Step 'publish the node emulator that the lab hosts run in place of the WSO2 server'
    $emulator = Join-Path ([System.IO.Path]::GetTempPath()) ('dasops-demo-emulator-' + [guid]::NewGuid().ToString('N'))
    & dotnet publish (Join-Path $root 'tests/DasOps.NodeEmulator') -c Release -o $emulator -nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'the node emulator did not publish' }
}
$work = Join-Path ([System.IO.Path]::GetTempPath()) ('dasops-demo-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $work | Out-Null

try {
    Write-Step 'lab up: 2 hosts + MariaDB, each host its own network namespace, address and sshd'
    $env:LAB_EMULATOR_DIR = $emulator
    Invoke-Lab up 2
    $facts = @{}
    foreach ($line in (& bash $lab env)) { if ($line -match '^export (LAB_\w+)=(.*)$') { $facts[$Matches[1]] = $Matches[2].Trim('"', "'") } }

    # The lab homes are our own fixture: put the product's real carbon schema scripts in.
    foreach ($node in 'node1', 'node2') {
        $target = Join-Path $facts.LAB_DIR "hosts/$node/srv/das/dbscripts"
        New-Item -ItemType Directory -Force -Path $target | Out-Null
        Copy-Item (Join-Path $stockScripts '*.sql') $target
    }

    $spec = Join-Path $work 'lab-cluster.yaml'
    @"
name: lab-isa
product: IsAnalytics
pattern: MinimumHa
knownHosts: $($facts.LAB_KNOWN_HOSTS)
defaults:
  home: $($facts.LAB_HOME)
  sshKey: $($facts.LAB_SSH_KEY)
database:
  host: $($facts.LAB_DB_HOST)
  port: $($facts.LAB_DB_PORT)
  user: wso2analytics
  adminUser: $($facts.LAB_DB_ADMIN_USER)
spark:
  masterCount: 2
  symlink: /srv/das-link
depSync:
  svnUrl: http://10.77.0.1/svn/isa
  user: depsync
  committer: node1
nodes:
  - { name: node1, host: 10.77.0.11 }
  - { name: node2, host: 10.77.0.12 }
"@ | Set-Content -Path $spec -Encoding utf8

    # Secrets are PSCredentials, never in the spec: generated for this run; the administrator's from the lab.
    function New-Secret([string] $User, [string] $Text) { New-Object System.Management.Automation.PSCredential ($User, (New-Object System.Net.NetworkCredential ('', $Text)).SecurePassword) }
    $random = { -join ((48..57) + (65..90) + (97..122) | Get-Random -Count 20 | ForEach-Object { [char]$_ }) }
    $db = New-Secret wso2analytics (& $random)
    $svn = New-Secret depsync (& $random)
    $admin = New-Secret $facts.LAB_DB_ADMIN_USER ((Get-Content $facts.LAB_DB_ADMIN_PASSWORD_FILE -Raw).Trim())

    Write-Step "the spec ($spec), read and validated: nothing touches a node yet"
    $cluster = Import-DasCluster -Path $spec
    $cluster | Format-List Name, Product, Pattern | Out-String | Write-Host
    $cluster.Nodes | Format-Table Node, Host, Role -AutoSize | Out-String | Write-Host

    Write-Step 'the pipeline: Import-DasCluster | Initialize-DasDatabase -PassThru | Publish-DasConfiguration -PassThru | Start-DasNode -Wait -PassThru | Test-DasHa -Failover'
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $checks = Invoke-Shown {
        Import-DasCluster $spec |
            Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $admin -Confirm:$false -PassThru -Verbose |
            Publish-DasConfiguration -DatabaseCredential $db -SvnCredential $svn -PassThru -Verbose |
            Start-DasNode -Wait -PassThru -Verbose |
            Test-DasHa -Failover -Confirm:$false
    }
    Write-Host "  Test-DasHa -Failover ($([math]::Round($clock.Elapsed.TotalSeconds)) s for the whole pipeline)"
    if (-not $checks) { throw 'the pipeline stopped before Test-DasHa: the error above names the step and the node' }
    Show-Checks $checks

    Write-Step 'measured failover (from the check objects)'
    foreach ($check in $checks | Where-Object Check -In 'failover-cep', 'failover-spark') {
        $what = if ($check.Check -eq 'failover-cep') { 'CEP Active role' } else { 'Spark master (ALIVE)' }
        Write-Host ("  {0,-22} {1,5:0.0} s   {2}: {3}" -f $what, $check.Duration.TotalSeconds, $check.Node, $check.Detail)
    }
    $failed = @($checks | Where-Object Result -EQ 'Fail')
    if ($failed) { throw "$($failed.Count) HA check(s) failed: $(($failed | ForEach-Object { "$($_.Node) $($_.Check)" }) -join ', ')" }

    Write-Step 'the same pipeline again: nothing to create, write or start'
    $again = Invoke-Shown {
        Import-DasCluster $spec |
            Initialize-DasDatabase -DatabaseCredential $db -DatabaseAdminCredential $admin -Confirm:$false -PassThru -Verbose |
            Publish-DasConfiguration -DatabaseCredential $db -SvnCredential $svn -PassThru -Verbose |
            Start-DasNode -Wait -PassThru -Verbose |
            Test-DasHa
    }
    Write-Host "  Test-DasHa: $(@($again | Where-Object Result -EQ 'Pass').Count) of $(@($again).Count) checks pass"
    $failed = @($again | Where-Object Result -NE 'Pass')
    if ($failed) { Show-Checks $failed; throw "$($failed.Count) HA check(s) failed on the second pass" }

    Write-Step 'stop the cluster'
    Stop-DasNode -Cluster $cluster -Confirm:$false | Format-Table Node, Outcome, Detail -AutoSize | Out-String | Write-Host
}
finally {
    Write-Step 'lab down'
    & bash $lab down
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $work
    if ($ownEmulator) { Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $emulator }
}
