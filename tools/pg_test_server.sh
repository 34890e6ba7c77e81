#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the test suite's second run (.ci/run) and for developers.
#
#   tools/pg_test_server.sh start   # prints the URL to put in MAMNON_TEST_DB
#   tools/pg_test_server.sh url     # the same URL again
#   tools/pg_test_server.sh stop    # stops the server and deletes its files
#
# The cluster lives in MAMNON_PG_DIR (default /tmp/mamnon-pg-test) and listens on 127.0.0.1 only, port
# MAMNON_PG_PORT (default 55432), so it never meets a PostgreSQL already running on the machine.
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` system user.
# Durability is switched off (fsync, full-page writes): the data is thrown away after the run.
set -euo pipefail

DIR="${MAMNON_PG_DIR:-/tmp/mamnon-pg-test}"
PORT="${MAMNON_PG_PORT:-55432}"
ROLE=mamnon
PASSWORD=mamnon-test
DBNAME=mamnon_test

find_bin() {
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$found" ] && [ -x "$found/initdb" ]; then
        echo "$found"
        return
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

ensure_installed() {
    BIN="$(find_bin)"
    if [ -z "$BIN" ]; then
        echo "PostgreSQL is not installed: installing it from the Debian packages" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >&2
        apt-get install -y -q postgresql >&2
        BIN="$(find_bin)"
    fi
    if [ -z "$BIN" ]; then
        echo "initdb/pg_ctl not found after installing postgresql" >&2
        exit 2
    fi
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

url() {
    echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DBNAME"
}

start() {
    ensure_installed
    if [ -f "$DIR/data/postmaster.pid" ]; then
        echo "already running in $DIR" >&2
        url
        return
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir "$DIR" --shell /usr/sbin/nologin postgres
        chown postgres "$DIR"
    fi
    # C collation: text sorts by code point as in SQLite (the program sorts names itself, mamnon.vntext).
    as_owner "$BIN/initdb" -D "$DIR/data" --auth=trust --encoding=UTF8 --locale=C -U postgres >"$DIR/initdb.log"
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    as_owner "$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" \
        -c "CREATE DATABASE $DBNAME OWNER $ROLE" >/dev/null
    url
}

stop() {
    BIN="$(find_bin)"
    if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
