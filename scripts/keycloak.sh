#!/usr/bin/env bash
# Keycloak as a real local process, with the realm of docker/keycloak/realm.json
# (realm citizen-requests: the five roles as groups, sample staff users, claim mappers).
# See docs/KEYCLOAK.md.
#
#   scripts/keycloak.sh start                 # foreground; Ctrl-C stops it
#   scripts/keycloak.sh start --background    # log in target/keycloak.log, waits until the realm answers
#   scripts/keycloak.sh stop                  # stops the background one
#
# Startup takes about a minute on two cores the first time (Keycloak builds itself for dev
# mode, creates its database and imports the realm), about 15 s afterwards. The
# distribution, org.keycloak:keycloak-quarkus-dist, is fetched from Maven Central through the
# Maven wrapper once (about 165 MB, kept in ~/.m2 and target/keycloak-dist/) and unpacked
# under target/keycloak/; later starts reuse it. Keycloak keeps its dev database (H2) in
# target/keycloak/keycloak-VERSION/data/h2 and imports the realm only when that is absent:
# after changing realm.json, delete that directory (the script says so) to re-import.
#
# Environment:
#   KEYCLOAK_PORT       HTTP port (default 8180; the service keeps 8080)
#   KEYCLOAK_JAVA_HOME  a Java 21+ JDK; otherwise the newest 21+ JDK in /usr/lib/jvm
#
# The bootstrap administrator of the master realm is admin/admin, and the sample users'
# passwords are in realm.json: LOCAL ONLY, never for a reachable server.
set -euo pipefail
cd "$(dirname "$0")/.."

version=26.5.6
port=${KEYCLOAK_PORT:-8180}
realm=citizen-requests
dist_dir=target/keycloak-dist
zip=$dist_dir/keycloak-quarkus-dist-$version.zip
home=target/keycloak/keycloak-$version
log=target/keycloak.log
pidfile=target/keycloak.pid
discovery=http://localhost:$port/realms/$realm/.well-known/openid-configuration

usage() {
  echo "usage: scripts/keycloak.sh start [--background] | stop" >&2
  exit 2
}

java_major() { # prints the major version of the JDK at $1, or nothing
  local release=$1/release
  [[ -x $1/bin/java ]] || return 0
  if [[ -f $release ]]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
  fi
}

find_java() {
  if [[ -n ${KEYCLOAK_JAVA_HOME:-} ]]; then
    local major
    major=$(java_major "$KEYCLOAK_JAVA_HOME")
    if [[ -z $major || $major -lt 21 ]]; then
      echo "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME is not a Java 21+ JDK (found: ${major:-none})" >&2
      exit 1
    fi
    echo "$KEYCLOAK_JAVA_HOME"
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*; do
    [[ -d $dir && ! -L $dir ]] || continue
    major=$(java_major "$dir")
    if [[ -n $major && $major -ge 21 && $major -gt $best_major ]]; then
      best=$dir
      best_major=$major
    fi
  done
  if [[ -z $best ]]; then
    echo "Keycloak $version needs Java 21 or newer, and none is in /usr/lib/jvm." >&2
    echo "Install one (e.g. a Temurin 21 or 25 JDK) or set KEYCLOAK_JAVA_HOME to it." >&2
    exit 1
  fi
  echo "$best"
}

install() {
  if [[ -x $home/bin/kc.sh ]]; then
    return
  fi
  if [[ ! -f $zip ]]; then
    echo "Fetching org.keycloak:keycloak-quarkus-dist:$version (about 165 MB) through the Maven wrapper..."
    ./mvnw -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip \
      -DoutputDirectory=$dist_dir
  fi
  echo "Unpacking into target/keycloak/..."
  rm -rf target/keycloak
  mkdir -p target/keycloak
  unzip -q "$zip" -d target/keycloak
}

running_pid() {
  if [[ -f $pidfile ]]; then
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      echo "$pid"
      return
    fi
    rm -f "$pidfile"
  fi
}

start() {
  local background=false
  case "${1:-}" in
    "") ;;
    --background) background=true ;;
    *) usage ;;
  esac
  if [[ -n $(running_pid) ]]; then
    echo "Keycloak already runs (pid $(cat "$pidfile")); scripts/keycloak.sh stop first." >&2
    exit 1
  fi
  local java_home
  java_home=$(find_java)
  install
  # Keycloak imports a realm only into a database that lacks it (its dev database lives in
  # $home/data/h2), so realm.json is copied for the first start and later changes only warn.
  local imported=$home/data/import/$realm-realm.json
  if [[ ! -d $home/data/h2 ]]; then
    mkdir -p "$home/data/import"
    cp docker/keycloak/realm.json "$imported"
  elif ! cmp -s docker/keycloak/realm.json "$imported"; then
    echo "docker/keycloak/realm.json changed since Keycloak imported it; the running realm is the old one." >&2
    echo "To re-import (drops users and sessions created since): rm -rf $home/data/h2" >&2
  fi

  export JAVA_HOME=$java_home
  # Local only: the master realm's bootstrap administrator.
  export KC_BOOTSTRAP_ADMIN_USERNAME=admin
  export KC_BOOTSTRAP_ADMIN_PASSWORD=admin
  local command=("$home/bin/kc.sh" start-dev "--http-port=$port" --import-realm)
  echo "Starting Keycloak $version on http://localhost:$port with $java_home (about a minute on two cores the first time, 15 s afterwards)."
  echo "Realm: http://localhost:$port/realms/$realm  Admin console: http://localhost:$port/admin (admin/admin, local only)"

  if ! $background; then
    exec "${command[@]}"
  fi

  # setsid: Keycloak gets its own process group, so that stop ends kc.sh and its JVM together.
  setsid "${command[@]}" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local started=$SECONDS
  until curl -fsS -o /dev/null "$discovery" 2>/dev/null; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "Keycloak exited during startup; the end of $log:" >&2
      tail -n 30 "$log" >&2
      rm -f "$pidfile"
      exit 1
    fi
    if (( SECONDS - started > 300 )); then
      echo "Keycloak did not answer $discovery within 300 s; see $log (still running: scripts/keycloak.sh stop)." >&2
      exit 1
    fi
    sleep 2
  done
  echo "Keycloak answers after $((SECONDS - started)) s (pid $(cat "$pidfile"), log $log):"
  echo "  $discovery"
}

stop() {
  local pid
  pid=$(running_pid)
  if [[ -z $pid ]]; then
    echo "No Keycloak started by this script runs."
    return
  fi
  echo "Stopping Keycloak (process group $pid)..."
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Still running after 30 s; killing it." >&2
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  echo "Stopped."
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) usage ;;
esac
