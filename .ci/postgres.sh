#!/usr/bin/env bash
# Start a throwaway PostgreSQL (Debian's package) for the store tests and print its URL.
#   eval "$(bash .ci/postgres.sh)"   # exports NUMCHECK_TEST_POSTGRES_URL
# The cluster lives in a temporary directory, runs as the postgres user on a local port and
# accepts local connections without a password (trust); nothing outside that directory changes.
set -euo pipefail
PORT="${NUMCHECK_PG_PORT:-55432}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 \
        || { echo "echo 'postgresql could not be installed: PostgreSQL tests will skip' >&2"; exit 0; }
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
DIR="$(mktemp -d /tmp/numcheck-pg.XXXXXX)"
chown postgres:postgres "$DIR"
su postgres -s /bin/sh -c "'$BIN/initdb' -D '$DIR/data' -A trust -U postgres >/dev/null"
su postgres -s /bin/sh -c "'$BIN/pg_ctl' -D '$DIR/data' -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1' -l '$DIR/log' -w start >/dev/null"
su postgres -s /bin/sh -c "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U postgres numcheck_test"
echo "export NUMCHECK_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PORT/numcheck_test"
echo "export NUMCHECK_PG_DIR=$DIR"
