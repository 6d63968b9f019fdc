#!/usr/bin/env bash
# Installs what the tests, the lab and the demo need on a fresh Debian 12 machine (run as root).
# Idempotent: packages already present are not reinstalled.
set -euo pipefail
# zookeeper and nats-server: the lab runs them for the SP pre-flight (Debian serves no Kafka; the lab stands a
# plain listener in for its port, see tests/lab/README.md).
packages=(openssh-server openssh-client mariadb-server mariadb-client iproute2 util-linux procps diffutils zookeeper nats-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps Debian from starting the distribution's sshd/mariadb services; the lab runs its own.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is required and not on PATH" >&2; exit 1; }

# PowerShell 7.6 and Pester 5.7 for the module's live tests, into .tools/ of this checkout (no system change).
# The feed's newest PowerShell tool (7.7.0) does not run on .NET 10 here, so the version is named.
tools="$(cd "$(dirname "$0")/.." && pwd)/.tools"
pwsh_version=7.6.10
pester_version=5.7.1
if ! "$tools/pwsh/pwsh" -NoProfile -Command "exit ([int](\$PSVersionTable.PSVersion.ToString() -ne '$pwsh_version'))" 2>/dev/null; then
  echo "installing PowerShell $pwsh_version into $tools/pwsh" >&2
  rm -rf "$tools/pwsh"
  dotnet tool install --tool-path "$tools/pwsh" PowerShell --version "$pwsh_version" >/dev/null
fi
# Downloads one NuGet package (no project of ours references these) and prints the folder it was unpacked in; the
# caller copies what it needs and removes the download folder (the part of the path before /packages/).
nuget_download() {   # NAME VERSION -> prints DIR/packages/<name>/<version>
  local download; download=$(mktemp -d)
  cat > "$download/download.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$1" Version="[$2]" /></ItemGroup>
</Project>
PROJ
  dotnet restore "$download/download.csproj" --packages "$download/packages" -v quiet >/dev/null || return 1
  printf '%s\n' "$download/packages/$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')/$2"
}

pester_dir="$tools/modules/Pester/$pester_version"
if [ ! -f "$pester_dir/Pester.psd1" ]; then
  echo "installing Pester $pester_version into $tools/modules" >&2
  package=$(nuget_download Pester "$pester_version")
  mkdir -p "$pester_dir"
  cp -R "$package/tools/." "$pester_dir/"
  rm -rf "${package%/packages/*}"
fi
"$tools/pwsh/pwsh" -NoProfile -NonInteractive -Command "\$env:PSModulePath = '$tools/modules'; if (-not (Get-Module -ListAvailable Pester | Where-Object Version -eq '$pester_version')) { exit 1 }" \
  || { echo "error: Pester $pester_version is not usable from $tools/modules" >&2; exit 1; }

# Other YamlDotNet versions than the module's (src/DasOps.Engine references 16.3.0), one older and one newer: the
# Pester clash test loads one into a session before DasOps, the way another module (powershell-yaml) would.
for yaml_version in 15.3.0 18.1.0; do
  clash_dir="$tools/clash/$yaml_version"
  [ -f "$clash_dir/YamlDotNet.dll" ] && continue
  echo "installing YamlDotNet $yaml_version into $clash_dir" >&2
  package=$(nuget_download YamlDotNet "$yaml_version")
  mkdir -p "$clash_dir"
  cp "$package/lib/netstandard2.0/YamlDotNet.dll" "$clash_dir/YamlDotNet.dll"
  rm -rf "${package%/packages/*}"
done
