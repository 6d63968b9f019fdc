BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
    $commands = @(Get-Command -Module DasOps -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
    # -WhatIf and -Confirm are the cmdlet's own promise, so they are documented too; the rest is PowerShell's.
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'
}

Describe 'Help of the DasOps cmdlets' -Tag UnitTests {
    It 'finds the cmdlets' -TestCases @{ Count = $commands.Count } {
        $Count | Should -Be (Import-PowerShellDataFile (Join-Path (Get-Module DasOps).ModuleBase 'DasOps.psd1')).CmdletsToExport.Count
    }

    # One test per cmdlet that lists every gap at once, so one run says everything a help page lacks.
    It 'Get-Help <Name> -Full has a written synopsis and description, every parameter described, and examples' -ForEach $commands {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
        $problems = New-Object System.Collections.Generic.List[string]

        # Without a help file PowerShell makes the synopsis from the syntax: "Name [-Parameter] <type> ... [<CommonParameters>]".
        $synopsis = ([string]$help.Synopsis).Trim()
        if ($synopsis -like "$Name *" -or $synopsis -like '*`[<CommonParameters>`]*' -or $synopsis.Length -lt 20) {
            $problems.Add("the synopsis is PowerShell's, not written: '$synopsis'")
        }
        if (([string]($help.Description.Text -join ' ')).Trim().Length -lt 40) { $problems.Add('no description') }

        $examples = @($help.Examples.Example | Where-Object { $_ })
        if ($examples.Count -eq 0) { $problems.Add('no example') }
        foreach ($example in $examples) {
            if (-not [string]$example.Code) { $problems.Add("$($example.Title.Trim('- ')) has no code") }
            if (-not ([string]($example.Remarks.Text -join '')).Trim()) { $problems.Add("$($example.Title.Trim('- ')) has no remarks") }
        }

        $documented = @($help.Parameters.Parameter | Where-Object { $_ })
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $parameterHelp = $documented | Where-Object Name -EQ $parameter
            if (-not $parameterHelp) { $problems.Add("-$parameter is not documented") }
            elseif (-not ([string]($parameterHelp.Description.Text -join '')).Trim()) { $problems.Add("-$parameter has no description") }
        }
        foreach ($parameterHelp in $documented) {
            if ($parameterHelp.Name -notin $command.Parameters.Keys) { $problems.Add("documents -$($parameterHelp.Name), which the cmdlet lacks") }
        }

        $problems | Should -BeNullOrEmpty
    }
}
