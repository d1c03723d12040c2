"""What the audit log holds: every change and every view of one person's or request's details,
as whoever did it; every login and failed login; never a PIN, a hash or a badge token; and
every action in a kind the console's filter offers (kiosk.services.audit_log.KINDS).

The use cases are those tests/integration/test_staff_roles.py finds (every public function of
kiosk.services taking `by`), called as the right person on the same database.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.db.models import AuditEvent
from kiosk.errors import KioskError
from kiosk.services import staff_auth, worker_auth
from kiosk.services.audit_log import KINDS
from kiosk.services.context import Context
from tests.integration import test_staff_roles as roles
from tests.integration.test_staff_roles import ADMIN, CASES, PINS, STAFF
from tests.support import STAFF_PIN

# The same world as the role checks: staff Anna, admin Sari, peer workers 12 (signed in) and 13.
template, ctx = roles.template, roles.ctx

# Lists a staff screen reads again whenever the database changes (app.live): recording each
# reading would be a commit that wakes every open screen to read again, for ever. Each thing on
# them is recorded when one is opened (help_requests.details, workers.get_worker,
# session_corrections.get_session) and when it is changed.
LISTS = {
    "help_requests.queue",
    "actor_names.display_names",
    "workers.list_workers",
    "workers.warnings",
    "shifts.list_shifts",
    "shifts.missed_shifts",
    "absences.list_absences",
    "session_corrections.list_sessions",
    "staff_accounts.list_accounts",
    "activities.list_activities",
    # No one's data: every kiosk's printer, and a window's queues by number.
    "printer_state.all_printers",
    "tickets.window_overview",
}
# Anonymous counts: no one's data is seen.
ANONYMOUS = {"statistics.for_period"}
# A purge's first step: the purge is recorded when it finishes, with what it deleted.
RECORDED_AT_THE_END = {"retention.start_purge"}
PACKAGE = Path(__file__).resolve().parents[2] / "kiosk"


def events_after(ctx: Context, last_id: int) -> list[AuditEvent]:
    with ctx.reading() as session:
        query = select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id)
        events = list(session.scalars(query))
        session.expunge_all()
        return events


def last_id(ctx: Context) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.max(AuditEvent.id))) or 0


def in_a_kind(action: str) -> bool:
    return action.partition(".")[0] in KINDS


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_change_and_view_of_details_is_recorded_as_whoever_did_it(
    ctx: Context, name: str
) -> None:
    case = CASES[name]
    act = case.arrange(ctx)
    before = last_id(ctx)
    by = ADMIN if case.role == "admin" else STAFF
    act(by)
    recorded = events_after(ctx, before)
    if name in LISTS | ANONYMOUS | RECORDED_AT_THE_END:
        assert recorded == []
        return
    assert str(by) in {event.actor for event in recorded}, f"{name} recorded no event as {by}"
    assert all(in_a_kind(event.action) for event in recorded), [e.action for e in recorded]


def test_the_lists_and_counts_left_unrecorded_are_use_cases_that_exist() -> None:
    assert set(CASES) >= LISTS | ANONYMOUS


def test_logins_and_failed_logins_are_recorded_and_no_pin_is(ctx: Context) -> None:
    before = last_id(ctx)
    staff_auth.authenticate(ctx, "anna", STAFF_PIN)
    for login, pin in (("anna", "000000"), ("nobody", STAFF_PIN)):
        with pytest.raises(KioskError):
            staff_auth.authenticate(ctx, login, pin)
    with pytest.raises(KioskError):
        worker_auth.authenticate_pin(ctx, "13", PINS[12])
    with pytest.raises(KioskError):
        worker_auth.authenticate_pin(ctx, "99", PINS[13])
    with pytest.raises(KioskError):
        worker_auth.authenticate_badge(ctx, "not-a-badge-0123456789")
    recorded = events_after(ctx, before)
    assert [(e.action, e.actor, e.subject_code, e.details) for e in recorded] == [
        ("staff.login", "staff:anna", "anna", {}),
        ("staff.login_refused", "kiosk:lounge-1", "anna", {"reason": "wrong_pin"}),
        # A login or number nobody has may be a PIN typed in the wrong box: not written down.
        ("staff.login_refused", "kiosk:lounge-1", "", {"reason": "wrong_pin"}),
        ("worker.login_refused", "kiosk:lounge-1", "13", {"reason": "wrong_pin"}),
        ("worker.login_refused", "kiosk:lounge-1", "", {"reason": "wrong_pin"}),
        ("worker.login_refused", "kiosk:lounge-1", "", {"reason": "unknown_badge"}),
    ]
    with ctx.reading() as session:
        everything = json.dumps(
            [
                (e.actor, e.device, e.action, e.subject_code, e.details)
                for e in session.scalars(select(AuditEvent))
            ]
        )
    for secret in (STAFF_PIN, *PINS.values(), "$argon2", "not-a-badge"):
        assert secret not in everything


def test_every_action_the_code_records_is_in_a_kind_the_console_offers() -> None:
    """Actions written out where they are recorded (audit.record, a lock's expiry, a ticket's
    or request's step); the test above checks those the use cases pass along."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    written = set(re.findall(r'audit\.record\(\s*session,\s*ctx,\s*"([a-z_.]+)"', source))
    written |= set(re.findall(r'Lockout\([^)]*"([a-z_]+\.[a-z_]+)"\)', source))
    assert len(written) > 30
    assert sorted(a for a in written if not in_a_kind(a)) == []
