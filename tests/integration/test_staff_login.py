"""Staff log in with login and PIN: wrong PINs lock the account and pause the device, in the
database, with an audit trail; nothing tells a guesser which logins exist."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.pins import verify_pin
from kiosk.db.models import AuditEvent
from kiosk.errors import Refused
from kiosk.services import staff_accounts, staff_auth
from kiosk.services.context import Context
from kiosk.services.staff_auth import (
    AccountInactive,
    AccountLocked,
    LoginPaused,
    WrongLogin,
    authenticate,
)
from tests.support import CLI, STAFF_PIN, add_staff, migrated_context

WRONG = "690248"


@pytest.fixture(autouse=True)
def remembered_verifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2 answers, each (hash, PIN) pair computed once: these tests make dozens of the
    same wrong guess, and each costs a tenth of a second on purpose."""
    answers: dict[tuple[str, str], bool] = {}

    def verify(pin_hash: str, pin: str) -> bool:
        if (pin_hash, pin) not in answers:
            answers[pin_hash, pin] = verify_pin(pin_hash, pin)
        return answers[pin_hash, pin]

    monkeypatch.setattr(staff_auth, "verify_pin", verify)


@pytest.fixture
def kiosk_ctx(ctx: Context) -> Context:
    """The lounge kiosk "lounge-1", where Anna (staff) has an account."""
    add_staff(ctx, "anna")
    return dataclasses.replace(ctx, device="lounge-1")


def refusal(ctx: Context, login: str, pin: str = WRONG) -> Refused:
    with pytest.raises(Refused) as raised:
        authenticate(ctx, login, pin)
    return raised.value


def staff_audit(ctx: Context) -> list[tuple[str, str, str]]:
    with ctx.reading() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.actor, AuditEvent.subject_code)
            .where(AuditEvent.action.like("staff.%"), AuditEvent.action != "staff.add")
            .order_by(AuditEvent.id)
        ).all()
        return [tuple(row) for row in rows]


