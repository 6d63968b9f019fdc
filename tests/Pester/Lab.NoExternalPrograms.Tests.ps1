<#
Issue 11, item 4: DasOps needs no external program. The whole IS Analytics minimum HA job (db init, apply, start,
status, test-ha --failover) runs once through the dasops CLI and once through the cmdlets in a fresh pwsh, each with a
PATH that holds only a directory of links to dotnet and pwsh (no ssh, scp or mysql on the control side), against a
lab whose nodes have no mysql/mariadb client (lab.sh hide-db-client). The transport is the default, SSH.NET.
Needs what Lab.Acceptance needs; the lab is one per machine (tests/Pester/run.sh holds its lock).
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "No external programs: skipped: $script:LabSkipReason" }
}

Describe 'No external programs: the job with only dotnet and pwsh on PATH and no mysql client on the nodes' -Tag LabAcceptance -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')

        $work = New-DasTestDirectory
        # The only programs the runs can find: links to this machine's dotnet and to the pwsh running the tests.
        $bin = Join-Path $work 'bin'
        New-Item -ItemType Directory -Path $bin | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $bin 'dotnet') -Target (Get-Command dotnet).Source | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $bin 'pwsh') -Target (Get-DasPowerShellPath) | Out-Null
        $cli = Join-Path $script:DasRepoRoot 'src/DasOps.Cli/bin/Debug/net10.0/dasops.dll'
        if (-not (Test-Path $cli)) {
            & dotnet build (Join-Path $script:DasRepoRoot 'src/DasOps.Cli/DasOps.Cli.csproj') -c Debug -nologo -v quiet | Out-Null
        }

        function Start-NoClientLab {
            $lab = Start-DasLab -Nodes 2
            Invoke-DasLab hide-db-client
            $lab
        }

        # The spec of Lab.Acceptance (no depSync: no svn password), with the transport left to its default.
        function New-Spec([hashtable] $Lab) {
            $path = Join-Path $work ('spec-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.yaml')
            @"
name: lab-isa
product: IsAnalytics
pattern: MinimumHa
knownHosts: $($Lab.LAB_KNOWN_HOSTS)
defaults:
  home: $($Lab.LAB_HOME)
  sshKey: $($Lab.LAB_SSH_KEY)
database:
  host: $($Lab.LAB_DB_HOST)
  user: wso2analytics
  adminUser: $($Lab.LAB_DB_ADMIN_USER)
spark:
  masterCount: 2
  symlink: /srv/das-link
nodes:
  - { name: node1, host: 10.77.0.11 }
  - { name: node2, host: 10.77.0.12 }
"@ | Set-Content -Path $path -Encoding utf8
            $path
        }

        # Started directly (not with &): PowerShell treats a native command named pwsh as a child shell and rewrites its arguments.
        function Invoke-Program([string] $File, [string[]] $Arguments, [hashtable] $Environment) {
            $psi = [System.Diagnostics.ProcessStartInfo]::new($File)
            foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.UseShellExecute = $false
            foreach ($k in $Environment.Keys) {
                if ($null -eq $Environment[$k]) { [void]$psi.Environment.Remove($k) } else { $psi.Environment[$k] = $Environment[$k] }
            }
            $p = [System.Diagnostics.Process]::Start($psi)
            $stdout = $p.StandardOutput.ReadToEndAsync()
            $stderr = $p.StandardError.ReadToEnd()
            $p.WaitForExit()
            [pscustomobject]@{ ExitCode = $p.ExitCode; Text = $stdout.Result + $stderr }
        }

        # Everything a run may see: PATH is the links only; the secrets come from the environment, as in a runbook job.
        function Get-RunEnvironment([hashtable] $Lab) {
            @{
                PATH                     = $bin
                DASOPS_DB_PASSWORD       = 'NoExt<&"$;pw9'
                DASOPS_DB_ADMIN_PASSWORD = $Lab.AdminCredential.GetNetworkCredential().Password
                DASOPS_SVN_PASSWORD      = $null
                NO_COLOR                 = '1'
            }
        }
    }

    AfterAll {
        Stop-DasLab
        Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
    }

    It 'hides ssh, scp and mysql from the runs and the client from the nodes' {
        $lab = Start-NoClientLab
        foreach ($program in 'ssh', 'scp', 'mysql', 'mariadb') {
            Use-DasEnvironment @{ PATH = $bin } { Get-Command $program -CommandType Application -ErrorAction SilentlyContinue } | Should -BeNullOrEmpty
        }
        foreach ($node in 'node1', 'node2') {
            & bash $script:DasLabScript exec $node -- sh -c 'command -v mariadb || command -v mysql || [ -x /usr/bin/mariadb ]'
            $LASTEXITCODE | Should -Not -Be 0 -Because "$node must have no usable mysql client"
        }
    }

    It 'runs db init, apply, start, status and test-ha --failover through the dasops CLI' {
        $lab = Start-NoClientLab
        $spec = New-Spec $lab
        $dotnet = Join-Path $bin 'dotnet'
        $steps = @(
            @{ Args = @('db', 'init', $spec); Expect = 'db init: changed' }
            @{ Args = @('apply', $spec); Expect = $null }
            @{ Args = @('start', $spec); Expect = $null }
            @{ Args = @('status', $spec); Expect = 'running' }
            @{ Args = @('test-ha', $spec, '--failover'); Expect = 'failover-rejoin' }
            @{ Args = @('db', 'init', $spec); Expect = 'db init: unchanged' }
        )
        foreach ($step in $steps) {
            $run = Invoke-Program $dotnet (@($cli) + $step.Args) (Get-RunEnvironment $lab)
            $text = $run.Text
            $run.ExitCode | Should -Be 0 -Because "dasops $($step.Args[0..1] -join ' ') must succeed with only dotnet on PATH:`n$text"
            if ($step.Expect) { $text | Should -BeLike "*$($step.Expect)*" }
            $text | Should -Not -BeLike '*NoExt<&*'
        }
    }

    It 'runs the same job through the cmdlets in a fresh pwsh' {
        $lab = Start-NoClientLab
        $spec = New-Spec $lab
        $script = Join-Path $work 'job.ps1'
        @'
param($Manifest, $Spec, $Out)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$cluster = Import-DasCluster $Spec
$db = @($cluster | Initialize-DasDatabase -Confirm:$false)
$published = @($cluster | Publish-DasConfiguration -Confirm:$false)
$started = @($cluster | Start-DasNode -Wait -Confirm:$false)
$status = @(Get-DasNode -Cluster $cluster)
$deadline = (Get-Date).AddSeconds(60)
while (-not (Test-DasHa -Cluster $cluster -Quiet -ErrorAction SilentlyContinue) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 500 }
$ha = @($cluster | Test-DasHa -Failover -Confirm:$false)
@{
    Databases = @($db | Where-Object { $_ -is [DasOps.DasDatabaseResult] } | ForEach-Object { "$($_.Action)/$($_.Schema)" })
    Published = $published.Count
    Started   = @($started | ForEach-Object { "$($_.Outcome)" })
    Process   = @($status | ForEach-Object { $_.Process })
    Ha        = @($ha | ForEach-Object { "$($_.Check)=$($_.Result)" })
} | ConvertTo-Json | Set-Content -Path $Out
'@ | Set-Content -Path $script
        $out = Join-Path $work 'job.json'
        $pwsh = Join-Path $bin 'pwsh'
        $run = Invoke-Program $pwsh @('-NoProfile', '-NonInteractive', '-File', $script, $manifest, $spec, $out) (Get-RunEnvironment $lab)
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Text | Should -Not -BeLike '*NoExt<&*'
        $result = Get-Content $out -Raw | ConvertFrom-Json
        $result.Databases | Sort-Object -Unique | Should -Be @('Created/', 'Created/Created')
        $result.Published | Should -BeGreaterThan 0
        $result.Started | Sort-Object -Unique | Should -Be @('Started')
        $result.Process | Sort-Object -Unique | Should -Be @('running')
        $result.Ha | Should -Contain 'failover-cep=Pass'
        $result.Ha | Should -Contain 'failover-rejoin=Pass'
        $result.Ha | Where-Object { $_ -notlike '*=Pass' } | Should -BeNullOrEmpty
    }
}
