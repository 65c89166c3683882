#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for tests and benchmarks, and print its
# URL (postgresql+psycopg://itplan@127.0.0.1:PORT/itplan) on standard output.
#
#   scripts/pg-start.sh [DIR]     # cluster in DIR (default: a new temp folder)
#   scripts/pg-stop.sh DIR        # stop it and delete DIR
#
# The cluster listens only on 127.0.0.1, on a free port, trusts local
# connections and runs without fsync: it is for tests, never for real data.
# PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` user that Debian's package creates. Exits 3 when no PostgreSQL
# binaries are installed.
set -euo pipefail

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    bindir=$(pg_config --bindir)
fi
if [ -z "$bindir" ]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "pg-start: PostgreSQL is not installed (no initdb found)" >&2
    exit 3
fi

dir=${1:-$(mktemp -d /tmp/itplan-pg.XXXXXX)}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

as_owner=()
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "pg-start: running as root but there is no postgres user" >&2
        exit 3
    fi
    chown postgres: "$dir"
    as_owner=(runuser -u postgres --)
    if ! "${as_owner[@]}" test -w "$dir"; then
        echo "pg-start: the postgres user cannot reach $dir (choose a folder under /tmp)" >&2
        exit 3
    fi
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U itplan -A trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# One line: pg_ctl hands these options to a shell command.
options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir'"
options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "$options" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U itplan itplan
echo "$bindir" >"$dir/bindir"
echo "postgresql+psycopg://itplan@127.0.0.1:$port/itplan"
