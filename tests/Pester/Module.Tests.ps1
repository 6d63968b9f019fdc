BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
    $module = Get-Module DasOps
    $manifestData = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'DasOps.psd1')
}

Describe 'The DasOps module' -Tag UnitTests {
    It 'loads from the built layout' {
        $module.ModuleType | Should -Be 'Binary'
        $module.Version | Should -Be ([version]$manifestData.ModuleVersion)
    }

    It 'exports exactly the cmdlets of the manifest, and nothing else' {
        (Get-Command -Module DasOps -CommandType Cmdlet).Name | Sort-Object | Should -Be ($manifestData.CmdletsToExport | Sort-Object)
        @(Get-Command -Module DasOps -CommandType Function, Alias).Count | Should -Be 0
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb | Where-Object { $_ -notin 'Build', 'Deploy' }
        Get-Command -Module DasOps | ForEach-Object { $_.Verb | Should -BeIn $approved }
    }

    It 'loads the format views of every output type' {
        $types = 'DasOps.DasCluster', 'DasOps.DasNodeInfo', 'DasOps.DasValidationError', 'DasOps.DasFileChange', 'DasOps.DasDatabaseResult',
            'DasOps.DasDatabaseAccountResult', 'DasOps.DasNodeStatus', 'DasOps.DasNodeActionResult', 'DasOps.DasHaCheck', 'DasOps.DasPersistenceResult',
            'DasOps.DasSiddhiAppDeployment', 'DasOps.DasSiddhiApp', 'DasOps.DasSiddhiAppGroup'
        foreach ($type in $types) {
            Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because "$type needs a view"
        }
    }

    It 'keeps the engine out of the shared load context' {
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DasOps.Engine' }
        if (-not $engine) {
            Import-DasCluster -Path (New-DasTestSpec -Directory (New-DasTestDirectory)) | Out-Null
            $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DasOps.Engine' }
        }
        $engine.Location | Should -BeLike ('*' + [IO.Path]::DirectorySeparatorChar + 'Dependencies' + [IO.Path]::DirectorySeparatorChar + 'DasOps.Engine.dll')
        if ($PSVersionTable.PSEdition -eq 'Core') {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name | Should -Be 'DasOps'
        }
    }
}
