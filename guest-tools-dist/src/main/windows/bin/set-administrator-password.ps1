# Sets the local Administrator password from the metadata key administrator_pw, once.
# Unlike the original VBScript, a value of several lines is refused instead of setting the
# password once per line (where the last line won). UNTESTED: see README.md.
$ErrorActionPreference = 'Stop'
# Only where a SmartOS/Triton host is: its HVM guests report manufacturer Joyent, product
# SmartDC HVM. Elsewhere mdata-get would wait on COM2 for a host that is not there.
$system = Get-CimInstance -ClassName Win32_ComputerSystem
if ($system.Manufacturer -ne 'Joyent' -and $system.Model -notlike 'SmartDC*') {
    Write-Output "set-administrator-password: no SmartOS/Triton host here (manufacturer '$($system.Manufacturer)', model '$($system.Model)'); nothing to do"
    exit 0
}
$mdataGet = Join-Path $PSScriptRoot 'mdata-get.cmd'
if (-not (Test-Path $mdataGet)) {
    Write-Error "set-administrator-password: $mdataGet is not installed"
    exit 2
}
# A bounded wait: a silent host must not hold Windows Setup.
$lines = @(& $mdataGet --timeout=120 administrator_pw)
switch ($LASTEXITCODE) {
    0 { }
    1 { Write-Output 'set-administrator-password: no administrator_pw in the metadata; nothing to do'; exit 0 }
    default { Write-Error "set-administrator-password: mdata-get failed ($LASTEXITCODE)"; exit 2 }
}
if ($lines.Count -ne 1 -or [string]::IsNullOrEmpty($lines[0])) {
    Write-Error 'set-administrator-password: administrator_pw must be exactly one non-empty line'
    exit 2
}
$admin = [ADSI]"WinNT://$env:COMPUTERNAME/Administrator,user"
$admin.SetPassword($lines[0])
Write-Output 'set-administrator-password: the Administrator password was set from metadata'
