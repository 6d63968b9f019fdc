<#
.SYNOPSIS
Runs the DasOps Pester tests against the built module, in this (fresh) PowerShell process.

.DESCRIPTION
Called by build.ps1 -Pester and tests/Pester/run.sh in a child pwsh/powershell: out/ is put first in PSModulePath,
the module is imported from out/DasOps, and Pester 5 runs every *.Tests.ps1 beside this script. The exit code is
the number of failed tests (0 when all passed), so callers can fail on it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModuleRoot,

    [string] $ResultPath,

    # Test files or folders to run; every *.Tests.ps1 beside this script when not given. Under pwsh -File an array
    # cannot be passed to one parameter, so the paths are the remaining arguments (tests/Pester/run.sh passes them so).
    [Parameter(ValueFromRemainingArguments)]
    [string[]] $Path
)

$ErrorActionPreference = 'Stop'
$ModuleRoot = (Resolve-Path $ModuleRoot).Path
$env:PSModulePath = $ModuleRoot + [System.IO.Path]::PathSeparator + $env:PSModulePath
$env:DASOPS_MODULE_ROOT = $ModuleRoot

$pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0.0' } | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Error 'Pester 5 is not installed for this PowerShell (Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser).'
    exit 1
}
Import-Module $pester -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = if ($Path) { $Path } else { $PSScriptRoot }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
}
$result = Invoke-Pester -Configuration $configuration
Write-Output "Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped, $($result.NotRunCount) not run."
exit ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)
