@echo off
rem Runs a main class of the guest tools:  guest-tools-java.cmd cli|service MAIN-CLASS [ARGUMENTS...]
rem Java: %GUEST_TOOLS_JAVA%, else %JAVA_HOME%\bin\java.exe, else java on the PATH (the Windows
rem image bundles no runtime). UNTESTED: see README.md.
setlocal
if "%~2"=="" (
  echo usage: guest-tools-java.cmd cli^|service MAIN-CLASS [ARGUMENTS...] 1>&2
  exit /b 2
)
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if defined GUEST_TOOLS_JAVA set "JAVA=%GUEST_TOOLS_JAVA%"
if /I "%~1"=="cli" (
  set "FLAGS=-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -XX:-UsePerfData"
) else if /I "%~1"=="service" (
  set "FLAGS=-Xshare:auto -XX:+UseSerialGC -Xmx128m -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
) else (
  echo guest-tools-java.cmd: profile must be cli or service 1>&2
  exit /b 2
)
set "MAIN=%~2"
shift
shift
set "ARGS="
:collect
if "%~1"=="" goto run
set ARGS=%ARGS% %1
shift
goto collect
:run
"%JAVA%" %FLAGS% %GUEST_TOOLS_JAVA_OPTS% -cp "%~dp0..\lib\*" %MAIN% %ARGS%
exit /b %ERRORLEVEL%
