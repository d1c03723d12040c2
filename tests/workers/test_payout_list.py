"""The payout list per pay period: rows, totals, CSV, and the printable PDF cash list."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.pay_period import parse_period
from kiosk.db.models import AuditEvent
from kiosk.services import payouts, session_corrections, sign_in_out
from kiosk.services.context import Context
from kiosk.services.payout_documents import payout_csv, payout_pdf
from kiosk.services.worker_views import PayoutList, PayoutRow
from tests.workers.conftest import STAFF, add_worker, pin_pass, with_peer_work

pytestmark = pytest.mark.usefixtures("cheap_pins")
HELSINKI = ZoneInfo("Europe/Helsinki")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "payout"
NEEDS_POPPLER = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm, pdftotext) not installed"
)


def helsinki(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def staff_session(ctx: Context, number: int, start: datetime, end: datetime) -> None:
    session_corrections.add_session(
        ctx, number, started_at=start, ended_at=end, reason="test", by=STAFF
    )


@pytest.fixture
def november(kiosk_ctx: Context, clock: FixedClock) -> Context:
    """Three workers' November, seen from 1 December."""
    clock.set(helsinki(1, 9, month=12))
    add_worker(kiosk_ctx, 12, pin="583917")
    add_worker(kiosk_ctx, 7, name="Liisa Virtanen", pin="690248")
    add_worker(kiosk_ctx, 31, name="Åsa Öhman-Äijälä", pin="417306")
    staff_session(kiosk_ctx, 12, helsinki(3, 9), helsinki(3, 12, 30))  # 3:30 → 7.00
    staff_session(kiosk_ctx, 12, helsinki(5, 8), helsinki(5, 16))  # 8:00 → 12.00 (cap)
    staff_session(kiosk_ctx, 7, helsinki(10, 9), helsinki(10, 9, 50))  # 0:50 → 1.67
    # The last evening of the month runs past the day start into December's first day.
    staff_session(kiosk_ctx, 7, helsinki(30, 23), helsinki(1, 5, month=12))  # 5:00 + 1:00
    staff_session(kiosk_ctx, 31, helsinki(28, 10), helsinki(28, 11))  # 1:00 → 2.00
    return kiosk_ctx


def test_one_row_per_worker_with_totals(november: Context) -> None:
    payout = payouts.payout_list(november, parse_period("2026-11"), by=STAFF)
    assert [(r.number, r.display_name, r.days, r.minutes, r.amount) for r in payout.rows] == [
        (7, "Liisa Virtanen", 2, 350, Decimal("11.67")),
        (12, "Matti Meikäläinen", 2, 690, Decimal("19.00")),
        (31, "Åsa Öhman-Äijälä", 1, 60, Decimal("2.00")),
    ]
    assert (payout.total_days, payout.total_minutes, payout.total_amount) == (
        5,
        1100,
        Decimal("32.67"),
    )
    assert (payout.status, payout.open_sessions, payout.sessions_to_review) == ("open", 0, 0)
    december = payouts.payout_list(november, parse_period("2026-12"), by=STAFF)
    assert [(r.number, r.minutes) for r in december.rows] == [(7, 60)]
    with november.reading() as session:
        logged = session.scalars(select(AuditEvent).where(AuditEvent.action == "payout.list")).all()
        assert [(e.subject_code, e.actor) for e in logged] == [
            ("2026-11", "staff:anna"),
            ("2026-12", "staff:anna"),
        ]


def test_quarter_hours_and_a_weekly_period_come_from_the_settings(november: Context) -> None:
    weekly = with_peer_work(november, rounding="quarter_hour_down", pay_period="week")
    payout = payouts.payout_list(weekly, parse_period("2026-W45"), by=STAFF)  # 2.–8.11.
    assert [(r.number, r.minutes, r.amount) for r in payout.rows] == [(12, 690, Decimal("19.00"))]
    week_46 = payouts.payout_list(weekly, parse_period("2026-W46"), by=STAFF)
    assert [(r.number, r.minutes, r.amount) for r in week_46.rows] == [(7, 45, Decimal("1.50"))]


def test_open_and_flagged_sessions_are_counted_apart(kiosk_ctx: Context, clock: FixedClock) -> None:
    add_worker(kiosk_ctx, 12)
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    payout = payouts.payout_list(kiosk_ctx, parse_period("2026-11"), by=STAFF)
    assert (payout.rows, payout.open_sessions) == ([], 1)
    clock.set(helsinki(24, 17))  # a forgotten sign-out, closed by the list itself
    payout = payouts.payout_list(kiosk_ctx, parse_period("2026-11"), by=STAFF)
    assert (payout.open_sessions, payout.sessions_to_review, payout.total_amount) == (
        0,
        1,
        Decimal("12.00"),
    )


