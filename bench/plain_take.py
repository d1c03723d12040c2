"""The naive figure for `kiosk ticket take A --json`: a plain script that sends the same SQL
with nothing but the standard library, and prints the same kind of JSON line.

    python bench/plain_take.py DATABASE_FILE
"""

import json
import sqlite3
import sys
from datetime import UTC, datetime

connection = sqlite3.connect(sys.argv[1], isolation_level=None)
now = datetime.now(UTC)
day = now.date().isoformat()
connection.execute("BEGIN IMMEDIATE")
connection.execute(
    "INSERT INTO daily_counters (business_day, series, last_number) VALUES (?, 'A', 0) "
    "ON CONFLICT DO NOTHING",
    (day,),
)
(number,) = connection.execute(
    "UPDATE daily_counters SET last_number = last_number + 1 "
    "WHERE business_day = ? AND series = 'A' RETURNING last_number",
    (day,),
).fetchone()
ticket = connection.execute(
    "INSERT INTO tickets (business_day, service, number, status, taken_at, call_count) "
    "VALUES (?, 'A', ?, 'waiting', ?, 0)",
    (day, number, now.isoformat()),
).lastrowid
connection.execute(
    "INSERT INTO audit_events (at, actor, device, action, subject_type, subject_id, "
    "subject_code, details) VALUES (?, 'cli:bench', 'cli', 'ticket.take', 'ticket', ?, ?, '{}')",
    (now.isoformat(), ticket, f"A{number:03d}"),
)
(ahead,) = connection.execute(
    "SELECT count(*) FROM tickets WHERE business_day = ? AND service = 'A' "
    "AND status = 'waiting' AND number < ?",
    (day, number),
).fetchone()
connection.execute("COMMIT")
print(json.dumps({"code": f"A{number:03d}", "number": number, "ahead": ahead}))
