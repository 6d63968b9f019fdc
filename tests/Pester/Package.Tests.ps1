BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

    $work = New-DasTestDirectory
    $packageOut = Join-Path $work 'out'
    $buildLog = Join-Path $work 'build.log'
    # build.ps1 in a PowerShell of its own, as a user runs it; into a directory of its own, so the out/DasOps the
    # other tests imported is left alone.
    & (Get-DasPowerShellPath) -NoProfile -NonInteractive -File (Join-Path $script:RepositoryRoot 'build.ps1') -Package -OutputPath $packageOut *> $buildLog
    $buildExit = $LASTEXITCODE

    $source = Import-PowerShellDataFile (Join-Path $script:RepositoryRoot 'DasOps.psd1')
    $version = (Import-PowerShellDataFile (Join-Path (Get-Module DasOps).ModuleBase 'DasOps.psd1')).ModuleVersion
    $nupkg = Join-Path $packageOut "DasOps.$version.nupkg"

    function Get-PackageEntry {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try { $zip.Entries | ForEach-Object { [uri]::UnescapeDataString($_.FullName) } }
        finally { $zip.Dispose() }
    }

    function Get-PackageNuspec {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $reader = New-Object System.IO.StreamReader ($zip.GetEntry('DasOps.nuspec').Open())
            try { [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }
}

AfterAll {
    Remove-Item -Recurse -Force $work
}

Describe 'build.ps1 -Package' -Tag UnitTests {
    It 'succeeds and writes the module folder, the .nupkg and the .zip' {
        $buildExit | Should -Be 0 -Because (Get-Content -Raw $buildLog)
        Join-Path $packageOut 'DasOps/DasOps.psd1' | Should -Exist
        $nupkg | Should -Exist
        Join-Path $packageOut "DasOps.$version.zip" | Should -Exist
    }

    It 'puts the module files in the .nupkg' {
        $entries = Get-PackageEntry
        foreach ($file in 'DasOps.psd1', 'DasOps.dll', 'Dependencies/DasOps.Engine.dll', 'Dependencies/YamlDotNet.dll',
            'DasOps.format.ps1xml', 'en-US/DasOps.dll-Help.xml', 'en-US/about_DasOps.help.txt') {
            $entries | Should -Contain $file
        }
    }

    It 'describes the package with the manifest: id, version, author, description, tags, no version token' {
        $metadata = (Get-PackageNuspec).package.metadata
        $metadata.id | Should -Be 'DasOps'
        $metadata.version | Should -Be $version
        $metadata.authors | Should -Be $source.Author
        $metadata.description | Should -Be $source.Description
        $tags = $metadata.tags -split ' '
        $tags | Should -Contain 'PSModule'
        foreach ($tag in $source.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
        $version | Should -Not -BeLike '*{{*'
    }

    Context 'Published to a local repository and installed from it' {
        BeforeAll {
            $repository = 'DasOpsPester' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $feed = Join-Path $work 'feed'
            $installed = Join-Path $work 'modules'
            $null = New-Item -ItemType Directory -Path $feed, $installed
            Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
            Publish-PSResource -NupkgPath $nupkg -Repository $repository
            # Save-PSResource is Install-PSResource into a folder of our choosing: nothing lands in the user's modules.
            Save-PSResource -Name DasOps -Repository $repository -Path $installed -TrustRepository
        }

        AfterAll {
            Unregister-PSResourceRepository -Name $repository
        }

        It 'is found in the repository at the built version' {
            $found = Find-PSResource -Name DasOps -Repository $repository
            $found.Version.ToString() | Should -Be $version
            $found.Type | Should -Be 'Module'
        }

        It 'imports in a fresh PowerShell from the installed copy, exporting every cmdlet, engine and help included' {
            $spec = New-DasTestSpec -Directory $work
            $result = Invoke-DasFreshPowerShell -ScriptPath (Join-Path $PSScriptRoot 'Fresh/Import-Installed.ps1') -ArgumentList @(
                '-ModulesPath', $installed, '-SpecPath', $spec)

            $result.ModuleBase | Should -Be (Join-Path $installed "DasOps/$version")
            $result.Version | Should -Be $version
            $result.Cmdlets | Should -Be ($source.CmdletsToExport | Sort-Object)
            $result.Cmdlets | Should -HaveCount 17
            $result.Cluster | Should -Be 'isa'
            $result.Synopsis | Should -Not -BeLike 'Import-DasCluster *'
        }
    }
}
