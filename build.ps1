<#
.SYNOPSIS
Builds, tests, analyzes and packages the DasOps module.

.DESCRIPTION
A thin wrapper over the same dotnet commands CI runs, for Windows PowerShell 5.1 and PowerShell 7 on Windows and
Linux. Every step stops at the first failure.

  (none)    builds, runs the module's static surface tests (tests/DasOps.Module.Tests), then packages: the release path.
  -Build    dotnet build src/DasOps; its LayoutModule target lays out OUT/DasOps/ from an allow-list
            (manifest with the version from Directory.Build.props, DasOps.dll, Dependencies/, format file, help).
  -Test     dotnet test of every test project of DasOps.slnx (the lab suites need root; see tests/run-all.sh).
  -Pester   builds, then runs tests/Pester in a child PowerShell with OUT first in PSModulePath (needs Pester 5).
  -Analyze  PSScriptAnalyzer over the manifest, this script, the Pester tests and the examples, with
            tools/PSScriptAnalyzerSettings.psd1 (skipped with a warning when PSScriptAnalyzer is not installed).
  -Package  builds, then writes OUT/DasOps.<version>.nupkg beside the module folder OUT/DasOps/ (both ready for the
            PowerShell Gallery: Publish-PSResource -NupkgPath, or -Path OUT/DasOps) and OUT/DasOps.<version>.zip.
            Needs Microsoft.PowerShell.PSResourceGet (part of PowerShell 7.4+; Install-Module on 5.1).
  -Clean    removes OUT and the build output.

OUT is -OutputPath, out/ of the repository by default.

.EXAMPLE
./build.ps1

Builds, runs the static tests and writes out/DasOps/ and out/DasOps.<version>.nupkg.

.EXAMPLE
./build.ps1 -Package -Configuration Release -OutputPath ./release
#>
# After the help: a #Requires line above it would hide the help from Get-Help.
#Requires -Version 5.1
[CmdletBinding(DefaultParameterSetName = 'All')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Build')]
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
    [string] $Configuration = 'Debug',

    # Where the module folder (DasOps/) and the packages go; out/ of the repository by default. A test can package
    # into a directory of its own without disturbing the out/DasOps other tests import.
    [string] $OutputPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$out = if ($OutputPath) { $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath) } else { Join-Path $root 'out' }
$moduleDir = Join-Path $out 'DasOps'

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Verbose "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-ModuleBuild {
    # The layout target takes its destination as a property; it must end with a separator.
    $layout = $moduleDir.TrimEnd('/', '\') + [System.IO.Path]::DirectorySeparatorChar
    Invoke-Dotnet -Arguments @('build', (Join-Path $root 'src/DasOps/DasOps.csproj'), '-c', $Configuration, '-nologo', "-p:DasOpsModuleDir=$layout")
    if (-not (Test-Path (Join-Path $moduleDir 'DasOps.psd1'))) { throw "the build did not lay out $moduleDir." }
}

function Invoke-ModuleStaticTest {
    # The surface of the laid-out module read without loading it (manifest, layout, help, formats, isolation). They
    # read out/DasOps of the repository, which building the test project lays out again from the same build.
    Invoke-Dotnet -Arguments @('test', (Join-Path $root 'tests/DasOps.Module.Tests/DasOps.Module.Tests.csproj'), '-c', $Configuration, '-nologo')
}

# The PowerShell to start a child with: the one running this script. Not the process path on PowerShell 7, which
# is the dotnet host when pwsh was installed as a dotnet tool.
function Get-PowerShellPath {
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return (Get-Process -Id $PID).Path }
    $name = 'pwsh'
    if ($env:OS -eq 'Windows_NT') { $name = 'pwsh.exe' }
    Join-Path $PSHOME $name
}

function Invoke-ModulePester {
    Invoke-ModuleBuild
    $runner = Join-Path $root 'tests/Pester/Invoke-DasOpsPester.ps1'
    # A child process: the module under test must be a fresh import, never one this session already loaded.
    & (Get-PowerShellPath) -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $runner -ModuleRoot $out -ResultPath (Join-Path $out 'pester-results.xml')
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
        Get-ChildItem (Join-Path $root 'tests/Pester') -Filter *.ps1 -Recurse | ForEach-Object FullName
        if (Test-Path (Join-Path $root 'examples')) { Get-ChildItem (Join-Path $root 'examples') -Filter *.ps1 -Recurse | ForEach-Object FullName }
    )
    $findings = @($paths | ForEach-Object { Invoke-ScriptAnalyzer -Path $_ -Settings $settings })
    $findings | Format-Table -AutoSize RuleName, Severity, ScriptName, Line, Message | Out-String -Width 200 | Write-Output
    if ($findings.Count -gt 0) { throw "PSScriptAnalyzer reported $($findings.Count) finding(s)." }
    Write-Output "PSScriptAnalyzer: $($paths.Count) file(s), no findings."
}

# Packages what Invoke-ModuleBuild laid out.
function Invoke-ModulePackage {
    $version = (Import-PowerShellDataFile (Join-Path $moduleDir 'DasOps.psd1')).ModuleVersion
    $nupkg = Join-Path $out "DasOps.$version.nupkg"
    $zip = Join-Path $out "DasOps.$version.zip"
    foreach ($old in $nupkg, $zip) { if (Test-Path $old) { Remove-Item -Force $old } }

    Compress-Archive -Path $moduleDir -DestinationPath $zip
    Write-Output "wrote $zip"

    if (Get-Command Compress-PSResource -ErrorAction SilentlyContinue) {
        # PSResourceGet 1.1+: the package the gallery would build from the folder, with the manifest validated.
        Compress-PSResource -Path $moduleDir -DestinationPath $out
    }
    elseif (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
        # PSResourceGet 1.0 has no Compress-PSResource: publish to a local file repository of our own and keep the package.
        $feed = Join-Path $out ('feed-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Force -Path $feed
        $name = 'DasOpsBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $name -Uri $feed -Trusted
        try {
            Publish-PSResource -Path $moduleDir -Repository $name
            Move-Item -Force -Path (Join-Path $feed "DasOps.$version.nupkg") -Destination $nupkg
        }
        finally {
            Unregister-PSResourceRepository -Name $name
            Remove-Item -Recurse -Force $feed
        }
    }
    else {
        throw 'Microsoft.PowerShell.PSResourceGet is not available (Install-Module Microsoft.PowerShell.PSResourceGet): no .nupkg was made, only the .zip.'
    }
    if (-not (Test-Path $nupkg)) { throw "packaging did not write $nupkg." }
    Write-Output "wrote $nupkg"
}

switch ($PSCmdlet.ParameterSetName) {
    'Clean' {
        if (Test-Path $out) { Remove-Item -Recurse -Force $out }
        Invoke-Dotnet -Arguments @('clean', (Join-Path $root 'DasOps.slnx'), '-c', $Configuration, '-nologo')
    }
    'Test' { Invoke-Dotnet -Arguments @('test', (Join-Path $root 'DasOps.slnx'), '-c', $Configuration, '-nologo') }
    'Pester' { Invoke-ModulePester }
    'Analyze' { Invoke-ModuleAnalysis }
    'Package' {
        Invoke-ModuleBuild
        Invoke-ModulePackage
    }
    'Build' { Invoke-ModuleBuild }
    'All' {
        Invoke-ModuleBuild
        Invoke-ModuleStaticTest
        Invoke-ModulePackage
    }
}
