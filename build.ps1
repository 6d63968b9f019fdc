#Requires -Version 5.1
<#
.SYNOPSIS
Builds, tests, analyzes and packages the DasOps module.

.DESCRIPTION
A thin wrapper over the same dotnet commands CI runs, for Windows PowerShell 5.1 and PowerShell 7 on Windows and
Linux. Every step stops at the first failure.

  -Build    (default) dotnet build src/DasOps; its LayoutModule target lays out out/DasOps/ from an allow-list
            (manifest with the version from Directory.Build.props, DasOps.dll, Dependencies/, format file, help).
  -Test     dotnet test of every test project of DasOps.slnx (the module's static surface tests included).
  -Pester   builds, then runs tests/Pester in a child PowerShell with out/ first in PSModulePath (needs Pester 5).
  -Analyze  PSScriptAnalyzer over the manifest, this script, the Pester tests and the examples, with
            tools/PSScriptAnalyzerSettings.psd1 (skipped with a warning when PSScriptAnalyzer is not installed).
  -Package  builds, then writes out/DasOps.<version>.zip and, where PSResourceGet can, out/DasOps.<version>.nupkg.
  -Clean    removes out/ and the build output.

.EXAMPLE
./build.ps1 -Pester -Configuration Release
#>
[CmdletBinding(DefaultParameterSetName = 'Build')]
param(
    [Parameter(ParameterSetName = 'Build')]
    [switch] $Build,

    [Parameter(Mandatory, ParameterSetName = 'Test')]
    [switch] $Test,

    [Parameter(Mandatory, ParameterSetName = 'Pester')]
    [switch] $Pester,

    [Parameter(Mandatory, ParameterSetName = 'Analyze')]
    [switch] $Analyze,

    [Parameter(Mandatory, ParameterSetName = 'Package')]
    [switch] $Package,

    [Parameter(Mandatory, ParameterSetName = 'Clean')]
    [switch] $Clean,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'DasOps'

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Verbose "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-ModuleBuild {
    Invoke-Dotnet -Arguments @('build', (Join-Path $root 'src/DasOps/DasOps.csproj'), '-c', $Configuration, '-nologo')
    if (-not (Test-Path (Join-Path $moduleDir 'DasOps.psd1'))) { throw "the build did not lay out $moduleDir." }
}

function Invoke-ModulePester {
    Invoke-ModuleBuild
    $runner = Join-Path $root 'tests/Pester/Invoke-DasOpsPester.ps1'
    # A child process: the module under test must be a fresh import, never one this session already loaded.
    $shell = (Get-Process -Id $PID).Path
    & $shell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $runner -ModuleRoot $out -ResultPath (Join-Path $out 'pester-results.xml')
    if ($LASTEXITCODE -ne 0) { throw "Pester failed (exit code $LASTEXITCODE)." }
}

function Invoke-ModuleAnalysis {
    if (-not (Get-Module -ListAvailable -Name PSScriptAnalyzer)) {
        Write-Warning 'PSScriptAnalyzer is not installed (Install-PSResource PSScriptAnalyzer): analysis skipped, nothing was checked.'
        return
    }
    Import-Module PSScriptAnalyzer
    $settings = Join-Path $root 'tools/PSScriptAnalyzerSettings.psd1'
    $paths = @(
        Join-Path $root 'DasOps.psd1'
        Join-Path $root 'build.ps1'
        Get-ChildItem (Join-Path $root 'tests/Pester') -Filter *.ps1 | ForEach-Object FullName
        if (Test-Path (Join-Path $root 'examples')) { Get-ChildItem (Join-Path $root 'examples') -Filter *.ps1 -Recurse | ForEach-Object FullName }
    )
    $findings = @($paths | ForEach-Object { Invoke-ScriptAnalyzer -Path $_ -Settings $settings })
    $findings | Format-Table -AutoSize RuleName, Severity, ScriptName, Line, Message | Out-String -Width 200 | Write-Output
    if ($findings.Count -gt 0) { throw "PSScriptAnalyzer reported $($findings.Count) finding(s)." }
    Write-Output "PSScriptAnalyzer: $($paths.Count) file(s), no findings."
}

function Invoke-ModulePackage {
    Invoke-ModuleBuild
    $version = (Import-PowerShellDataFile (Join-Path $moduleDir 'DasOps.psd1')).ModuleVersion
    $zip = Join-Path $out "DasOps.$version.zip"
    Compress-Archive -Path $moduleDir -DestinationPath $zip -Force
    Write-Output "wrote $zip"

    if (Get-Command Compress-PSResource -ErrorAction SilentlyContinue) {
        Compress-PSResource -Path $moduleDir -DestinationPath $out
        Write-Output "wrote $(Join-Path $out "DasOps.$version.nupkg")"
    }
    elseif (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
        $feed = Join-Path $out 'feed'
        $null = New-Item -ItemType Directory -Force -Path $feed
        $name = 'DasOpsBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $name -Uri $feed -Trusted
        try {
            Publish-PSResource -Path $moduleDir -Repository $name
        }
        finally {
            Unregister-PSResourceRepository -Name $name
        }
        Move-Item -Force -Path (Join-Path $feed "DasOps.$version.nupkg") -Destination $out
        Remove-Item -Recurse -Force $feed
        Write-Output "wrote $(Join-Path $out "DasOps.$version.nupkg")"
    }
    else {
        Write-Warning 'Microsoft.PowerShell.PSResourceGet is not available: no .nupkg was made (the .zip was).'
    }
}

if ($Clean) {
    if (Test-Path $out) { Remove-Item -Recurse -Force $out }
    Invoke-Dotnet -Arguments @('clean', (Join-Path $root 'DasOps.slnx'), '-c', $Configuration, '-nologo')
}
elseif ($Test) { Invoke-Dotnet -Arguments @('test', (Join-Path $root 'DasOps.slnx'), '-c', $Configuration, '-nologo') }
elseif ($Pester) { Invoke-ModulePester }
elseif ($Analyze) { Invoke-ModuleAnalysis }
elseif ($Package) { Invoke-ModulePackage }
elseif ($Build -or $PSCmdlet.ParameterSetName -eq 'Build') { Invoke-ModuleBuild }
