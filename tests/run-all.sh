#!/usr/bin/env bash
# Runs every test of the project and ends with one line: "N passed, N failed".
# Unit tests always run; lab integration tests need root (namespaces, sshd, MariaDB) and bring the lab up themselves.
# Pester tests run with the project's own pwsh 7.6 and Pester 5.7 (tests/install-deps.sh puts them in .tools/).
set -uo pipefail
cd "$(dirname "$0")/.."
source tests/tools-env.sh
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build DasOps.slnx -c Debug -nologo -v quiet 2>&1 | grep -E "error|Build succeeded" | sort -u
if [ "${PIPESTATUS[0]}" -ne 0 ]; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi

status=0
# Suites that bring up the lab (namespaces, sshd, MariaDB); the lab is one per machine.
lab_suites=" DasOps.Integration.Tests DasOps.Database.Tests DasOps.Cluster.Tests "
for project in $(dotnet sln DasOps.slnx list | grep -E 'Tests\.csproj$'); do
  name=$(basename "$project" .csproj)
  echo "== $name"
  run=(dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=minimal")
  if [[ "$lab_suites" == *" $name "* ]]; then
    # Lab suites queue on this lock rather than trample each other; -o keeps the lab's daemons from inheriting it.
    flock -o /run/dasops-lab-tests.lock "${run[@]}" || status=1
  else
    "${run[@]}" || status=1
  fi
done

echo "== Pester"
tests/Pester/run.sh "$results/pester.nunit.xml" || status=1

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# Pester's NUnit 2.5 report: <test-results total= errors= failures= not-run= inconclusive= ignored= skipped= invalid=>.
if [ -f "$results/pester.nunit.xml" ]; then
  summary=$(grep -o '<test-results [^>]*>' "$results/pester.nunit.xml" | head -1)
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$summary"; }
  total=$(attr total); bad=$(( $(attr failures) + $(attr errors) + $(attr invalid) ))
  unrun=$(( $(attr not-run) + $(attr inconclusive) + $(attr ignored) + $(attr skipped) ))
  passed=$((passed + total - bad - unrun)); failed=$((failed + bad))
else
  echo "Pester: no result file was written" >&2; status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# The failures again, by name, where a log's tail keeps them.
if [ "$failed" -ne 0 ] && command -v pwsh >/dev/null 2>&1; then
  pwsh -NoProfile -NonInteractive -File tests/failure-recap.ps1 -ResultFolder "$results" 2>&1 | head -120
fi
echo "$passed passed, $failed failed"
exit "$status"
