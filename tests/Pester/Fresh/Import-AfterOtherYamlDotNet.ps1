<#
.SYNOPSIS
Run by AssemblyClash.Tests.ps1 in a fresh PowerShell: loads another YamlDotNet first, as another module
(powershell-yaml, say) would, then imports DasOps, round-trips a spec through the engine, and reports as JSON
which YamlDotNet assemblies are loaded and where.
#>
param(
    [Parameter(Mandatory)] [string] $OtherYamlDotNet,
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $SpecPath
)
$ErrorActionPreference = 'Stop'

$other = [System.Reflection.Assembly]::LoadFrom($OtherYamlDotNet)
# In use, not just loaded: the other YamlDotNet serializes something before DasOps arrives.
$null = (New-Object YamlDotNet.Serialization.SerializerBuilder).Build().Serialize(@{ before = 'dasops' })

Import-Module $Manifest
$cluster = Import-DasCluster -Path $SpecPath
$copy = Join-Path (Split-Path $SpecPath) 'copy.yaml'
$cluster | Export-DasCluster -Path $copy
$again = Import-DasCluster -Path $copy

$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DasOps.Engine' }
$contextOf = {
    param($assembly)
    if ($PSVersionTable.PSEdition -eq 'Core') { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name } else { '' }
}
# The YamlDotNet the engine is bound to: what its load context holds (PowerShell 7), or what it references (5.1).
$engineYaml = if ($PSVersionTable.PSEdition -eq 'Core') {
    [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Assemblies | Where-Object { $_.GetName().Name -eq 'YamlDotNet' }
}
else {
    $name = $engine.GetReferencedAssemblies() | Where-Object Name -EQ 'YamlDotNet'
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.FullName -eq $name.FullName }
}

[pscustomobject]@{
    Cluster      = $again.Name
    Nodes        = $again.Nodes.Count
    OtherVersion = $other.GetName().Version.ToString()
    EngineYaml   = @($engineYaml | ForEach-Object { [pscustomobject]@{ Version = $_.GetName().Version.ToString(); Location = $_.Location; Context = & $contextOf $_ } })
    LoadedYaml   = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } |
            ForEach-Object { [pscustomobject]@{ Version = $_.GetName().Version.ToString(); Location = $_.Location; Context = & $contextOf $_ } })
} | ConvertTo-Json -Depth 4
