#!/usr/bin/env bash
# Runs the Pester tests of the DasOps module with the project's own PowerShell 7.6 and Pester 5.7 (.tools/, put there by
# tests/install-deps.sh). A missing pwsh or Pester is a failure, never a skip: these tests are the module's proof.
# Usage: tests/Pester/run.sh [RESULT.xml] [TEST-FILE...]; the NUnit result file is what tests/run-all.sh counts.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
result="${1:-$root/out/pester-results.xml}"
shift || true
source "$root/tests/tools-env.sh"

if ! command -v pwsh >/dev/null 2>&1; then
  echo "Pester: FAILED: pwsh is not installed ($root/.tools/pwsh); run tests/install-deps.sh" >&2
  exit 1
fi
if ! pwsh -NoProfile -NonInteractive -Command 'if (Get-Module -ListAvailable Pester | Where-Object Version -ge 5.7.0) { exit 0 } else { exit 1 }'; then
  echo "Pester: FAILED: Pester 5.7 is not installed for pwsh ($root/.tools/modules); run tests/install-deps.sh" >&2
  exit 1
fi

if [ ! -f "$root/out/DasOps/DasOps.psd1" ]; then
  dotnet build "$root/src/DasOps/DasOps.csproj" -nologo -v quiet || { echo "Pester: FAILED: the module did not build" >&2; exit 1; }
fi

# The lab acceptance tests and runbooks bring the lab up as root: queue on the lab lock like the xunit lab suites
# (-o: the lab's daemons must not inherit it).
# Only a run that includes a lab test waits for the lock: every file when none is named, else the named ones that use it.
uses_lab=1
if [ $# -gt 0 ]; then
  uses_lab=0
  for f in "$@"; do if [ -d "$f" ] || grep -qE 'DasOps\.Lab\.ps1|lab\.sh' "$f" 2>/dev/null; then uses_lab=1; fi; done
fi
lock=()
if [ "$uses_lab" = 1 ] && [ "$(id -u)" = 0 ] && command -v flock >/dev/null 2>&1; then lock=(flock -o /run/dasops-lab-tests.lock); fi
${lock[@]+"${lock[@]}"} pwsh -NoProfile -NonInteractive -File "$here/Invoke-DasOpsPester.ps1" -ModuleRoot "$root/out" -ResultPath "$result" "$@"
