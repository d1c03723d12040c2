"""The audit log names each kind of subject one way, whichever use case records it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.core.pay_period import parse_period
from kiosk.db.models import AuditEvent
from kiosk.services import help_requests, payouts, session_corrections, sign_in_out, tickets
from kiosk.services.context import Context
from tests.workers.conftest import STAFF, pin_pass

pytestmark = pytest.mark.usefixtures("cheap_pins", "worker")


def subjects(ctx: Context) -> dict[str, tuple[str, str, int | None]]:
    with ctx.reading() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return {e.action: (e.subject_type, e.subject_code, e.subject_id) for e in events}


def test_each_subject_is_named_by_its_kind_code_and_row(kiosk_ctx: Context) -> None:
    ticket = tickets.take_number(kiosk_ctx, "A")
    request = help_requests.open_request(kiosk_ctx, "housing_allowance")
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    payouts.payout_list(kiosk_ctx, parse_period("2026-11"), by=STAFF)
    [work] = session_corrections.list_sessions(kiosk_ctx, by=STAFF)
    logged = subjects(kiosk_ctx)
    assert logged["ticket.take"][:2] == ("ticket", ticket.code)
    assert logged["help.open"][:2] == ("help_request", request.code)
    assert logged["worker.add"][:2] == ("worker", "12")
    assert all(logged[a][2] is not None for a in ("ticket.take", "help.open", "worker.add"))
    assert logged["work.sign_in"] == ("work_session", "12", work.id)
    assert logged["payout.list"] == ("pay_period", "2026-11", None)
