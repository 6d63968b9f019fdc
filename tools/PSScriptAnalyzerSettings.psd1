# PSScriptAnalyzer settings for DasOps's scripts: the manifest, build.ps1, the Pester tests and the examples.
# build.ps1 -Analyze runs every default rule at Error and Warning severity, plus the compatibility rules below:
# everything must run on Windows PowerShell 5.1 and PowerShell 7 (Windows and Linux).
@{
    Severity            = @('Error', 'Warning')
    IncludeDefaultRules = $true
    Rules               = @{
        PSUseCompatibleSyntax   = @{
            Enable         = $true
            TargetVersions = @('5.1', '7.0')
        }
        PSUseCompatibleCommands = @{
            Enable         = $true
            TargetProfiles = @(
                'win-48_x64_10.0.17763.0_5.1.17763.316_x64_4.0.30319.42000_framework'
                'win-4_x64_10.0.18362.0_7.0.0_x64_3.1.2_core'
                'ubuntu_x64_18.04_7.0.0_x64_3.1.2_core'
            )
            # Pester 3 ships inside Windows PowerShell, so the profiles know its commands; the tests use Pester 5 everywhere.
            IgnoreCommands = @('Describe', 'Context', 'It', 'Should', 'BeforeAll', 'AfterAll', 'BeforeEach', 'AfterEach', 'Mock', 'InModuleScope', 'New-PesterConfiguration', 'Invoke-Pester')
        }
        PSUseCompatibleTypes    = @{
            Enable         = $true
            TargetProfiles = @(
                'win-48_x64_10.0.17763.0_5.1.17763.316_x64_4.0.30319.42000_framework'
                'win-4_x64_10.0.18362.0_7.0.0_x64_3.1.2_core'
                'ubuntu_x64_18.04_7.0.0_x64_3.1.2_core'
            )
        }
    }
}
