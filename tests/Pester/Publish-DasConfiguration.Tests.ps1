BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Publish-DasConfiguration' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the node, credential, plan, lock, throttle, pass-through and ssh parameters' {
            Get-DasOwnParameter Publish-DasConfiguration | Should -Be (@('BreakLock', 'DatabaseCredential', 'Node', 'PassThru', 'PlanPath', 'SvnCredential', 'ThrottleLimit') + $script:RemoteParameters | Sort-Object)
        }

        It 'supports -WhatIf and -Confirm' {
            $parameters = (Get-Command Publish-DasConfiguration).Parameters
            $parameters.Keys | Should -Contain 'WhatIf'
            $parameters.Keys | Should -Contain 'Confirm'
        }

        It 'declares the file changes and, for -PassThru, the cluster' {
            (Get-Command Publish-DasConfiguration).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasCluster', 'DasOps.DasFileChange')
        }

        It 'binds -Cluster and -Node from node objects' {
            $parameters = (Get-Command Publish-DasConfiguration).Parameters
            $parameters['Cluster'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName | Should -Contain $true
            $parameters['Node'].Aliases | Should -Be @('NodeName')
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir)
            $db = Get-DasTestCredential
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'does not pass the cluster on, and writes nothing, when the secret is missing' {
            Invoke-WithoutDasSecret {
                $cluster | Publish-DasConfiguration -PassThru -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
                $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasSecretMissing,*'
            }
        }

        It 'reports a saved plan that is not one as DasPlanInvalid' {
            $plan = Join-Path $dir 'plan.json'
            Set-Content -Path $plan -Value 'not a plan'
            Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -PlanPath $plan -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasPlanInvalid,*'
            $problems[0].TargetObject | Should -Be $plan
        }

        It 'reports a missing saved plan as DasPlanInvalid, not found' {
            Publish-DasConfiguration -Cluster $cluster -DatabaseCredential $db -PlanPath (Join-Path $dir 'none.json') -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasPlanInvalid,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'turns node objects piped in into one operation' {
            # Both nodes reach the same cluster; the missing ssh config is reported once, not once per node.
            $cluster.Nodes | Publish-DasConfiguration -DatabaseCredential $db -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
        }

        It 'stops on the first error with -ErrorAction Stop' {
            { Publish-DasConfiguration -Cluster $cluster -Node nope -DatabaseCredential $db -ErrorAction Stop } | Should -Throw -ErrorId 'DasNodeNotFound,DasOps.Commands.PublishDasConfigurationCommand'
        }
    }
}
