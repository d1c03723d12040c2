"""Wrong PINs: the number locks, the kiosk pauses, staff unlock, and nothing tells a guesser
which numbers exist. The state is in the database, so it holds across processes and restarts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.pins import verify_pin
from kiosk.db.engine import make_engine
from kiosk.db.models import AuditEvent
from kiosk.errors import Refused
from kiosk.services import worker_auth, workers
from kiosk.services.context import Context
from kiosk.services.worker_auth import NumberLocked, PinEntryPaused, WrongPin, authenticate_pin
from tests.workers.conftest import OTHER_PIN, PIN, STAFF, on_kiosk


@pytest.fixture(autouse=True)
def remembered_verifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2 answers, each (hash, PIN) pair computed once: these tests make dozens of the
    same wrong guess, and each costs a tenth of a second on purpose."""
    real = worker_auth.verify_pin
    answers: dict[tuple[str, str], bool] = {}

    def verify(pin_hash: str, pin: str) -> bool:
        if (pin_hash, pin) not in answers:
            answers[pin_hash, pin] = real(pin_hash, pin)
        return answers[pin_hash, pin]

    monkeypatch.setattr(worker_auth, "verify_pin", verify)


def refusal(ctx: Context, number: str, pin: str) -> Refused:
    with pytest.raises(Refused) as raised:
        authenticate_pin(ctx, number, pin)
    return raised.value


def audit_trail(ctx: Context) -> list[tuple[str, str, str]]:
    with ctx.reading() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.actor, AuditEvent.subject_code)
            .where(AuditEvent.action.like("pin.%"))
            .order_by(AuditEvent.id)
        ).all()
        return [tuple(row) for row in rows]


def test_five_wrong_pins_lock_the_number_for_fifteen_minutes(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    answers = [type(refusal(kiosk_ctx, "12", OTHER_PIN)) for _ in range(5)]
    assert answers == [WrongPin] * 4 + [NumberLocked]
    locked = refusal(kiosk_ctx, "12", PIN)  # the right PIN does not open a locked number
    assert isinstance(locked, NumberLocked)
    assert locked.until == clock.now() + timedelta(minutes=15)
    assert workers.list_workers(kiosk_ctx, by=STAFF)[0].locked_until == locked.until
    clock.advance(minutes=15)
    assert authenticate_pin(kiosk_ctx, "12", PIN).number == 12
    assert audit_trail(kiosk_ctx) == [
        ("pin.number_lock", "system:lockout", "12"),
        ("pin.number_lock_expired", "system:lockout", "12"),
    ]
    with kiosk_ctx.reading() as session:
        expiry = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "pin.number_lock_expired")
        ).one()
        assert expiry.at == locked.until and expiry.device == "lounge-1"


def test_unknown_number_gets_the_same_answers_and_the_same_lock(kiosk_ctx: Context, worker) -> None:
    known = [str(refusal(kiosk_ctx, "12", OTHER_PIN)) for _ in range(6)]
    unknown = [str(refusal(kiosk_ctx, "77", OTHER_PIN)) for _ in range(6)]
    assert known == unknown
    assert known[0] == "that number and PIN do not match; please try again"
    assert "locked" in known[4] and known[4] == known[5]


