# Dot-sourced by the Pester files that use the lab (tests/lab/lab.sh): bring a lab of N hosts up with the node
# emulator in their homes, write a cluster spec for it, run a script in a child pwsh as Azure Automation would, and
# run a Pester file in a child pwsh (dot-source DasOps.TestSetup.ps1 first: Use-DasEnvironment lives there). The lab
# is one per machine: tests/Pester/run.sh holds its lock for the run.

$script:DasRepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:DasLabScript = Join-Path $script:DasRepoRoot 'tests/lab/lab.sh'
$script:DasLabDir = if ($env:DASOPS_LAB_DIR) { $env:DASOPS_LAB_DIR } else { '/var/lib/dasops-lab' }

# Why the lab cannot run here, or $null. For -Skip in BeforeDiscovery (dot-source this file there too).
function Get-DasLabSkipReason {
    if (-not $IsLinux) { return 'the lab needs Linux network namespaces' }
    if ((& id -u) -ne '0') { return 'the lab needs root' }
    foreach ($tool in 'sshd', 'mariadbd', 'mariadb', 'ip', 'unshare', 'nsenter', 'dotnet') {
        if (-not (Get-Command $tool -ErrorAction SilentlyContinue) -and -not (Test-Path "/usr/sbin/$tool")) { return "the lab needs $tool" }
    }
    if (-not (Test-Path (Join-Path $script:DasRepoRoot '../shared/reference/wso2-stock/das-3.2.0/dbscripts/mysql.sql'))) {
        return 'the carbon schema scripts come from ../shared/reference/wso2-stock (clone ../shared beside the repository)'
    }
    $null
}

function Invoke-DasLab {
    & bash $script:DasLabScript @args
    if ($LASTEXITCODE -ne 0) { throw "lab.sh $($args -join ' ') failed (exit $LASTEXITCODE)" }
}

# Brings up N hosts running the node emulator, puts the product's dbscripts in every home, and returns the lab's
# facts (LAB_* from lab.env). The emulator is published once per pwsh process.
function Start-DasLab {
    param([Parameter(Mandatory)] [int] $Nodes)
    if (-not $global:DasOpsLabEmulator -or -not (Test-Path (Join-Path $global:DasOpsLabEmulator 'install-into-home.sh'))) {
        $emulator = Join-Path ([System.IO.Path]::GetTempPath()) ('dasops-pester-emulator-' + [guid]::NewGuid().ToString('N'))
        & dotnet publish (Join-Path $script:DasRepoRoot 'tests/DasOps.NodeEmulator/DasOps.NodeEmulator.csproj') -c Release -o $emulator -nologo -v quiet | Out-Null
        if ($LASTEXITCODE -ne 0) { throw 'the node emulator did not publish' }
        $global:DasOpsLabEmulator = $emulator
    }
    $env:LAB_EMULATOR_DIR = $global:DasOpsLabEmulator
    Invoke-DasLab up $Nodes
    $lab = @{}
    foreach ($line in Get-Content (Join-Path $script:DasLabDir 'lab.env')) {
        if ($line -match '^(?:export\s+)?(LAB_\w+)=(.*)$') { $lab[$Matches[1]] = $Matches[2].Trim('"', "'") }
    }
    # The carbon schema scripts are the product's own; the lab's fixture homes do not carry them.
    $dbscripts = Join-Path $script:DasRepoRoot '../shared/reference/wso2-stock/das-3.2.0/dbscripts'
    foreach ($k in 1..$Nodes) {
        $target = Join-Path $lab.LAB_DIR "hosts/node$k/srv/das/dbscripts"
        New-Item -ItemType Directory -Force -Path $target | Out-Null
        Copy-Item (Join-Path $dbscripts '*.sql') $target
    }
    # The database administrator the lab made, as the credential Initialize-DasDatabase takes.
    $adminPassword = (Get-Content $lab.LAB_DB_ADMIN_PASSWORD_FILE -Raw).Trim()
    $lab.AdminCredential = New-Object System.Management.Automation.PSCredential ($lab.LAB_DB_ADMIN_USER, (New-Object System.Net.NetworkCredential ('', $adminPassword)).SecurePassword)
    $lab
}

function Stop-DasLab { & bash $script:DasLabScript down | Out-Null }

# The host-side path of a file in lab host nodeK's product home.
function Get-DasLabHomePath([string] $LabHost, [string] $Relative) { Join-Path $script:DasLabDir "hosts/$LabHost/srv/das/$Relative" }

