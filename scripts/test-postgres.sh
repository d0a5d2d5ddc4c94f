#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server on 127.0.0.1 (as the postgres user: it refuses to run as root),
# runs the given command with TEST_DATABASE_URL / DATABASE_URL pointing at it, and stops it again.
set -euo pipefail
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${PG_TEST_PORT:-5433}
DIR=$(mktemp -d /tmp/openpsm-pg.XXXXXX)
chmod 777 "$DIR"
run_as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
cleanup() { run_as_postgres "$PG_BIN/pg_ctl -D $DIR/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
run_as_postgres "$PG_BIN/initdb -D $DIR/data -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >/dev/null
run_as_postgres "$PG_BIN/pg_ctl -D $DIR/data -l $DIR/log -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off\" start" >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
"$@"
