<#
.SYNOPSIS
    Lists every failed test of a run, with the first lines of its message, from the xunit TRX files and Pester's
    NUnit report in one folder.
.DESCRIPTION
    tests/run-all.sh calls this just before its summary line. A CI log is often kept only by its tail, and the
    console loggers print a failure far up among thousands of passing lines; this puts the names where the tail
    keeps them. Prints nothing when nothing failed.
#>
param(
    [Parameter(Mandatory)] [string] $ResultFolder,
    [int] $MessageLines = 6
)
Set-StrictMode -Version Latest
$failures = [System.Collections.Generic.List[string]]::new()

function Add-Failure([string] $Suite, [string] $Name, [string] $Message) {
    $lines = @(($Message -split "`r?`n") | Where-Object { $_.Trim() } | Select-Object -First $MessageLines)
    $failures.Add(("[{0}] {1}" -f $Suite, $Name))
    foreach ($line in $lines) { $failures.Add('    ' + $line.TrimEnd()) }
}

foreach ($trx in Get-ChildItem -LiteralPath $ResultFolder -Filter *.trx -ErrorAction SilentlyContinue) {
    [xml] $document = Get-Content -LiteralPath $trx.FullName -Raw
    $suite = [System.IO.Path]::GetFileNameWithoutExtension($trx.Name)
    foreach ($result in $document.GetElementsByTagName('UnitTestResult')) {
        if ($result.GetAttribute('outcome') -ne 'Failed') { continue }
        $message = ($result.GetElementsByTagName('Message') | Select-Object -First 1 | ForEach-Object InnerText)
        Add-Failure $suite $result.GetAttribute('testName') $message
    }
}

$pester = Join-Path $ResultFolder 'pester.nunit.xml'
if (Test-Path -LiteralPath $pester) {
    [xml] $document = Get-Content -LiteralPath $pester -Raw
    foreach ($case in $document.GetElementsByTagName('test-case')) {
        if ($case.GetAttribute('result') -notin 'Failure', 'Error') { continue }
        $message = ($case.GetElementsByTagName('message') | Select-Object -First 1 | ForEach-Object InnerText)
        Add-Failure 'Pester' $case.GetAttribute('name') $message
    }
}

if ($failures.Count) {
    '== failed tests'
    $failures
}
