# Sourced by ./mvnw and ./vaesim (POSIX sh): points JAVA_HOME at a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, then the usual install places, then `java` on PATH.
# Prints a clear message and returns 1 when none is found.

vaesim_java_major() {
  # "openjdk version "25.0.3" ..." -> 25 ; "1.8.0_x" -> 1
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

vaesim_is_jdk25() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(vaesim_java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 25 ]
}

vaesim_find_jdk25() {
  if [ -n "${JAVA_HOME-}" ] && vaesim_is_jdk25 "$JAVA_HOME"; then
    return 0
  fi
  # Callers such as mvnw run with `set -f`; the search needs globbing.
  case $- in *f*) noglob=1; set +f ;; *) noglob=0 ;; esac
  found=""
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/jdk-25* \
                   /usr/lib/jvm/java-25* /opt/java/jdk-25* /opt/jdk-25* "$HOME"/.sdkman/candidates/java/25* \
                   /Library/Java/JavaVirtualMachines/*25*/Contents/Home /usr/lib/jvm/*; do
    if [ -d "$candidate" ] && vaesim_is_jdk25 "$candidate"; then
      found=$candidate
      break
    fi
  done
  [ "$noglob" = 1 ] && set -f
  if [ -n "$found" ]; then
    JAVA_HOME=$found
    export JAVA_HOME
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if vaesim_is_jdk25 "$home"; then
      JAVA_HOME=$home
      export JAVA_HOME
      return 0
    fi
  fi
  echo "vaesim needs a JDK 25 or newer and found none." >&2
  echo "  Looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, /opt/java, ~/.sdkman, and javac on PATH." >&2
  echo "  Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
