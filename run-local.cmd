@echo off
rem Windows twin of ./run-local: builds, then runs the local stack (Kafka + both services).
setlocal
cd /d "%~dp0"
echo Building the services and the launcher (the first build downloads dependencies) ...
call mvnw.cmd -q -B -DskipTests -Dspotless.check.skip=true -pl local-stack -am package || exit /b 1
java -jar local-stack\target\local-stack.jar %*
