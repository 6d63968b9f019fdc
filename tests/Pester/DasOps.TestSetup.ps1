# Dot-sourced by every *.Tests.ps1 in BeforeAll: imports the BUILT module (out/DasOps) and defines test helpers.
# The module root comes from $env:DASOPS_MODULE_ROOT (set by Invoke-DasOpsPester.ps1) or the repository's out/.

$moduleRoot = if ($env:DASOPS_MODULE_ROOT) { $env:DASOPS_MODULE_ROOT } else { Join-Path $PSScriptRoot '../../out' }
$manifest = Join-Path $moduleRoot 'DasOps/DasOps.psd1'
if (-not (Test-Path $manifest)) { throw "$manifest is missing: build the module first (./build.ps1 or dotnet build src/DasOps)." }
Import-Module $manifest -Force -ErrorAction Stop

# Both specs validate; the engine tests use the same shapes (tests/DasOps.Engine.Tests/Support/Specs.cs).
$script:MinimumHaSpec = @'
name: isa
product: IsAnalytics
pattern: MinimumHa
database:
  host: 10.77.0.10
nodes:
  - name: node1
    host: 10.77.0.11
  - name: node2
    host: 10.77.0.12
'@

$script:FullyDistributedSpec = @'
name: das-prod
product: Das
pattern: FullyDistributed
database:
  host: 10.77.0.10
nodes:
  - { name: rcv1, host: 10.77.0.11, roles: [Receiver] }
  - { name: rcv2, host: 10.77.0.12, roles: [Receiver] }
  - { name: idx1, host: 10.77.0.13, roles: [Indexer] }
  - { name: idx2, host: 10.77.0.14, roles: [Indexer] }
  - { name: ana1, host: 10.77.0.15, roles: [Analyzer] }
  - { name: ana2, host: 10.77.0.16, roles: [Analyzer] }
  - { name: dsh1, host: 10.77.0.17, roles: [Dashboard] }
  - { name: dsh2, host: 10.77.0.18, roles: [Dashboard] }
'@

function New-DasTestDirectory {
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('dasops-pester-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Select-Object -ExpandProperty FullName
}

function New-DasTestSpec {
    param(
        [Parameter(Mandatory)] [string] $Directory,
        [string] $Name = 'cluster.yaml',
        [string] $Text = $script:MinimumHaSpec
    )
    $path = Join-Path $Directory $Name
    [System.IO.File]::WriteAllText($path, $Text)
    $path
}

# The parameters a cmdlet has besides the common ones (and -WhatIf/-Confirm), sorted: the dbatools pattern.
function Get-DasOwnParameter {
    param([Parameter(Mandatory)] [string] $Command)
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    (Get-Command $Command).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object
}

# A PSCredential for tests; only its password matters to DasOps (the user names come from the spec).
function Get-DasTestCredential {
    param([string] $UserName = 'wso2', [string] $Text = 'test-password')
    New-Object System.Management.Automation.PSCredential ($UserName, (New-Object System.Net.NetworkCredential ('', $Text)).SecurePassword)
}

# Runs $Script with these environment variables set ($null unsets one), then puts back what they were.
function Use-DasEnvironment([hashtable] $Environment, [scriptblock] $Script) {
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try { & $Script }
    finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
}

# Runs $Script with the spec's secret variables unset, so a missing secret is not hidden by the machine's environment.
function Invoke-WithoutDasSecret {
    param([Parameter(Mandatory)] [scriptblock] $Script)
    Use-DasEnvironment @{ DASOPS_DB_PASSWORD = $null; DASOPS_DB_ADMIN_PASSWORD = $null; DASOPS_SVN_PASSWORD = $null } $Script
}

# The parameters every cmdlet that reaches the nodes has (DasRemoteCmdlet).
$script:RemoteParameters = @('AcceptNewHostKey', 'Cluster', 'KnownHosts', 'SshConfig', 'SshCredential', 'SshKey', 'Transport')

# The executable of the PowerShell running the tests, to start a fresh one. Not the process path: pwsh installed as a
# dotnet tool (.tools/pwsh) runs as the dotnet host, and that path would start dotnet, not pwsh.
function Get-DasPowerShellPath {
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return (Get-Process -Id $PID).Path }
    $name = if ($env:OS -eq 'Windows_NT') { 'pwsh.exe' } else { 'pwsh' }
    Join-Path $PSHOME $name
}

# Runs a script file in a fresh PowerShell (no profile, nothing of this session loaded) and returns its output
# parsed from JSON; throws with everything it printed when it exits non-zero.
function Invoke-DasFreshPowerShell {
    param(
        [Parameter(Mandatory)] [string] $ScriptPath,
        [string[]] $ArgumentList = @()
    )
    $errors = [System.IO.Path]::GetTempFileName()
    try {
        $output = & (Get-DasPowerShellPath) -NoProfile -NonInteractive -File $ScriptPath @ArgumentList 2>$errors | Out-String
        if ($LASTEXITCODE -ne 0) { throw "$ScriptPath exited with $LASTEXITCODE`n$output`n$(Get-Content -Raw $errors)" }
    }
    finally { Remove-Item $errors }
    $output | ConvertFrom-Json
}

# The repository's root and its .tools/ (tests/install-deps.sh installs there).
$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ToolsRoot = Join-Path $script:RepositoryRoot '.tools'
