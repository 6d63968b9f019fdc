@{
    # Test shim only: stands in for the asset cmdlets Azure Automation gives a runbook (in the cloud sandbox and, as
    # Orchestrator.AssetManagement.Cmdlets, on a Hybrid Runbook Worker), so the runbooks run unchanged under
    # pwsh -File. Put this folder's parent on PSModulePath; the cmdlets load on first use, as Azure's do.
    RootModule        = 'DasOps.AutomationShim.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '5b8f0c8e-4d0a-4c3e-9d55-2a3f1f7a9c41'
    Author            = 'DasOps'
    Description       = 'Test shim: Get-AutomationPSCredential, Get-AutomationVariable and Set-AutomationVariable over a local JSON asset file ($env:DASOPS_AUTOMATION_ASSETS).'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Get-AutomationPSCredential', 'Get-AutomationVariable', 'Set-AutomationVariable')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
