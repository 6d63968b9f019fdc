# Sourced by the test and demo scripts: puts the project's own PowerShell and Pester (.tools/, from tests/install-deps.sh)
# first, so nothing depends on what else the machine has installed.
_dasops_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$_dasops_root/.tools/pwsh:$PATH"
export PSModulePath="$_dasops_root/.tools/modules${PSModulePath:+:$PSModulePath}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off
unset _dasops_root
