BeforeDiscovery {
    # Every PowerShell file of the repository, found at discovery so each gets its own test. Build output, the
    # installed tools and git's own files are not ours.
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $skip = '.git', '.tools', 'out', 'bin', 'obj'
    function Get-ScriptFile {
        param([string] $Directory)
        foreach ($item in Get-ChildItem -LiteralPath $Directory -Force) {
            if ($item.PSIsContainer) {
                if ($item.Name -notin $skip) { Get-ScriptFile -Directory $item.FullName }
            }
            elseif ($item.Extension -in '.ps1', '.psm1', '.psd1') {
                @{ Path = $item.FullName; Name = $item.FullName.Substring($root.Length + 1).Replace('\', '/') }
            }
        }
    }
    $files = @(Get-ScriptFile -Directory $root)
}

Describe 'PowerShell files of the repository' -Tag UnitTests {
    It 'are found' -TestCases @{ Count = $files.Count } {
        $Count | Should -BeGreaterThan 20 -Because 'the build script, manifest, settings, tests and examples are all PowerShell'
    }

    It '<Name> parses without errors' -ForEach $files {
        $tokens = $null
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        $problems = $errors | ForEach-Object { '{0}:{1}: {2}' -f $_.Extent.StartLineNumber, $_.Extent.StartColumnNumber, $_.Message }
        $problems | Should -BeNullOrEmpty
    }
}