def test_csv_opens_as_columns_in_a_finnish_spreadsheet(november: Context) -> None:
    payout = payouts.payout_list(november, parse_period("2026-11"), by=STAFF, purpose="csv")
    content = payout_csv(payout)
    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig").splitlines() == [
        "number;name;days;hours;minutes;allowance_eur",
        "7;Liisa Virtanen;2;5:50;350;11,67",
        "12;Matti Meikäläinen;2;11:30;690;19,00",
        "31;Åsa Öhman-Äijälä;1;1:00;60;2,00",
        ";TOTAL;5;18:20;1100;32,67",
    ]


def test_a_name_a_spreadsheet_would_run_is_written_as_text(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    clock.set(helsinki(1, 9, month=12))
    sneaky = ['=HYPERLINK("http://x";"pay")', "+1+1", "-2+3", "@SUM(A1)"]
    for number, name in enumerate(sneaky, start=40):
        add_worker(kiosk_ctx, number, name=name, pin=f"69{number}48")
        staff_session(kiosk_ctx, number, helsinki(3, 9), helsinki(3, 10))
    payout = payouts.payout_list(kiosk_ctx, parse_period("2026-11"), by=STAFF, purpose="csv")
    rows = list(csv.reader(io.StringIO(payout_csv(payout).decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:-1]] == ["'" + name for name in sneaky]


def render(pdf: bytes, name: str) -> tuple[str, list[Path]]:
    """The PDF's text, and its pages drawn into test-artifacts/payout/ to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", source, ARTIFACTS / name], check=True)
    text = subprocess.run(
        ["pdftotext", "-layout", source, "-"], check=True, capture_output=True, text=True
    ).stdout
    return text, sorted(ARTIFACTS.glob(f"{name}-*.png"))


@NEEDS_POPPLER
def test_pdf_cash_list_has_every_worker_a_signature_column_and_totals(november: Context) -> None:
    payout = payouts.payout_list(november, parse_period("2026-11"), by=STAFF, purpose="pdf")
    pdf = payout_pdf(
        payout,
        clinic="Aula, Jyväskylä",
        language="fi",
        printed_at=november.clock.now(),
        zone=HELSINKI,
    )
    text, pages = render(pdf, "allowance-fi")
    assert len(pages) == 1
    for expected in (
        "Toiminta-avustus: käteismaksulista",
        "Aula, Jyväskylä",
        "Maksukausi 2026-11 (1.11.–30.11.2026)",
        "2,00 € tunnilta, enintään 12,00 €",
        "Kuittaus (allekirjoitus)",
        "Liisa Virtanen",
        "Åsa Öhman-Äijälä",
        "11,67 €",
        "Yhteensä",
        "32,67 €",
        "Maksanut:",
        "Sivu 1/1",
        "Tulostettu 01.12.2026 09:00",
    ):
        assert expected in text, expected
    assert text.index("Liisa") < text.index("Matti") < text.index("Åsa")


@NEEDS_POPPLER
def test_long_pdf_repeats_the_header_on_every_page(kiosk_ctx: Context) -> None:
    rows = [
        PayoutRow(n, f"Vertaistyöntekijä numero {n}", 8, 1680, Decimal("56.00"))
        for n in range(1, 46)
    ]
    rows.append(
        PayoutRow(
            99, "Nimi joka on aivan liian pitkä mahtuakseen sarakkeeseen", 1, 60, Decimal("2.00")
        )
    )
    payout = PayoutList(
        "2026-W48",
        date(2026, 11, 23),
        date(2026, 11, 29),
        rows,
        361,
        75660,
        Decimal("2522.00"),
        "paid",
        0,
        2,
        Decimal("2.00"),
        Decimal("12.00"),
        "quarter_hour_down",
    )
    pdf = payout_pdf(
        payout, clinic="Aula", language="sv", printed_at=kiosk_ctx.clock.now(), zone=HELSINKI
    )
    text, pages = render(pdf, "allowance-sv-long")
    assert len(pages) == 3
    assert text.count("Kvittering (underskrift)") == 3
    assert "Sida 3/3" in text and "Totalt" in text and "2 522,00 €" in text
    assert "Obs: 2 automatiska utloggningar väntar på granskning." in text
    assert "tider avrundade nedåt till kvartar" in text
    assert "Vertaistyöntekijä numero 45" in text  # in smaller type, but whole
    assert "Nimi joka on aivan liian pitkä m…" in text


@NEEDS_POPPLER
def test_english_pdf_for_an_empty_period(kiosk_ctx: Context) -> None:
    payout = payouts.payout_list(kiosk_ctx, parse_period("2026-10"), by=STAFF)
    pdf = payout_pdf(
        payout, clinic="Aula", language="en", printed_at=kiosk_ctx.clock.now(), zone=HELSINKI
    )
    text, pages = render(pdf, "allowance-en-empty")
    assert len(pages) == 1
    assert "No working hours to count in this period." in text and "€0.00" in text
