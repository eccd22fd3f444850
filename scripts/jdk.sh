# Sourced by ./compact and ./run-tests: sets JAVA_HOME to a JDK 21 or newer, or explains why it cannot.
# Prefers JAVA_HOME when it is new enough, then the newest JDK under /usr/lib/jvm.

java_major() {
  # "25.0.1" or "1.8.0_..." -> 25 or 8. The JDK's release file says it without starting a JVM (the
  # launcher asks up to three times per command, and each `java -version` costs a JVM start); it is
  # read with the shell's own read, and find_jdk keeps the answer for JAVA_HOME in JAVA_MAJOR, since
  # every process a short command starts before the JVM adds to its start-up.
  if [ -n "${JAVA_MAJOR:-}" ] && [ "$1" = "${JAVA_HOME:-}" ]; then
    echo "$JAVA_MAJOR"
    return 0
  fi
  local v= line
  if [ -r "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=\"*\") v=${line#JAVA_VERSION=\"}; v=${v%\"}; break ;;
      esac
    done <"$1/release"
  fi
  [ -n "$v" ] || v=$("$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

find_jdk() {
  unset JAVA_MAJOR
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    JAVA_MAJOR=$(java_major "$JAVA_HOME")
    [ "$JAVA_MAJOR" -ge 21 ] 2>/dev/null && return 0
    unset JAVA_MAJOR
  fi
  local best="" best_major=0 dir major
  for dir in "${COMPACT_JVM_ROOT:-/usr/lib/jvm}"/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir") || continue
    [ -n "$major" ] && [ "$major" -gt "$best_major" ] 2>/dev/null || continue
    best=$dir best_major=$major
  done
  if [ "$best_major" -ge 21 ]; then
    export JAVA_HOME=$best
    JAVA_MAJOR=$best_major
    return 0
  fi
  echo "compact: no JDK 21 or newer found (JAVA_HOME is ${JAVA_HOME:-unset}, nothing suitable under ${COMPACT_JVM_ROOT:-/usr/lib/jvm}); install one, e.g. 'apt-get install openjdk-21-jdk-headless'." >&2
  return 1
}
