@echo off
rem Installs the guest tools to "%ProgramFiles%\Guest Tools" and registers the first-boot step
rem (setting the Administrator password from metadata) in %WINDIR%\Setup\Scripts\SetupComplete.cmd,
rem unless that file already exists. UNTESTED: see README.md.
setlocal
net session >nul 2>&1
if errorlevel 1 (
  echo install.cmd: run this from an elevated command prompt 1>&2
  exit /b 1
)
set "TARGET=%ProgramFiles%\Guest Tools"
if not exist "%TARGET%" mkdir "%TARGET%"
xcopy "%~dp0bin" "%TARGET%\bin\" /E /I /Q /Y || exit /b 1
xcopy "%~dp0lib" "%TARGET%\lib\" /E /I /Q /Y || exit /b 1
copy /Y "%~dp0README.md" "%TARGET%\README.md" >nul
echo installed the guest tools to %TARGET%
if not exist "%WINDIR%\Setup\Scripts" mkdir "%WINDIR%\Setup\Scripts"
if exist "%WINDIR%\Setup\Scripts\SetupComplete.cmd" (
  echo kept the existing %WINDIR%\Setup\Scripts\SetupComplete.cmd: add this line to it:
  echo   call "%TARGET%\bin\set-administrator-password.cmd"
) else (
  copy /Y "%~dp0setup\SetupComplete.cmd" "%WINDIR%\Setup\Scripts\SetupComplete.cmd" >nul
  echo installed %WINDIR%\Setup\Scripts\SetupComplete.cmd
)
endlocal