def test_unknown_number_costs_one_real_argon2_verification(
    kiosk_ctx: Context, worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = verify_pin

    def spy(pin_hash: str, pin: str) -> bool:
        checked.append(pin_hash)
        return real(pin_hash, pin)

    monkeypatch.setattr(worker_auth, "verify_pin", spy)
    for number in ("12", "77", "0", "abc"):
        with pytest.raises(WrongPin):
            authenticate_pin(kiosk_ctx, number, OTHER_PIN)
    assert len(checked) == 4
    assert all(h.startswith("$argon2id$") for h in checked)
    assert len(set(checked[1:])) == 1 and checked[0] != checked[1]  # the dummy, every time


def test_a_right_pin_resets_the_count(kiosk_ctx: Context, worker) -> None:
    for _ in range(4):
        refusal(kiosk_ctx, "12", OTHER_PIN)
    authenticate_pin(kiosk_ctx, "12", PIN)
    assert [type(refusal(kiosk_ctx, "12", OTHER_PIN)) for _ in range(4)] == [WrongPin] * 4


def test_staff_unlock_is_logged_and_opens_the_number(
    kiosk_ctx: Context, ctx: Context, worker
) -> None:
    for _ in range(5):
        refusal(kiosk_ctx, "12", OTHER_PIN)
    worker_auth.unlock(ctx, 12, by=STAFF)
    assert authenticate_pin(kiosk_ctx, "12", PIN).number == 12
    with pytest.raises(Refused, match="number 12 is not locked"):
        worker_auth.unlock(ctx, 12, by=STAFF)
    assert audit_trail(ctx) == [
        ("pin.number_lock", "system:lockout", "12"),
        ("pin.number_unlock", "staff:anna", "12"),
    ]


def test_lock_holds_across_a_restart_and_other_kiosks(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    for _ in range(5):
        refusal(kiosk_ctx, "12", OTHER_PIN)
    # A new process: its own engine and context on the same database.
    restarted = Context(
        kiosk_ctx.settings,
        make_engine(kiosk_ctx.engine.url.render_as_string(hide_password=False)),
        kiosk_ctx.data_dir,
        clock,
        "lounge-2",
    )
    try:
        assert isinstance(refusal(restarted, "12", PIN), NumberLocked)
    finally:
        restarted.engine.dispose()


def test_twenty_failures_in_ten_minutes_pause_pin_entry_on_that_kiosk(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    other_kiosk = on_kiosk(kiosk_ctx, "lounge-2")
    answers = []
    for attempt in range(20):
        # Different numbers, so no single number locks first; 25 s apart: 8 minutes in all.
        answers.append(type(refusal(kiosk_ctx, str(100 + attempt), OTHER_PIN)))
        clock.advance(seconds=25)
    assert answers == [WrongPin] * 19 + [PinEntryPaused]
    paused = refusal(kiosk_ctx, "12", PIN)  # not even the right PIN is checked now
    assert isinstance(paused, PinEntryPaused)
    assert worker_auth.pin_entry_paused_until(kiosk_ctx) == paused.until
    assert authenticate_pin(other_kiosk, "12", PIN).number == 12  # other kiosks carry on
    clock.set(paused.until)
    assert worker_auth.pin_entry_paused_until(kiosk_ctx) is None
    # The window still holds 20 failures: the next one pauses again at once.
    assert isinstance(refusal(kiosk_ctx, "200", OTHER_PIN), PinEntryPaused)
    clock.advance(minutes=1)
    assert authenticate_pin(kiosk_ctx, "12", PIN).number == 12
    actions = [a for a, _, code in audit_trail(kiosk_ctx) if code == "lounge-1"]
    assert actions == ["pin.kiosk_pause", "pin.kiosk_pause_expired", "pin.kiosk_pause"]


def test_failures_older_than_the_window_do_not_count(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    for attempt in range(19):
        refusal(kiosk_ctx, str(100 + attempt), OTHER_PIN)
    clock.advance(minutes=10, seconds=1)
    assert isinstance(refusal(kiosk_ctx, "300", OTHER_PIN), WrongPin)


def test_unknown_badges_count_towards_the_pause_but_a_badge_opens_a_pin_locked_number(
    kiosk_ctx: Context, worker
) -> None:
    _, token = workers.issue_badge(kiosk_ctx, 12, by=STAFF)
    for _ in range(5):
        refusal(kiosk_ctx, "12", OTHER_PIN)
    badge_pass = worker_auth.authenticate_badge(kiosk_ctx, token)
    assert (badge_pass.number, badge_pass.method) == (12, "badge")
    for _ in range(14):
        with pytest.raises(worker_auth.UnknownBadge):
            worker_auth.authenticate_badge(kiosk_ctx, "NOT A BADGE")
    with pytest.raises(PinEntryPaused):
        worker_auth.authenticate_badge(kiosk_ctx, "A" * 26)
