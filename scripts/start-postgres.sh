#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for the test suite.
#
#   eval "$(bash scripts/start-postgres.sh)"      # exports DATELINE_TEST_POSTGRES_URL
#   bash scripts/start-postgres.sh --stop DIR     # stops the cluster in DIR and removes it
#
# Installs Debian's `postgresql` package when no initdb is found (needs root and
# apt), creates a cluster in a temporary directory owned by the `postgres` user
# (initdb + pg_ctl; no systemd), on a free port, with a database `dateline_test`.
# Prints `export DATELINE_TEST_POSTGRES_URL=postgresql+psycopg://...` and
# `export DATELINE_TEST_POSTGRES_DIR=...` on stdout; everything else goes to stderr.
set -euo pipefail

log() { echo "start-postgres: $*" >&2; }

if [[ "${1:-}" == "--stop" ]]; then
    dir="${2:?usage: start-postgres.sh --stop DIR}"
    bindir="$(cat "$dir/bindir" 2>/dev/null || true)"
    run_as_pg() { if [[ "$(id -u)" == 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
    [[ -n "$bindir" ]] && run_as_pg "'$bindir/pg_ctl' -D '$dir/data' -m fast -w stop" >&2 || true
    rm -rf "$dir"
    exit 0
fi

find_bindir() {
    local candidate
    if command -v pg_config >/dev/null 2>&1; then
        candidate="$(pg_config --bindir 2>/dev/null || true)"
        [[ -x "$candidate/initdb" ]] && { echo "$candidate"; return 0; }
    fi
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$candidate/initdb" ]] && { echo "$candidate"; return 0; }
    done
    candidate="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
    [[ -x "$candidate/initdb" ]] && { echo "$candidate"; return 0; }
    return 1
}

if ! bindir="$(find_bindir)"; then
    if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        log "PostgreSQL is not installed and I cannot install it (need root and apt-get)."
        log "Install it (e.g. 'apt-get install -y postgresql') and run me again."
        exit 1
    fi
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bindir="$(find_bindir)" || { log "PostgreSQL installed but initdb not found"; exit 1; }
fi

# A free TCP port on loopback.
port="$(python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
)"

dir="$(mktemp -d /tmp/dateline-pg.XXXXXX)"
echo "$bindir" > "$dir/bindir"
password="dateline"
user="postgres"

if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /bin/sh postgres
    chown -R postgres: "$dir"
    chmod 700 "$dir"
    run_as_pg() { su postgres -s /bin/sh -c "$*"; }
else
    user="$(id -un)"
    run_as_pg() { sh -c "$*"; }
fi

printf '%s\n' "$password" > "$dir/pwfile"
[[ "$(id -u)" == 0 ]] && chown postgres: "$dir/pwfile"
run_as_pg "'$bindir/initdb' -D '$dir/data' -U '$user' --auth=md5 --pwfile='$dir/pwfile' -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" \
    || run_as_pg "'$bindir/initdb' -D '$dir/data' -U '$user' --auth=md5 --pwfile='$dir/pwfile' -E UTF8 --locale=C >'$dir/initdb.log' 2>&1" \
    || { log "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }
run_as_pg "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >&2 \
    || { log "the server did not start:"; cat "$dir/server.log" >&2; exit 1; }
PGPASSWORD="$password" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" dateline_test >&2

log "PostgreSQL running on 127.0.0.1:$port (data in $dir; stop with: bash scripts/start-postgres.sh --stop $dir)"
echo "export DATELINE_TEST_POSTGRES_URL=postgresql+psycopg://$user:$password@127.0.0.1:$port/dateline_test"
echo "export DATELINE_TEST_POSTGRES_DIR=$dir"
