#!/usr/bin/env bash
# Stop a server started by scripts/pg-start.sh DIR and delete DIR.
set -euo pipefail
dir=${1:?usage: scripts/pg-stop.sh DIR}
if [ -d "$dir/data" ]; then
    bindir=$(cat "$dir/bindir" 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    as_owner=()
    [ "$(id -u)" = 0 ] && as_owner=(runuser -u postgres --)
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
