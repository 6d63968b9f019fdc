<#
.SYNOPSIS
Run by Package.Tests.ps1 in a fresh PowerShell: imports DasOps by name from a folder Save-PSResource installed it
into, uses it once, and reports as JSON where it came from and what it exports.
#>
param(
    [Parameter(Mandatory)] [string] $ModulesPath,
    [Parameter(Mandatory)] [string] $SpecPath
)
$ErrorActionPreference = 'Stop'

# Only the installed copy can be found: nothing of the repository's out/ is on the path.
$env:PSModulePath = $ModulesPath + [System.IO.Path]::PathSeparator + $env:PSModulePath
Import-Module DasOps
$module = Get-Module DasOps
$cluster = Import-DasCluster -Path $SpecPath

[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Version    = $module.Version.ToString()
    Cmdlets    = @(Get-Command -Module DasOps | Sort-Object Name | ForEach-Object Name)
    Cluster    = $cluster.Name
    Synopsis   = (Get-Help Import-DasCluster).Synopsis
} | ConvertTo-Json
