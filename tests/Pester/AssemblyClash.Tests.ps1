BeforeDiscovery {
    # tests/install-deps.sh puts these beside the module's own (16.x): one older, one newer.
    $otherVersions = @('15.3.0', '18.1.0')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
    $manifest = Join-Path (Get-Module DasOps).ModuleBase 'DasOps.psd1'
    $moduleYaml = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Get-Module DasOps).ModuleBase 'Dependencies/YamlDotNet.dll'))
}

Describe 'DasOps in a session that already loaded YamlDotNet <_>' -ForEach $otherVersions -Tag UnitTests {
    BeforeAll {
        $other = Join-Path $script:ToolsRoot "clash/$_/YamlDotNet.dll"
        $dir = New-DasTestDirectory
        $spec = New-DasTestSpec -Directory $dir
    }

    AfterAll {
        Remove-Item -Recurse -Force $dir
    }

    It 'imports and reads and writes specs with its own YamlDotNet, beside the other one' {
        Test-Path $other | Should -BeTrue -Because "tests/install-deps.sh installs YamlDotNet $_ there"
        $otherName = [System.Reflection.AssemblyName]::GetAssemblyName($other)
        $otherName.Version | Should -Not -Be $moduleYaml.Version -Because 'the test needs a different YamlDotNet than the module ships'

        $result = Invoke-DasFreshPowerShell -ScriptPath (Join-Path $PSScriptRoot 'Fresh/Import-AfterOtherYamlDotNet.ps1') -ArgumentList @(
            '-OtherYamlDotNet', $other, '-Manifest', $manifest, '-SpecPath', $spec)

        $result.Cluster | Should -Be 'isa'
        $result.Nodes | Should -Be 2
        @($result.LoadedYaml.Version | Sort-Object -Unique) | Should -Be (@($otherName.Version.ToString(), $moduleYaml.Version.ToString()) | Sort-Object)
        @($result.EngineYaml).Count | Should -Be 1
        $result.EngineYaml[0].Version | Should -Be $moduleYaml.Version.ToString()
        $result.EngineYaml[0].Location | Should -Be (Join-Path (Split-Path $manifest) 'Dependencies/YamlDotNet.dll')
        if ($PSVersionTable.PSEdition -eq 'Core') { $result.EngineYaml[0].Context | Should -Be 'DasOps' }
    }
}
