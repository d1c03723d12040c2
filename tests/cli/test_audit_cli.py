"""`kiosk audit list`: the audit log for admins, filtered by day, actor and kind, as text and
JSON, on SQLite and on PostgreSQL; reading it is recorded, and it never shows a PIN."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.errors import KioskError
from kiosk.services import help_requests, staff_auth, tickets
from kiosk.services.context import Context
from tests.statistics_data import local
from tests.support import (
    STAFF_PIN,
    add_staff,
    around_the_clock_toml,
    migrated_context,
    settings_from,
)

Kiosk = Callable[..., tuple[int, str, str]]
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)
SARI_PIN = "274915"


def known_log(ctx: Context, clock: FixedClock, url: str) -> None:
    """Monday: Anna and Sari get accounts, Anna types a wrong PIN, then logs in. Tuesday: a
    kiosk opens a help request, Anna opens its details and calls a number."""
    clock.set(local(MONDAY, "08:00"))
    add_staff(ctx, "anna")
    add_staff(ctx, "sari", role="admin", pin=SARI_PIN)
    clock.set(local(MONDAY, "08:05"))
    with pytest.raises(KioskError):
        staff_auth.authenticate(ctx, "anna", "000000")
    staff_auth.authenticate(ctx, "anna", STAFF_PIN)
    clock.set(local(TUESDAY, "09:00"))
    kiosk = Context.open(
        ctx.settings, ctx.data_dir, clock=clock, device="lounge-1", url=url
    )
    help_requests.open_request(kiosk, "housing_allowance")
    tickets.take_number(kiosk, "A")
    kiosk.engine.dispose()
    clock.set(local(TUESDAY, "09:10"))
    help_requests.details(ctx, "H001", by=Actor("staff", "anna"))
    tickets.call_next(ctx, 1, by=Actor("staff", "anna"))


@pytest.fixture
def kiosk(
    tmp_path: Path,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Kiosk:
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")
    data = tmp_path / "data"
    clock = FixedClock(local(MONDAY, "08:00"))
    ctx = migrated_context(settings_from(around_the_clock_toml()), data, clock, database_url)
    ctx.device = "console-anna"
    known_log(ctx, clock, database_url)
    ctx.engine.dispose()
    clock.set(local(TUESDAY, "12:00"))
    monkeypatch.setattr("kiosk.services.context.SystemClock", lambda: FixedClock(clock.now()))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)

    def run(*args: str) -> tuple[int, str, str]:
        # Acting as someone (--by) needs their PIN as the first line of the input.
        by = args[args.index("--by") + 1] if "--by" in args else ""
        pin = {"staff:anna": STAFF_PIN, "staff:sari": SARI_PIN}.get(by, "")
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{pin}\n"))
        code = main(["--config", str(config), "--data-dir", str(data), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def listed(kiosk: Kiosk, *args: str) -> list[dict[str, object]]:
    code, out, err = kiosk("audit", "list", "--json", *args)
    assert code == 0, err
    return json.loads(out)["entries"]


def actions(entries: list[dict[str, object]]) -> list[object]:
    return [entry["action"] for entry in entries]


def test_every_event_newest_first_with_the_names_of_staff(kiosk: Kiosk) -> None:
    entries = listed(kiosk)
    assert actions(entries) == [
        "ticket.call",
        "help.view",
        "ticket.take",
        "help.open",
        "staff.login",
        "staff.login_refused",
        "staff.add",
        "staff.add",
    ]
    login = entries[4]
    assert (login["actor"], login["actor_name"], login["device"]) == (
        "staff:anna",
        "Anna",
        "console-anna",
    )
    refused = entries[5]
    assert (refused["actor"], refused["subject_code"], refused["details"]) == (
        "kiosk:console-anna",
        "anna",
        {"reason": "wrong_pin"},
    )
    assert entries[1]["subject_code"] == "H001"


def test_filtered_by_day_actor_and_kind(kiosk: Kiosk) -> None:
    assert actions(listed(kiosk, "--since", "2026-11-24")) == [
        "ticket.call",
        "help.view",
        "ticket.take",
        "help.open",
    ]
    assert actions(listed(kiosk, "--until", "2026-11-23", "--kind", "staff")) == [
        "staff.login",
        "staff.login_refused",
        "staff.add",
        "staff.add",
    ]
    # A bare name is a staff login; the kiosk's failed login is not Anna's own doing.
    assert actions(listed(kiosk, "--actor", "anna")) == ["ticket.call", "help.view", "staff.login"]
    assert actions(listed(kiosk, "--actor", "kiosk:lounge-1", "--kind", "help")) == ["help.open"]
    assert actions(listed(kiosk, "--kind", "staff.login")) == ["staff.login"]
    assert actions(listed(kiosk, "--since", "2026-11-25")) == []


def test_the_text_shows_local_times_and_names_and_never_a_pin(kiosk: Kiosk) -> None:
    code, out, _ = kiosk("audit", "list", "--since", "2026-11-24", "--by", "staff:sari")
    assert code == 0
    # Newest first: Sari proving who she is (--by with her PIN), then Anna's call.
    assert out.splitlines()[:2] == [
        "24.11.2026 12:00:00  staff:sari (Sari)  cli  staff.login  staff_account sari",
        "24.11.2026 09:10:00  staff:anna (Anna)  console-anna  ticket.call  ticket A001  "
        '{"from": "waiting", "to": "called", "window": 1}',
    ]
    everything = kiosk("audit", "list")[1] + kiosk("audit", "list", "--json")[1]
    assert STAFF_PIN not in everything and SARI_PIN not in everything
    assert "$argon2" not in everything


def test_reading_the_log_is_recorded_with_its_filter(kiosk: Kiosk) -> None:
    listed(kiosk, "--kind", "help", "--by", "staff:sari")
    [viewed] = listed(kiosk, "--kind", "audit")
    assert (viewed["actor"], viewed["actor_name"], viewed["action"]) == (
        "staff:sari",
        "Sari",
        "audit.view",
    )
    assert viewed["details"] == {"filter": {"kind": "help"}, "shown": 2}


def test_staff_who_are_not_admins_and_bad_filters_are_refused(kiosk: Kiosk) -> None:
    code, _, err = kiosk("audit", "list", "--by", "staff:anna")
    assert code != 0 and "only an admin can do this" in err
    code, _, err = kiosk("audit", "list", "--kind", "coffee")
    assert code != 0 and '"coffee" is not a kind of event' in err and "--kind" in err
    code, _, err = kiosk("audit", "list", "--since", "2026-11-24", "--until", "2026-11-23")
    assert code != 0 and "--since and --until" in err
    with pytest.raises(SystemExit):  # argparse's own refusal, worded by peer_input
        kiosk("audit", "list", "--since", "24.11.")
    # Nothing refused was recorded as a view.
    assert listed(kiosk, "--kind", "audit") == []
