<#
Errors a PowerShell user can act on: each failure is an ErrorRecord with a stable FullyQualifiedErrorId, the right
category and the offending object as its target; bad parameters are refused before any node is contacted;
-ErrorAction Stop, try/catch and $? work as they do for PowerShell's own cmdlets. The spec's nodes are reached over
ssh on 127.0.0.1 port 9, where nothing listens: contacting a node fails at once as DasNodeUnreachable, so its absence
proves no node was contacted.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Errors' {
    BeforeEach {
        $dir = New-DasTestDirectory
        $knownHosts = Join-Path $dir 'known_hosts'
        Set-Content -Path $knownHosts -Value '' -NoNewline
        $text = "knownHosts: $knownHosts`n" + ($script:MinimumHaSpec -replace '(?m)^(  - name: \w+)$', "`$1`n    sshHost: 127.0.0.1`n    sshPort: 9")
        $specPath = New-DasTestSpec -Directory $dir -Text $text
        $cluster = Import-DasCluster $specPath
        $db = Get-DasTestCredential
    }

    AfterEach {
        Remove-Item -Recurse -Force $dir
    }

    Context 'Each failure has a stable id, a category and its target' {
        It '<Case>' -ForEach @(
            @{ Case = 'an unknown node'; Id = 'DasNodeNotFound'; Category = 'ObjectNotFound'; Target = 'nope'
                Run = { Get-DasNode -Cluster $cluster -Node nope } }
            @{ Case = 'a missing secret'; Id = 'DasSecretMissing'; Category = 'InvalidArgument'; Target = 'isa'
                Run = { Invoke-WithoutDasSecret { Publish-DasConfiguration -Cluster $cluster } } }
            @{ Case = 'an unreachable node'; Id = 'DasNodeUnreachable'; Category = 'ConnectionError'; Target = 'node2'
                Run = { Get-DasNode -Cluster $cluster -Node node2 } }
            @{ Case = 'a missing known_hosts file'; Id = 'DasFileNotFound'; Category = 'ObjectNotFound'; Target = '{dir}/absent'
                Run = { Get-DasNode -Cluster $cluster -KnownHosts (Join-Path $dir 'absent') } }
            @{ Case = 'a backup id that is not one'; Id = 'DasParameterInvalid'; Category = 'InvalidArgument'; Target = 'yesterday'
                Run = { Restore-DasConfiguration -Cluster $cluster -Node node1 -BackupId yesterday } }
            @{ Case = 'a saved plan that is not one'; Id = 'DasPlanInvalid'; Category = 'InvalidData'; Target = '{dir}/plan.json'
                Run = { Set-Content (Join-Path $dir 'plan.json') 'not json'; Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -PlanPath (Join-Path $dir 'plan.json') } }
            @{ Case = 'a saved plan that does not exist'; Id = 'DasPlanInvalid'; Category = 'ObjectNotFound'; Target = '{dir}/none.json'
                Run = { Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -PlanPath (Join-Path $dir 'none.json') } }
            @{ Case = 'a spec file that does not exist'; Id = 'DasSpecNotFound'; Category = 'ObjectNotFound'; Target = '{dir}/none.yaml'
                Run = { Import-DasCluster (Join-Path $dir 'none.yaml') } }
            @{ Case = 'a file that would be overwritten'; Id = 'DasFileExists'; Category = 'ResourceExists'; Target = '{dir}/cluster.yaml'
                Run = { Export-DasCluster -Cluster $cluster $specPath } }
        ) {
            # Non-terminating, as a user's script sees them by default (Pester itself runs its blocks with Stop).
            $problems = @(& { $ErrorActionPreference = 'Continue'; & $Run } 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $problems.Count | Should -Be 1 -Because ($problems | Out-String)
            $problems[0].FullyQualifiedErrorId | Should -BeLike "$Id,DasOps.Commands.*"
            $problems[0].CategoryInfo.Category | Should -Be $Category
            "$($problems[0].TargetObject)" | Should -Be $Target.Replace('{dir}', $dir)
        }
    }

    Context 'A spec error names the file, line and column' {
        It 'reports a malformed YAML spec at file:line:column and outputs no cluster' {
            $bad = New-DasTestSpec -Directory $dir -Name 'bad.yaml' -Text "name: isa`nproduct: IsAnalytics`nnodes: [ { name: n1 ]`n"
            $out = Import-DasCluster $bad -ErrorVariable problems -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasSpecInvalid,*'
            $problems[0].Exception.Message | Should -Match ([regex]::Escape($bad) + ':3:\d+')
        }
    }

    Context 'Bad parameters are refused before any node is contacted' {
        It 'refuses <Case> without contacting a node' -ForEach @(
            @{ Case = 'a backup id that is not one'; Run = { Restore-DasConfiguration -Cluster $cluster -Node node1 -BackupId '../../etc' -Confirm:$false } }
            @{ Case = 'a missing secret'; Run = { Invoke-WithoutDasSecret { Publish-DasConfiguration -Cluster $cluster -Confirm:$false } } }
            @{ Case = 'a saved plan that is not one'; Run = { Set-Content (Join-Path $dir 'p.json') '{}'; Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -PlanPath (Join-Path $dir 'p.json') -Confirm:$false } }
            @{ Case = 'an unknown node'; Run = { Restore-DasConfiguration -Cluster $cluster -Node nope -Confirm:$false } }
        ) {
            # Non-terminating, as a user's script sees them by default (Pester itself runs its blocks with Stop).
            $problems = @(& { $ErrorActionPreference = 'Continue'; & $Run } 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $problems.Count | Should -BeGreaterThan 0
            $problems.FullyQualifiedErrorId | Where-Object { $_ -like 'DasNodeUnreachable,*' } | Should -BeNullOrEmpty
        }

        It 'refuses a throttle limit of 0 and -Wait:$false while binding, before the cmdlet runs' {
            { Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DasOps.Commands.PublishDasConfigurationCommand'
            { Start-DasNode -Cluster $cluster -Wait:$false } | Should -Throw -ErrorId 'DasParameterInvalid,DasOps.Commands.StartDasNodeCommand'
        }
    }

    Context '-ErrorAction Stop, try/catch and $?' {
        It 'stops at the first error with -ErrorAction Stop, and try/catch gets the record' {
            $caught = $null
            try {
                Get-DasNode -Cluster $cluster -Node nope, node1 -ErrorAction Stop
                $reached = $true
            }
            catch {
                $caught = $_
            }
            $reached | Should -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
            $caught.TargetObject | Should -Be 'nope'
        }

        It 'sets $? to $false after a cmdlet that wrote an error, and to $true after one that did not' {
            Get-DasNode -Cluster $cluster -Node nope -ErrorAction SilentlyContinue
            $failed = $?
            Import-DasCluster $specPath | Out-Null
            $succeeded = $?
            $failed | Should -BeFalse
            $succeeded | Should -BeTrue
        }

        It 'keeps going after a node error by default: the other node still reports' {
            $status = Get-DasNode -Cluster $cluster -Node nope, node1 -ErrorVariable problems -ErrorAction SilentlyContinue
            $status.Node | Should -Be @('node1')
            $problems.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('DasNodeNotFound', 'DasNodeUnreachable')
        }
    }
}
