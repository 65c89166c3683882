#!/usr/bin/env bash
# Install and run every test (Qt offscreen). Extra arguments go to pytest.
# When PostgreSQL is installed, a throwaway server is started on 127.0.0.1
# for the run (scripts/pg-start.sh) and the data-layer tests run against it
# as well as SQLite; ITPLAN_TEST_PG_URL set beforehand names a server to use
# instead, and ITPLAN_TEST_PG=0 skips PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen

if [ -z "${ITPLAN_TEST_PG_URL:-}" ] && [ "${ITPLAN_TEST_PG:-1}" != 0 ]; then
    pg_dir=$(mktemp -d /tmp/itplan-pg.XXXXXX)  # a folder the postgres user can reach
    trap 'scripts/pg-stop.sh "$pg_dir"' EXIT
    if url=$(scripts/pg-start.sh "$pg_dir"); then
        export ITPLAN_TEST_PG_URL=$url
        echo "PostgreSQL test server: $url"
    else
        echo "PostgreSQL is not available: the tests run on SQLite only." >&2
    fi
fi

status=0
.venv/bin/python -m pytest -q "$@" || status=$?
exit "$status"
