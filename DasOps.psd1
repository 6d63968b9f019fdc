#
# Module manifest for DasOps. The build replaces the version token with <ModuleVersion> from Directory.Build.props
# (the only place the version is set) and lays the module out in out/DasOps/.
#
# RequiredAssemblies and NestedModules stay empty on purpose: DasOps.Engine and YamlDotNet live in Dependencies/
# and are loaded by DasOps.dll's ModuleInitializer into a load context of their own (see about_DasOps).
#
@{
    RootModule           = 'DasOps.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '7dc63441-7976-4b71-8216-9bbe3a63c3a5'
    Author               = 'DasOps'
    CompanyName          = 'DasOps'
    Copyright            = '(c) DasOps. All rights reserved.'
    Description          = 'Provisions and verifies WSO2 DAS 3.x and IS Analytics 5.x clusters over SSH: cluster specs, node profiles, database initialization, configuration with diffs, start/stop, and HA checks. The same engine as the dasops command-line tool.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CLRVersion           = '4.0'
    FormatsToProcess     = @('DasOps.format.ps1xml')
    TypesToProcess       = @()
    CmdletsToExport      = @(
        'Clear-DasPersistence'
        'Compare-DasConfiguration'
        'Export-DasCluster'
        'Get-DasNode'
        'Get-DasSiddhiApp'
        'Import-DasCluster'
        'Initialize-DasDatabase'
        'New-DasCluster'
        'Publish-DasConfiguration'
        'Publish-DasSiddhiApp'
        'Restart-DasNode'
        'Restore-DasConfiguration'
        'Set-DasNodeProfile'
        'Start-DasNode'
        'Stop-DasNode'
        'Test-DasCluster'
        'Test-DasHa'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('WSO2', 'DAS', 'Analytics', 'Cluster', 'HA', 'SSH', 'MySQL', 'YAML', 'Ops', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'Cluster specs as objects: New-, Import-, Export-, Test-DasCluster and Set-DasNodeProfile. The nodes: Initialize-DasDatabase, Compare-, Publish- and Restore-DasConfiguration, Start-, Stop-, Restart- and Get-DasNode, Test-DasHa (with a failover drill) and Clear-DasPersistence.'
        }
    }
}
