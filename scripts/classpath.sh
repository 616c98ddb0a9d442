# Sourced: service_classpath prints the packaged service's class path (the bootstrap jar and its runtime
# dependencies, as `./mvnw -DskipTests -pl bootstrap -am package` leaves them). Jars only: an AOT cache
# (scripts/aot-cache.sh) can hold classes from jars, not from class directories.
service_classpath() {
  local jar
  jar=$(ls bootstrap/target/bootstrap-*.jar 2>/dev/null | head -1)
  [ -n "$jar" ] && [ -f bootstrap/target/runtime-classpath.txt ] || {
    echo "the service is not packaged: run ./mvnw -DskipTests -pl bootstrap -am package" >&2
    return 1
  }
  echo "$jar:$(cat bootstrap/target/runtime-classpath.txt)"
}
