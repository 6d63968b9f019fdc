BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
}

Describe 'Initialize-DasDatabase' -Tag UnitTests {
    Context 'Parameters' {
        It 'has the database, placement, credential and ssh parameters' {
            Get-DasOwnParameter Initialize-DasDatabase | Should -Be (@('DatabaseAdminCredential', 'DatabaseCredential', 'Local', 'Node', 'PassThru', 'ScriptDirectory') + $script:RemoteParameters | Sort-Object)
        }

        It 'connects through a node by default, or from this machine with -Local' {
            $command = Get-Command Initialize-DasDatabase
            $command.ParameterSets.Name | Sort-Object | Should -Be @('Local', 'Node')
            $command.DefaultParameterSet | Should -Be 'Node'
        }

        It 'asks before it creates anything (ConfirmImpact High)' {
            $attribute = (Get-Command Initialize-DasDatabase).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.SupportsShouldProcess | Should -BeTrue
            $attribute.ConfirmImpact | Should -Be 'High'
        }

        It 'takes secrets as PSCredential only' {
            $parameters = (Get-Command Initialize-DasDatabase).Parameters
            $parameters['DatabaseCredential'].ParameterType | Should -Be ([pscredential])
            $parameters['DatabaseAdminCredential'].ParameterType | Should -Be ([pscredential])
        }

        It 'takes the cluster from the pipeline' {
            (Get-Command Initialize-DasDatabase).Parameters['Cluster'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipeline | Should -Contain $true
        }

        It 'declares its output types' {
            (Get-Command Initialize-DasDatabase).OutputType.Name | Sort-Object | Should -Be @('DasOps.DasCluster', 'DasOps.DasDatabaseAccountResult', 'DasOps.DasDatabaseResult')
        }
    }

    Context 'Behaviour' {
        BeforeEach {
            $dir = New-DasTestDirectory
            $cluster = Import-DasCluster (New-DasTestSpec -Directory $dir)
            $db = Get-DasTestCredential -UserName wso2analytics
            $admin = Get-DasTestCredential -UserName root -Text 'admin-password'
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir
        }

        It 'never prompts for a missing secret: it is a DasSecretMissing error' {
            Invoke-WithoutDasSecret {
                $result = $cluster | Initialize-DasDatabase -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
                $result | Should -BeNullOrEmpty
                $problems.Count | Should -Be 1
                $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasSecretMissing,*'
                $problems[0].Exception.Message | Should -BeLike '*DASOPS_DB_PASSWORD*'
            }
        }

        It 'reports a node the cluster lacks before it connects anywhere' {
            Initialize-DasDatabase -Cluster $cluster -Node nope -DatabaseCredential $db -DatabaseAdminCredential $admin -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeNotFound,*'
            $problems[0].TargetObject | Should -Be 'nope'
        }

        It 'needs -ScriptDirectory to run the client locally' {
            Initialize-DasDatabase -Cluster $cluster -Local -DatabaseCredential $db -DatabaseAdminCredential $admin -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
            $problems[0].Exception.Message | Should -BeLike '*dbscripts*'
        }

        It 'refuses -Node and -Local together' {
            { Initialize-DasDatabase -Cluster $cluster -Node node1 -Local -ScriptDirectory $dir -Confirm:$false } | Should -Throw -ErrorId 'AmbiguousParameterSet,DasOps.Commands.InitializeDasDatabaseCommand'
        }

        It 'reports a missing ssh config as DasFileNotFound' {
            Initialize-DasDatabase -Cluster $cluster -Transport OpenSsh -SshConfig (Join-Path $dir 'missing.config') -DatabaseCredential $db -DatabaseAdminCredential $admin -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DasFileNotFound,*'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'does not pass the cluster on when it failed' {
            Invoke-WithoutDasSecret {
                $cluster | Initialize-DasDatabase -PassThru -Confirm:$false -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            }
        }
    }
}