# A spec for the lab: IS Analytics minimum HA on node1-2, or DAS fully distributed on node1-8 (two of each role).
function New-DasLabSpec {
    param([Parameter(Mandatory)] [hashtable] $Lab, [ValidateSet('MinimumHa', 'FullyDistributed')] [string] $Pattern, [string] $Path)
    $head = @"
knownHosts: $($Lab.LAB_KNOWN_HOSTS)
defaults:
  home: $($Lab.LAB_HOME)
  sshKey: $($Lab.LAB_SSH_KEY)
spark:
  masterCount: 2
  symlink: /srv/das-link
"@
    $text = if ($Pattern -eq 'MinimumHa') {
        @"
name: lab-isa
product: IsAnalytics
pattern: MinimumHa
$head
database:
  host: $($Lab.LAB_DB_HOST)
  user: wso2analytics
  adminUser: $($Lab.LAB_DB_ADMIN_USER)
depSync:
  svnUrl: http://10.77.0.1/svn/isa
  user: depsync
  committer: node1
nodes:
  - { name: node1, host: 10.77.0.11 }
  - { name: node2, host: 10.77.0.12 }
"@
    }
    else {
        @"
name: lab-das
product: Das
pattern: FullyDistributed
$head
database:
  host: $($Lab.LAB_DB_HOST)
  user: wso2das
  adminUser: $($Lab.LAB_DB_ADMIN_USER)
depSync:
  svnUrl: http://10.77.0.1/svn/das
  user: depsync
  committer: rcv1
nodes:
  - { name: rcv1, host: 10.77.0.11, roles: [Receiver] }
  - { name: rcv2, host: 10.77.0.12, roles: [Receiver] }
  - { name: idx1, host: 10.77.0.13, roles: [Indexer] }
  - { name: idx2, host: 10.77.0.14, roles: [Indexer] }
  - { name: ana1, host: 10.77.0.15, roles: [Analyzer] }
  - { name: ana2, host: 10.77.0.16, roles: [Analyzer] }
  - { name: dsh1, host: 10.77.0.17, roles: [Dashboard] }
  - { name: dsh2, host: 10.77.0.18, roles: [Dashboard] }
"@
    }
    if (-not $Path) { $Path = Join-Path $Lab.LAB_DIR "pester-$($Pattern.ToLowerInvariant()).yaml" }
    Set-Content -Path $Path -Value $text -Encoding utf8
    $Path
}

# The Azure Automation assets a runbook reads (tests/Pester/shims/DasOps.AutomationShim), as a 0600 JSON file.
function Set-DasAutomationAssets {
    param([Parameter(Mandatory)] [string] $Path, [hashtable] $Credentials = @{}, [hashtable] $Variables = @{})
    $store = [ordered]@{ Credentials = @{}; Variables = $Variables }
    foreach ($name in $Credentials.Keys) {
        $store.Credentials[$name] = @{ UserName = $Credentials[$name].UserName; Password = $Credentials[$name].GetNetworkCredential().Password }
    }
    [System.IO.File]::WriteAllText($Path, '')
    [System.IO.File]::SetUnixFileMode($Path, [System.IO.UnixFileMode]'UserRead, UserWrite')
    [System.IO.File]::WriteAllText($Path, ($store | ConvertTo-Json -Depth 5))
}

function Get-DasAutomationVariable([string] $Path, [string] $Name) { (Get-Content $Path -Raw | ConvertFrom-Json).Variables.$Name }

# The environment a runbook job gets: the asset cmdlets (the shim) and DasOps on PSModulePath, no colour, and none
# of the secret variables DasOps would otherwise fall back to (the job must get its secrets from the assets).
function Get-DasRunbookEnvironment([string] $AssetsPath) {
    $shims = Join-Path $PSScriptRoot 'shims'
    @{
        DASOPS_AUTOMATION_ASSETS = $AssetsPath
        PSModulePath             = $shims + [System.IO.Path]::PathSeparator + $env:PSModulePath
        NO_COLOR                 = '1'
        DASOPS_DB_PASSWORD       = $null
        DASOPS_DB_ADMIN_PASSWORD = $null
        DASOPS_SVN_PASSWORD      = $null
    }
}

# Runs a script the way an unattended job does (pwsh -NonInteractive -File) and returns its exit code, what $? said
# in the caller, every line of its output (stdout and stderr, in order) and how long it took.
function Invoke-DasRunbook {
    param([Parameter(Mandatory)] [string] $Path, [string[]] $Arguments = @(), [hashtable] $Environment = @{})
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $result = Use-DasEnvironment $Environment {
        $lines = & pwsh -NoProfile -NonInteractive -File $Path @Arguments 2>&1 | ForEach-Object { "$_" }
        $succeeded = $?
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Succeeded = $succeeded; Output = @($lines) }
    }
    $result | Add-Member -NotePropertyName Seconds -NotePropertyValue ([math]::Round($clock.Elapsed.TotalSeconds, 1)) -PassThru |
        Add-Member -NotePropertyName Text -NotePropertyValue (Join-DasErrorView ($result.Output -join "`n")) -PassThru
}

