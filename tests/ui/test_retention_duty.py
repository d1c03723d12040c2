"""The running kiosk purges what is past its retention period by itself: at start and daily,
each time rolling up the statistics of the days that have closed first."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from kiosk.db.models import AuditEvent
from kiosk.db.statistics_models import DailyRollup, DailyTicketTotal
from kiosk.db.storage_errors import DatabaseBusy
from kiosk.services import retention, tickets
from kiosk.services.context import Context
from kiosk.ui.app import PURGE_INTERVAL_S
from tests.ui.conftest import Kiosk, Start
from tests.ui.driver import settle


def purges(kiosk: Kiosk) -> list[AuditEvent]:
    with kiosk.ctx.reading() as session:
        return list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == "retention.purge"))
        )


def test_the_kiosk_purges_at_start_and_then_daily(kiosk: Kiosk) -> None:
    [at_start] = purges(kiosk)
    assert at_start.actor == f"kiosk:{kiosk.ctx.device}"
    assert any(getattr(e, "timeout", None) == PURGE_INTERVAL_S for e in kiosk.app._events)
    kiosk.app.purge_retention()  # what the daily timer does
    settle(kiosk.app)
    assert len(purges(kiosk)) == 2


def test_the_daily_purge_rolls_up_the_day_that_closed(kiosk: Kiosk) -> None:
    today = kiosk.ctx.today()
    tickets.take_number(kiosk.ctx, "A")
    kiosk.clock.advance(days=1)
    kiosk.app.purge_retention()
    settle(kiosk.app)
    with kiosk.ctx.reading() as session:
        assert list(session.scalars(select(DailyRollup.business_day))) == [today]
        assert session.scalar(select(func.sum(DailyTicketTotal.taken))) == 1


def test_a_failed_purge_is_logged_and_the_kiosk_goes_on(
    start_kiosk: Start, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def busy(_ctx: Context, **_options: object) -> retention.PurgeRun:
        raise DatabaseBusy("the database did not answer")

    monkeypatch.setattr(retention, "start_purge", busy)
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.app"):
        kiosk = start_kiosk()
    assert "retention purge: the database did not answer" in caplog.text
    assert kiosk.app.current == "home"
