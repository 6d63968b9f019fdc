#!/usr/bin/env bash
# Runs the Pester tests of the DasOps module where PowerShell 7 (pwsh) exists. Where it does not, says so plainly
# and exits 0: it never reports tests as passed that did not run.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count=$(find "$here" -maxdepth 1 -name '*.Tests.ps1' | wc -l | tr -d ' ')

if ! command -v pwsh >/dev/null 2>&1; then
  echo "Pester: skipped (pwsh not installed on this machine); $count test files not run"
  exit 0
fi

if ! pwsh -NoProfile -NonInteractive -Command 'if (Get-Module -ListAvailable Pester | Where-Object Version -ge 5.0.0) { exit 0 } else { exit 1 }'; then
  echo "Pester: skipped (Pester 5 not installed for pwsh on this machine); $count test files not run"
  exit 0
fi

if [ ! -f "$root/out/DasOps/DasOps.psd1" ]; then
  dotnet build "$root/src/DasOps/DasOps.csproj" -nologo -v quiet || { echo "Pester: the module did not build; $count test files not run"; exit 1; }
fi

# Lab.Acceptance.Tests.ps1 brings the lab up as root: queue on the lab lock like the xunit lab suites (-o: the lab's
# daemons must not inherit it).
lock=()
if [ "$(id -u)" = 0 ] && command -v flock >/dev/null 2>&1; then lock=(flock -o /run/dasops-lab-tests.lock); fi
${lock[@]+"${lock[@]}"} pwsh -NoProfile -NonInteractive -File "$here/Invoke-DasOpsPester.ps1" -ModuleRoot "$root/out" -ResultPath "$root/out/pester-results.xml"