def test_the_right_login_and_pin_give_a_pass_and_are_logged(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    staff_pass = authenticate(kiosk_ctx, "  Anna ", STAFF_PIN)
    assert (staff_pass.login, staff_pass.display_name, staff_pass.role) == ("anna", "Anna", "staff")
    assert staff_pass.issued_at == clock.now() and not staff_pass.is_admin
    assert str(staff_pass.actor) == "staff:anna"
    assert staff_audit(kiosk_ctx) == [("staff.login", "staff:anna", "anna")]


def test_five_wrong_pins_lock_the_login_until_an_admin_opens_it(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    answers = [type(refusal(kiosk_ctx, "anna")) for _ in range(5)]
    assert answers == [WrongLogin] * 4 + [AccountLocked]
    locked = refusal(kiosk_ctx, "anna", STAFF_PIN)  # the right PIN does not open it
    assert isinstance(locked, AccountLocked)
    assert locked.until == clock.now() + timedelta(minutes=15)
    [listed] = staff_accounts.list_accounts(kiosk_ctx, by=CLI)
    assert listed.locked_until == locked.until
    with pytest.raises(Refused, match="only an admin can do this"):
        staff_auth.unlock(kiosk_ctx, "anna", by=add_staff(kiosk_ctx, "timo"))
    admin = add_staff(kiosk_ctx, "sari", role="admin")
    assert staff_auth.unlock(kiosk_ctx, "anna", by=admin) == locked.until
    assert authenticate(kiosk_ctx, "anna", STAFF_PIN).login == "anna"
    with pytest.raises(Refused, match="not locked"):
        staff_auth.unlock(kiosk_ctx, "anna", by=admin)
    trail = staff_audit(kiosk_ctx)
    assert trail[4:] == [
        ("staff.login_refused", "kiosk:lounge-1", "anna"),
        ("staff.locked", "system:lockout", "anna"),
        ("staff.login_refused", "kiosk:lounge-1", "anna"),  # tried while locked
        ("staff.unlock", "staff:sari", "anna"),
        ("staff.login", "staff:anna", "anna"),
    ]


def test_a_lock_runs_out_by_itself_and_that_is_logged_when_it_did(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    for _ in range(5):
        refusal(kiosk_ctx, "anna")
    locked_at = clock.now()
    clock.advance(minutes=15)
    assert authenticate(kiosk_ctx, "anna", STAFF_PIN).login == "anna"
    with kiosk_ctx.reading() as session:
        expiry = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "staff.lock_expired")
        ).one()
        assert (expiry.at, expiry.actor, expiry.subject_code) == (
            locked_at + timedelta(minutes=15),
            "system:lockout",
            "anna",
        )


def test_an_unknown_login_gets_the_same_answers_and_the_same_lock(kiosk_ctx: Context) -> None:
    known = [str(refusal(kiosk_ctx, "anna")) for _ in range(6)]
    # On another kiosk: ten failures on one device would pause it, which is the next test's.
    other_kiosk = dataclasses.replace(kiosk_ctx, device="lounge-2")
    unknown = [str(refusal(other_kiosk, "olli")) for _ in range(6)]
    assert known == unknown
    assert known[0] == "that login and PIN do not match; please try again"
    assert "locked" in known[4] and known[4] == known[5]
    # The audit log never holds a login nobody has: it may be a PIN typed in the wrong box.
    with kiosk_ctx.reading() as session:
        written = session.scalars(select(AuditEvent.subject_code)).all()
        details = session.scalars(select(AuditEvent.details)).all()
    assert "olli" not in written and "olli" not in str(details)


def test_an_unknown_login_costs_one_real_argon2_verification(
    kiosk_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []

    def spy(pin_hash: str, pin: str) -> bool:
        checked.append(pin_hash)
        return verify_pin(pin_hash, pin)

    monkeypatch.setattr(staff_auth, "verify_pin", spy)
    for login in ("anna", "olli", "x", "not a login!"):
        with pytest.raises(WrongLogin):
            authenticate(kiosk_ctx, login, WRONG)
    assert len(checked) == 4
    assert all(h.startswith("$argon2id$") for h in checked)
    assert len(set(checked[1:])) == 1 and checked[0] != checked[1]  # the dummy, every time


def test_a_right_pin_starts_the_count_again(kiosk_ctx: Context) -> None:
    for _ in range(4):
        refusal(kiosk_ctx, "anna")
    authenticate(kiosk_ctx, "anna", STAFF_PIN)
    assert [type(refusal(kiosk_ctx, "anna")) for _ in range(4)] == [WrongLogin] * 4


def test_a_deactivated_account_is_refused_only_after_the_right_pin(kiosk_ctx: Context) -> None:
    staff_accounts.deactivate(kiosk_ctx, "anna", by=CLI)
    assert type(refusal(kiosk_ctx, "anna")) is WrongLogin  # as if it did not exist
    assert type(refusal(kiosk_ctx, "anna", STAFF_PIN)) is AccountInactive
    assert staff_audit(kiosk_ctx)[-1] == ("staff.login_refused", "kiosk:lounge-1", "anna")


def test_ten_failed_logins_pause_staff_login_on_that_device_only(
    kiosk_ctx: Context, clock: FixedClock, tmp_path: Path
) -> None:
    answers = []
    for attempt in range(10):
        # Different logins, so no single login locks first; 50 s apart: 7.5 minutes in all.
        answers.append(type(refusal(kiosk_ctx, f"guess{attempt}")))
        clock.advance(seconds=50)
    assert answers == [WrongLogin] * 9 + [LoginPaused]
    paused = refusal(kiosk_ctx, "anna", STAFF_PIN)  # not even the right PIN is checked now
    assert isinstance(paused, LoginPaused)
    # Kept in the database: a restarted kiosk is still paused, a staff PC is not.
    url = kiosk_ctx.engine.url.render_as_string(hide_password=False)
    restarted = dataclasses.replace(
        migrated_context(kiosk_ctx.settings, tmp_path, clock, url), device="lounge-1"
    )
    try:
        assert staff_auth.login_paused_until(restarted) == paused.until
        staff_pc = dataclasses.replace(restarted, device="console-office")
        assert authenticate(staff_pc, "anna", STAFF_PIN).login == "anna"
        clock.set(paused.until)
        assert staff_auth.login_paused_until(restarted) is None
        assert authenticate(restarted, "anna", STAFF_PIN).login == "anna"
        # The end of the pause is logged when the device's count is next looked at.
        refusal(restarted, "guess10")
    finally:
        restarted.engine.dispose()
    device_trail = [(a, code) for a, _, code in staff_audit(kiosk_ctx) if "pause" in a]
    assert device_trail == [
        ("staff.login_paused", "lounge-1"),
        ("staff.login_pause_expired", "lounge-1"),
    ]


def test_failures_older_than_the_window_do_not_count_and_a_right_login_clears_none(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    for attempt in range(9):
        refusal(kiosk_ctx, f"guess{attempt}")
    clock.advance(minutes=10, seconds=1)
    assert type(refusal(kiosk_ctx, "guess9")) is WrongLogin  # the count started again
    for attempt in range(8):
        refusal(kiosk_ctx, f"other{attempt}")
    # Someone with an account of their own cannot clear the device's count between guesses.
    authenticate(kiosk_ctx, "anna", STAFF_PIN)
    assert type(refusal(kiosk_ctx, "last")) is LoginPaused


def test_a_staff_pc_with_a_long_name_is_paused_like_a_kiosk(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    # 40 characters, as long as an actor's id may be: longer than the audit log's subject code.
    staff_pc = dataclasses.replace(kiosk_ctx, device="console-reception-desk-pc.clinic.example")
    assert len(staff_pc.device) == 40
    for attempt in range(9):
        refusal(staff_pc, f"guess{attempt}")
    paused = refusal(staff_pc, "guess9")
    assert isinstance(paused, LoginPaused)
    assert staff_auth.login_paused_until(staff_pc) == paused.until
    assert staff_auth.login_paused_until(kiosk_ctx) is None
    clock.set(paused.until)
    refusal(staff_pc, "guess10")  # looks at the pause again: its end is logged
    assert [a for a, _, _ in staff_audit(staff_pc) if "pause" in a] == [
        "staff.login_paused",
        "staff.login_pause_expired",
    ]
