"""Exit 0 when the PostgreSQL server named by the URL in argv[1] answers, 1 otherwise."""

import sys

import psycopg
from psycopg.conninfo import make_conninfo

try:
    # The test database does not exist yet; ask the server's maintenance database.
    with psycopg.connect(make_conninfo(sys.argv[1], dbname="postgres"), connect_timeout=3) as conn:
        conn.execute("SELECT 1")
except psycopg.Error:
    sys.exit(1)
