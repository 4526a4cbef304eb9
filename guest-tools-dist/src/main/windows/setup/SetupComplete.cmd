@echo off
rem Run by Windows Setup once, after the first boot of a sysprepped image.
call "%ProgramFiles%\Guest Tools\bin\set-administrator-password.cmd" >> "%WINDIR%\Temp\guest-tools-setup.log" 2>&1