# pwsh's error view wraps a message over lines that start with "     | "; joined back, a message matches as written.
function Join-DasErrorView([string] $Text) { $Text -replace '\r?\n\s*\|\s+(?=\S)', ' ' }

# Starts the same job in the background: its output goes to a file, and the returned process can be killed.
function Start-DasRunbook {
    param([Parameter(Mandatory)] [string] $Path, [string[]] $Arguments = @(), [hashtable] $Environment = @{}, [Parameter(Mandatory)] [string] $OutputPath)
    Use-DasEnvironment $Environment {
        Start-Process -FilePath (Get-Command pwsh).Source -ArgumentList (@('-NoProfile', '-NonInteractive', '-File', $Path) + $Arguments) `
            -RedirectStandardOutput $OutputPath -RedirectStandardError "$OutputPath.err" -PassThru
    }
}

# Runs a Pester file in a child pwsh (a Pester run cannot nest in this one) with the given environment, and returns
# its counts and the name and message of each failed test.
function Invoke-DasNestedPester {
    param([Parameter(Mandatory)] [string] $Path, [hashtable] $Environment = @{})
    $summary = Join-Path ([System.IO.Path]::GetTempPath()) ('dasops-nested-' + [guid]::NewGuid().ToString('N') + '.json')
    $script = @'
param($Path, $Summary)
Import-Module Pester -MinimumVersion 5.0
$c = New-PesterConfiguration
$c.Run.Path = $Path
$c.Run.PassThru = $true
$c.Output.Verbosity = 'Detailed'
$r = Invoke-Pester -Configuration $c
@{
    Passed = $r.PassedCount; Failed = $r.FailedCount; Skipped = $r.SkippedCount; NotRun = $r.NotRunCount
    FailedBlocks = $r.FailedBlocksCount; FailedContainers = $r.FailedContainersCount
    Failures = @($r.Failed | ForEach-Object { "$($_.ExpandedPath): $($_.ErrorRecord.Exception.Message)" })
    Tests = @($r.Tests | ForEach-Object { "$($_.Result) $($_.ExpandedPath)" })
} | ConvertTo-Json -Depth 4 | Set-Content -Path $Summary
'@
    $runner = "$summary.ps1"
    Set-Content -Path $runner -Value $script
    try {
        $output = Use-DasEnvironment $Environment { & pwsh -NoProfile -NonInteractive -File $runner -Path $Path -Summary $summary 2>&1 | ForEach-Object { "$_" } }
        if (-not (Test-Path $summary)) { throw "the nested Pester run of $Path wrote no summary:`n$($output -join "`n")" }
        $result = Get-Content $summary -Raw | ConvertFrom-Json
        $result | Add-Member -NotePropertyName Output -NotePropertyValue ($output -join "`n") -PassThru
    }
    finally { Remove-Item -Force -ErrorAction SilentlyContinue $summary, $runner }
}

# CEP roles and the Spark election settle a few seconds after the start line; waits for every HA check, bounded.
function Wait-DasLabHealthy {
    param([Parameter(Mandatory)] $Cluster, [int] $Seconds = 90)
    $deadline = (Get-Date).AddSeconds($Seconds)
    while (-not (Test-DasHa -Cluster $Cluster -Quiet -ErrorAction SilentlyContinue)) {
        if ((Get-Date) -gt $deadline) { return $false }
        Start-Sleep -Milliseconds 500
    }
    $true
}

# Runs $Script in a runspace of its own with the module loaded, and returns its output and every stream, progress
# included (the one stream a script cannot redirect). $Arguments are passed as its parameters.
function Invoke-DasWithStreams {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Arguments = @{})
    $ps = [powershell]::Create()
    try {
        $manifest = Join-Path $(if ($env:DASOPS_MODULE_ROOT) { $env:DASOPS_MODULE_ROOT } else { Join-Path $script:DasRepoRoot 'out' }) 'DasOps/DasOps.psd1'
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', $manifest).AddStatement()
        $null = $ps.AddScript($Script)
        foreach ($name in $Arguments.Keys) { $null = $ps.AddParameter($name, $Arguments[$name]) }
        $output = $ps.Invoke()
        [pscustomobject]@{
            Output   = @($output)
            Progress = @($ps.Streams.Progress)
            Verbose  = @($ps.Streams.Verbose | ForEach-Object Message)
            Warning  = @($ps.Streams.Warning | ForEach-Object Message)
            Error    = @($ps.Streams.Error)
        }
    }
    finally {
        $ps.Dispose()
    }
}
