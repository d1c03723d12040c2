"""The retention purge run again and again, and from several kiosks sharing one database."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent, HelpNote
from kiosk.services import help_requests, retention
from kiosk.services.context import Context
from tests.support import CLI, add_staff

STAFF = Actor("staff", "sari")


@pytest.fixture(autouse=True)
def staff_account(ctx: Context) -> None:
    add_staff(ctx, "sari")


def old_notes(ctx: Context, clock: FixedClock, count: int = 3) -> None:
    """`count` staff notes, then time moves past their retention period."""
    help_requests.open_request(ctx, "social_assistance")
    for n in range(count):
        help_requests.add_note(ctx, "H001", f"note {n}", by=STAFF)
    clock.advance(days=ctx.settings.retention.help_notes_days + 1)


def purge_events(ctx: Context) -> list[AuditEvent]:
    with ctx.reading() as session:
        return list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == "retention.purge"))
        )


def test_a_second_purge_deletes_nothing_and_each_is_audited(
    ctx: Context, clock: FixedClock
) -> None:
    old_notes(ctx, clock)
    assert retention.purge(ctx, by=CLI).help_notes == 3
    assert retention.purge(ctx, by=CLI) == retention.Purged(0, 0, 0, 0)
    assert [e.details["help_notes"] for e in purge_events(ctx)] == [3, 0]


def test_kiosks_purging_at_once_delete_each_row_once(ctx: Context, clock: FixedClock) -> None:
    old_notes(ctx, clock, count=20)
    results: list[retention.Purged] = []
    errors: list[Exception] = []

    def purge() -> None:
        try:
            results.append(retention.purge(ctx, by=CLI))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=purge) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sum(r.help_notes for r in results) == 20
    with ctx.reading() as session:
        assert session.query(HelpNote).count() == 0


# The shared `ctx` fixture, on PostgreSQL only: advisory locks are PostgreSQL's.
on_postgresql = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@on_postgresql
def test_on_postgresql_a_purge_waits_for_another_kiosks_purge(
    ctx: Context, clock: FixedClock
) -> None:
    old_notes(ctx, clock)
    done = threading.Event()
    with ctx.engine.connect() as other_kiosk:
        # Another kiosk's purge is under way: it holds the purge lock until it commits.
        other_kiosk.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": retention.PURGE_LOCK_KEY}
        )
        waiting = threading.Thread(target=lambda: (retention.purge(ctx, by=CLI), done.set()))
        waiting.start()
        assert not done.wait(0.5)
        other_kiosk.commit()
    waiting.join(timeout=30)
    assert done.is_set()


@on_postgresql
def test_a_kiosk_leaves_the_purge_to_the_kiosk_already_purging(
    ctx: Context, clock: FixedClock
) -> None:
    old_notes(ctx, clock)
    with ctx.engine.connect() as other_kiosk:
        other_kiosk.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": retention.PURGE_LOCK_KEY}
        )
        assert (
            retention.start_purge(ctx, by=None, wait=False) is None
        )  # at once, not after the other
        other_kiosk.commit()
    assert purge_events(ctx) == []
    assert retention.purge(ctx, by=CLI) == retention.Purged(3, 0, 0, 0)


def test_the_audit_log_keeps_no_topic_past_the_request_it_was_about(
    ctx: Context, clock: FixedClock
) -> None:
    help_requests.open_request(ctx, "social_assistance")
    help_requests.cancel(ctx, "H001", by=STAFF)
    with ctx.transaction() as session:
        # An event written by an earlier version, which kept the topic in the audit log.
        opened = session.scalars(select(AuditEvent).where(AuditEvent.action == "help.open")).one()
        assert "topic" not in opened.details
        opened.details = {"topic": "social_assistance"}
    clock.advance(days=ctx.settings.retention.help_requests_days + 1)
    assert retention.purge(ctx, by=CLI).help_requests == 1
    with ctx.reading() as session:
        kept = list(session.scalars(select(AuditEvent).where(AuditEvent.subject_code == "H001")))
    assert {e.action for e in kept} >= {"help.open", "help.cancel"}
    assert all("social_assistance" not in str(e.details) for e in kept)


def test_a_request_nobody_finished_is_closed_after_its_days_then_purged_with_the_rest(
    ctx: Context, clock: FixedClock
) -> None:
    keep = ctx.settings.retention
    help_requests.open_request(ctx, "social_assistance")
    help_requests.open_request(ctx, "computer_help")
    help_requests.claim(ctx, "H002", by=STAFF)
    help_requests.wait_for_documents(ctx, "H002", by=STAFF)
    clock.advance(days=keep.unfinished_help_days - 1)
    assert retention.purge(ctx, by=CLI).help_aged_out == 0  # a client may still come back
    clock.advance(days=2)
    assert retention.purge(ctx, by=CLI).help_aged_out == 2
    assert help_requests.queue(ctx, by=STAFF) == []
    with ctx.reading() as session:
        aged = session.scalars(select(AuditEvent).where(AuditEvent.action == "help.aged_out"))
        assert sorted(e.subject_code for e in aged) == ["H001", "H002"]
    clock.advance(days=keep.help_requests_days + 1)
    assert retention.purge(ctx, by=CLI).help_requests == 2


def test_the_help_list_leaves_out_a_request_past_its_days_before_the_purge_closes_it(
    ctx: Context, clock: FixedClock
) -> None:
    # Years of requests nobody finished must not make every refresh of the console's list
    # longer: the list keeps to what the aging rule keeps, purge or no purge.
    keep = ctx.settings.retention
    help_requests.open_request(ctx, "social_assistance")
    help_requests.claim(ctx, "H001", by=STAFF)
    clock.advance(days=keep.unfinished_help_days - 1)
    help_requests.open_request(ctx, "computer_help")
    assert [r.topic for r in help_requests.queue(ctx, by=STAFF)] == [
        "computer_help",
        "social_assistance",
    ]
    clock.advance(days=2)
    assert [r.topic for r in help_requests.queue(ctx, by=STAFF)] == ["computer_help"]
    assert retention.purge(ctx, by=CLI).help_aged_out == 1


def test_a_backlog_is_deleted_in_short_batches_between_clients_numbers(
    ctx: Context, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A year without a purge, in small: more old audit events than one batch holds.
    monkeypatch.setattr(retention, "BATCH_ROWS", 50)
    for _ in range(3):
        old_notes(ctx, clock, count=60)
    run = retention.start_purge(ctx, by=None, wait=False)
    assert run is not None
    steps = 0
    while run.step():
        steps += 1
        # A client between two batches gets a number at once: no batch holds the database.
        assert help_requests.open_request(ctx, "computer_help").code.startswith("H")
    assert steps >= 180 // 50
    assert run.finish().help_notes == 180
    with ctx.reading() as session:
        assert session.scalar(select(func.count()).select_from(HelpNote)) == 0


def test_the_freed_space_goes_back_to_the_disk(ctx: Context, clock: FixedClock) -> None:
    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL gives free space back by itself")
    help_requests.open_request(ctx, "social_assistance")
    for n in range(400):
        help_requests.add_note(ctx, "H001", "x" * 1_990 + str(n), by=STAFF)
    with ctx.engine.connect() as connection:
        used = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    clock.advance(days=ctx.settings.retention.help_notes_days + 1)
    retention.purge(ctx, by=CLI)
    with ctx.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA auto_vacuum").scalar_one() == 2  # incremental
        assert connection.exec_driver_sql("PRAGMA freelist_count").scalar_one() == 0
        assert connection.exec_driver_sql("PRAGMA page_count").scalar_one() < used / 2
