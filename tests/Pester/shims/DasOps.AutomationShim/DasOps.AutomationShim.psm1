# The asset store is one JSON file, named by $env:DASOPS_AUTOMATION_ASSETS (the tests write it 0600):
#   { "Credentials": { "DasOps-Db": { "UserName": "...", "Password": "..." } },
#     "Variables":   { "DasOps-PendingRestart-lab-isa": "" } }
# Set-AutomationVariable writes it back atomically, so a variable survives the job, as an Automation variable does.

function Read-AssetStore {
    $path = $env:DASOPS_AUTOMATION_ASSETS
    if (-not $path -or -not (Test-Path -LiteralPath $path)) {
        throw "DasOps.AutomationShim: no asset file (set DASOPS_AUTOMATION_ASSETS to a JSON file)."
    }
    Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
}

# Like Azure's: a PSCredential for the asset; for a missing asset a warning and no output (what the Azure
# Automation authoring toolkit does), so a runbook must check what it got.
function Get-AutomationPSCredential {
    [CmdletBinding()]
    [OutputType([PSCredential])]
    param([Parameter(Mandatory)] [string] $Name)
    $asset = (Read-AssetStore).Credentials.$Name
    if (-not $asset) {
        Write-Warning "Credential asset '$Name' was not found."
        return
    }
    $secure = (New-Object System.Net.NetworkCredential ('', [string]$asset.Password)).SecurePassword
    New-Object System.Management.Automation.PSCredential ([string]$asset.UserName, $secure)
}

function Get-AutomationVariable {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name)
    $variables = (Read-AssetStore).Variables
    if (-not $variables -or $variables.PSObject.Properties.Name -notcontains $Name) {
        Write-Error -Message "Variable asset '$Name' was not found." -ErrorId 'AutomationVariableNotFound' -Category ObjectNotFound -TargetObject $Name
        return
    }
    $variables.$Name
}

function Set-AutomationVariable {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [AllowEmptyString()] [AllowNull()] [object] $Value
    )
    $store = Read-AssetStore
    if (-not $store.Variables -or $store.Variables.PSObject.Properties.Name -notcontains $Name) {
        Write-Error -Message "Variable asset '$Name' was not found." -ErrorId 'AutomationVariableNotFound' -Category ObjectNotFound -TargetObject $Name
        return
    }
    $store.Variables.$Name = $Value
    $path = $env:DASOPS_AUTOMATION_ASSETS
    $temp = "$path.tmp"
    [System.IO.File]::WriteAllText($temp, '')
    if ($PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows) { [System.IO.File]::SetUnixFileMode($temp, [System.IO.UnixFileMode]'UserRead, UserWrite') }  # it holds passwords
    [System.IO.File]::WriteAllText($temp, ($store | ConvertTo-Json -Depth 5))
    [System.IO.File]::Move($temp, $path, $true)
}

Export-ModuleMember -Function Get-AutomationPSCredential, Get-AutomationVariable, Set-AutomationVariable
