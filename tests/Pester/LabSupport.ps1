# Dot-sourced by the Pester files that run against the lab (tests/lab/lab.sh): skip reasons at discovery, bringing a
# lab of N hosts up with the node emulator in every product home, and taking it down. One lab per machine:
# tests/Pester/run.sh holds /run/dasops-lab-tests.lock for the whole run, as the xunit lab suites do.

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# Why the lab cannot run here, or $null when it can.
function Get-DasLabSkipReason {
    if (-not $IsLinux) { return 'the lab needs Linux network namespaces' }
    if ((& id -u) -ne '0') { return 'the lab needs root' }
    foreach ($tool in 'sshd', 'mariadbd', 'mariadb', 'ip', 'unshare', 'nsenter', 'dotnet') {
        if (-not (Get-Command $tool -ErrorAction SilentlyContinue) -and -not (Test-Path "/usr/sbin/$tool")) { return "the lab needs $tool" }
    }
    if (-not (Test-Path (Join-Path $script:RepositoryRoot '../shared/reference/wso2-stock/das-3.2.0/dbscripts/mysql.sql'))) {
        return 'the carbon schema scripts come from ../shared/reference/wso2-stock (clone ../shared beside the repository)'
    }
    $null
}

# Brings up a lab of $Hosts hosts and returns its facts: LAB_* values, the product home of each host, the admin
# credential of the database. The emulator is published once per call into a temporary folder.
function Start-DasLab {
    param([Parameter(Mandatory)] [int] $Hosts)
    $emulator = Join-Path ([System.IO.Path]::GetTempPath()) ('dasops-pester-emulator-' + [guid]::NewGuid().ToString('N'))
    & dotnet publish (Join-Path $script:RepositoryRoot 'tests/DasOps.NodeEmulator/DasOps.NodeEmulator.csproj') -c Release -o $emulator -nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw 'the node emulator did not publish' }
    $env:LAB_EMULATOR_DIR = $emulator
    Invoke-DasLab up $Hosts

    $labDir = if ($env:DASOPS_LAB_DIR) { $env:DASOPS_LAB_DIR } else { '/var/lib/dasops-lab' }
    $lab = @{ Emulator = $emulator }
    foreach ($line in Get-Content (Join-Path $labDir 'lab.env')) {
        if ($line -match '^(?:export\s+)?(LAB_\w+)=(.*)$') { $lab[$Matches[1]] = $Matches[2].Trim('"', "'") }
    }
    $adminPassword = (Get-Content $lab.LAB_DB_ADMIN_PASSWORD_FILE -Raw).Trim()
    $lab.AdminCredential = New-Object System.Management.Automation.PSCredential ($lab.LAB_DB_ADMIN_USER, (New-Object System.Net.NetworkCredential ('', $adminPassword)).SecurePassword)
    $lab
}

function Stop-DasLab {
    param($Lab)
    & bash (Join-Path $script:RepositoryRoot 'tests/lab/lab.sh') down | Out-Null
    if ($Lab -and $Lab.Emulator -and (Test-Path $Lab.Emulator)) { Remove-Item -Recurse -Force $Lab.Emulator }
}

function Invoke-DasLab {
    & bash (Join-Path $script:RepositoryRoot 'tests/lab/lab.sh') @args
    if ($LASTEXITCODE -ne 0) { throw "lab.sh $($args -join ' ') failed (exit $LASTEXITCODE)" }
}

# A path inside the product home of a lab host, as the root namespace sees it.
function Get-DasLabHomePath {
    param([Parameter(Mandatory)] $Lab, [Parameter(Mandatory)] [string] $HostName, [string] $Relative = '')
    Join-Path $Lab.LAB_DIR "hosts/$HostName/srv/das/$Relative"
}

# The product's own carbon schema scripts, which the fixture homes do not carry, into a host's HOME/dbscripts.
function Copy-DasLabSchemaScript {
    param([Parameter(Mandatory)] $Lab, [Parameter(Mandatory)] [string] $HostName)
    $target = Get-DasLabHomePath $Lab $HostName 'dbscripts'
    New-Item -ItemType Directory -Force -Path $target | Out-Null
    Copy-Item (Join-Path $script:RepositoryRoot '../shared/reference/wso2-stock/das-3.2.0/dbscripts/*.sql') $target
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
        $manifest = Join-Path $(if ($env:DASOPS_MODULE_ROOT) { $env:DASOPS_MODULE_ROOT } else { Join-Path $script:RepositoryRoot 'out' }) 'DasOps/DasOps.psd1'
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
