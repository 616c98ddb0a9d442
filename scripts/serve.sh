#!/usr/bin/env bash
# Runs the packaged service in the foreground, as in production: one JVM, no Maven. Builds it first unless
# SKIP_BUILD=1. Settings are the environment variables in docs/operations.md; JAVA_OPTS adds JVM options. With
# AOT_CACHE=FILE (JDK 25 or newer, the file made by scripts/aot-cache.sh from the same build) the JVM starts from
# that cache: about half the start-up time here. A cache from another build or JDK is reported by the JVM at start
# and not used; the service then starts as it would without it. The AOT training run (scripts/aot-cache.sh) and
# the start-up harness (bench/startup-bench.sh) launch the service through this script too, so all agree.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# The jars are Java 21 class files: an older java would die with a raw UnsupportedClassVersionError.
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' || true)
if [ -z "$JAVA_MAJOR" ] || [ "${JAVA_MAJOR%%.*}" -lt 21 ] 2>/dev/null; then
  echo "Consultaion needs Java 21 or newer; '$JAVA' is ${JAVA_MAJOR:-not runnable}." >&2
  echo "Set JAVA_HOME to a JDK 21+ (e.g. JAVA_HOME=/usr/lib/jvm/<jdk-21> scripts/serve.sh)." >&2
  exit 1
fi
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q -ntp -DskipTests -pl bootstrap -am package
# Jars only (the bootstrap jar and its runtime dependencies): an AOT cache holds classes from jars, not directories.
JAR=$(ls bootstrap/target/bootstrap-*.jar 2>/dev/null | head -1)
[ -n "$JAR" ] && [ -f bootstrap/target/runtime-classpath.txt ] || {
  echo "the service is not packaged: run ./mvnw -DskipTests -pl bootstrap -am package" >&2
  exit 1
}
CP="$JAR:$(cat bootstrap/target/runtime-classpath.txt)"
# Native access for Netty's Linux transports (NETTY_TRANSPORT); without it JDK 24+ warns when they are probed.
OPTS=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED)
if [ -n "${AOT_CACHE:-}" ]; then
  [ -f "$AOT_CACHE" ] || { echo "AOT_CACHE=$AOT_CACHE: no such file (make it with scripts/aot-cache.sh)" >&2; exit 1; }
  OPTS+=("-XX:AOTCache=$AOT_CACHE")
fi
exec "$JAVA" "${OPTS[@]}" ${JAVA_OPTS:-} -cp "$CP" com.consultaion.bootstrap.Application
