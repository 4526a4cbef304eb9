@echo off
rem Sets the local Administrator password from the metadata key administrator_pw.
rem UNTESTED: see README.md.
powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "%~dp0set-administrator-password.ps1"
exit /b %ERRORLEVEL%
