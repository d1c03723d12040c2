"""Helpers for tests: the shipped configuration, variants of it, a fixed morning."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.migrations import upgrade
from kiosk.services import staff_accounts
from kiosk.services.context import Context
from kiosk.settings.loader import DEFAULT_CONFIG, parse_settings
from kiosk.settings.schema import Settings

# Tuesday 24 November 2026, 09:00 in Helsinki (EET, UTC+2): medication dispensing is open.
TUESDAY_MORNING = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
# The command line, which may do everything (kiosk.services.staff_access): for setting up.
CLI = Actor("cli", "tests")
STAFF_PIN = "582046"
POSTGRES_URL = os.environ.get(
    "KIOSK_TEST_POSTGRES_URL", "postgresql+psycopg://kiosk:kiosk@127.0.0.1:5432/postgres"
)


def settings_from(text: str) -> Settings:
    return parse_settings(text, Path("test.toml"))


def default_toml() -> str:
    return DEFAULT_CONFIG.read_text(encoding="utf-8")


def around_the_clock_toml() -> str:
    """The shipped configuration with every service open day and night, for tests that must
    stand at 03:30 on a daylight-saving night."""
    lines = []
    for line in default_toml().splitlines():
        if line.startswith("hours = "):
            days = ", ".join(
                f'{d} = "00:00-24:00"' for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            )
            line = f"hours = {{ {days} }}"
        elif line.startswith("last_ticket_minutes_before_close"):
            line = "last_ticket_minutes_before_close = 0"
        lines.append(line)
    return "\n".join(lines)


def migrated_context(settings: Settings, data_dir: Path, clock: FixedClock, url: str) -> Context:
    ctx = Context.open(
        settings, data_dir, clock=clock, check_schema=False, url=url, create=True
    )
    upgrade(ctx.engine)
    return ctx


def add_staff(ctx: Context, login: str, *, role: str = "staff", pin: str = STAFF_PIN) -> Actor:
    """A staff account made at the command line; returns who it acts as ("staff:anna")."""
    staff_accounts.add_account(
        ctx, login=login, display_name=login.title(), role=role, pin=pin, by=CLI
    )
    return Actor("staff", login)
