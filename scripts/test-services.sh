# Sourced by ./run-tests: makes sure the services the integration tests need are installed and
# running, and tells the tests where they are. Installs from Debian's packages when run as root.

ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "run-tests: installing PostgreSQL from Debian's packages..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; } || return 1
    else
      echo "run-tests: PostgreSQL is not installed and cannot be installed here (needs root and apt-get)" >&2
      return 1
    fi
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
    pg_createcluster "$version" main >/dev/null || return 1
    # A test cluster holds many small databases: after a crash, sync them with one syncfs call
    # instead of an fsync per file (which took over an hour once the cluster had grown).
    echo "recovery_init_sync_method = syncfs" >> "/etc/postgresql/$version/main/postgresql.conf"
  fi
  local cluster
  cluster=$(pg_lsclusters -h | head -n 1 | awk '{print $1" "$2}')
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start 2>/dev/null || true
  local port
  port=$(pg_lsclusters -h | head -n 1 | awk '{print $3}')
  for _ in $(seq 1 30); do
    su postgres -c "psql -p $port -tAc 'SELECT 1'" >/dev/null 2>&1 && break
    sleep 0.5
  done
  su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'compact'\"" | grep -q 1 \
    || su postgres -c "psql -p $port -qc \"CREATE ROLE compact LOGIN SUPERUSER PASSWORD 'compact'\"" >/dev/null || return 1
  export COMPACT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=compact&password=compact"
}

# Debian's Chromium and its chromedriver, for the dashboard's browser tests.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "run-tests: installing Chromium and chromedriver from Debian's packages..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null; } || return 1
    else
      echo "run-tests: Chromium is not installed and cannot be installed here (needs root and apt-get)" >&2
      return 1
    fi
  fi
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || return 1
  export COMPACT_TEST_CHROMEDRIVER=/usr/bin/chromedriver
  export COMPACT_TEST_CHROME=/usr/bin/chromium
}
