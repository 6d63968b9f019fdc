<#
-SshCredential against the lab's real sshd: node1 is switched to password authentication (lab.sh auth node1 password)
and the spec names a key no node accepts, so the login goes on to the password, as ssh does. A wrong password is a
DasNodeAuthFailed error naming the node, and the password shows in no output, verbose or error stream. Skipped where
the lab cannot run (see DasOps.Lab.ps1); tests/Pester/run.sh holds the lab lock.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
    $script:LabSkipReason = Get-DasLabSkipReason
    if ($script:LabSkipReason) { Write-Warning "Lab -SshCredential: skipped: $script:LabSkipReason" }
}

Describe '-SshCredential against the lab (password authentication)' -Tag Lab -Skip:([bool]$script:LabSkipReason) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'DasOps.TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'DasOps.Lab.ps1')
        $lab = Start-DasLab -Nodes 2
        Invoke-DasLab auth node1 password
        $password = (Get-Content $lab.LAB_SSH_PASSWORD_FILE -Raw).Trim()

        $key = Join-Path $lab.LAB_DIR 'pester-unauthorized-key'
        Remove-Item $key, "$key.pub" -ErrorAction SilentlyContinue
        & ssh-keygen -q -t ed25519 -N '' -f $key
        $specPath = New-DasLabSpec -Lab $lab -Pattern MinimumHa -Path (Join-Path $lab.LAB_DIR 'pester-sshcredential.yaml')
        (Get-Content $specPath -Raw).Replace("sshKey: $($lab.LAB_SSH_KEY)", "sshKey: $key") | Set-Content $specPath -Encoding utf8

        $login = Get-DasTestCredential -UserName root -Text $password
        $wrong = Get-DasTestCredential -UserName root -Text "Wrong$password"
        $db = Get-DasTestCredential -UserName wso2analytics -Text 'db-secret'
        $svn = Get-DasTestCredential -UserName depsync -Text 'svn-secret'
        $sshdLog = Join-Path $lab.LAB_DIR 'hosts/node1/sshd.log'
    }

    AfterAll {
        Stop-DasLab
    }

    It 'logs in with the credential''s password after the refused key' {
        $status = Import-DasCluster $specPath | Get-DasNode -Node node1 -SshCredential $login -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -BeNullOrEmpty
        $status.Node | Should -Be 'node1'
        $status.Process | Should -Not -Be 'unreachable'
        Get-Content $sshdLog -Raw | Should -Match 'Accepted password for root from 10\.77\.0\.1 '
    }

    It 'reports a wrong password as DasNodeAuthFailed naming the node, and never shows the password' {
        $streams = Import-DasCluster $specPath |
            Compare-DasConfiguration -Node node1 -SshCredential $wrong -DatabaseCredential $db -SvnCredential $svn -Verbose -ErrorVariable failed -ErrorAction SilentlyContinue 4>&1 |
            Out-String
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DasNodeAuthFailed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failed[0].TargetObject | Should -Be 'node1'
        $failed[0].Exception.Message | Should -Match 'Permission denied'
        foreach ($text in @($streams, ($failed | Out-String), $failed[0].Exception.Message)) {
            $text | Should -Not -Match ([regex]::Escape($password))
        }
    }

    It 'is refused with the OpenSsh transport, which runs ssh in batch mode' {
        $null = Import-DasCluster $specPath | Get-DasNode -Node node1 -SshCredential $login -Transport OpenSsh -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DasParameterInvalid,*'
        $failed[0].Exception.Message | Should -Match 'needs the SshNet transport'
    }
}
