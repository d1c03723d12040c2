"""Fuzzing the badge scanner's input: whatever a keyboard-wedge scanner types before Enter (a
worker's badge read right or wrong, another QR code, a keyboard layout's substitutes, noise),
the kiosk lets in exactly the worker whose badge it is and refuses anything else with a
KioskError. Runs on a real SQLite file and on the real PostgreSQL server.
tests/fuzz_settings.py says how many examples."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.badges import TOKEN_LENGTH, normalise_badge_token
from kiosk.errors import KioskError
from kiosk.services import worker_auth, workers
from kiosk.services.context import Context
from tests.fuzz_settings import examples
from tests.support import add_staff

WORKER = 12


@pytest.fixture
def kiosk_and_badge(ctx: Context) -> tuple[Context, str]:
    """A kiosk's context, and the token on worker 12's badge."""
    anna = add_staff(ctx, "anna")
    workers.add_worker(
        ctx,
        number=WORKER,
        display_name="Matti",
        pin="583917",
        contract_start=date(2026, 11, 1),
        contract_end=date(2027, 4, 30),
        by=anna,
    )
    _, token = workers.issue_badge(ctx, WORKER, by=anna)
    # Every wrong scan counts towards pausing the kiosk; here each example is judged alone.
    peer = ctx.settings.peer_work.model_copy(update={"kiosk_max_failures": 1_000_000})
    settings = ctx.settings.model_copy(update={"peer_work": peer})
    return dataclasses.replace(ctx, settings=settings, device="lounge-1"), token


@st.composite
def scans(draw: st.DrawFn, token: str) -> str:
    """What the scanner types: the badge as printed, or changed, or something else."""
    kind = draw(st.sampled_from(["badge", "changed", "other"]))
    if kind == "other":
        return draw(
            st.text(
                st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=TOKEN_LENGTH * 2
            )
            | st.from_regex(rf"[A-Za-z2-7]{{{TOKEN_LENGTH}}}", fullmatch=True)
            | st.sampled_from(
                ["\x00" * TOKEN_LENGTH, "https://example.org/?q=1", "Ä" * TOKEN_LENGTH]
            )
        )
    scanned = "".join(c.lower() if draw(st.booleans()) else c for c in token)  # Caps Lock
    if kind == "changed":
        at = draw(st.integers(0, TOKEN_LENGTH - 1))
        scanned = scanned[:at] + draw(st.sampled_from("ÖÄå;:_'\x00 1A7")) + scanned[at + 1 :]
    return draw(st.sampled_from(["", " ", "\t"])) + scanned + draw(st.sampled_from(["", " ", "\r"]))


@examples(ci=60)
@given(data=st.data())
def test_a_scan_lets_in_only_the_badges_worker_and_refuses_anything_else_in_words(
    kiosk_and_badge: tuple[Context, str], data: st.DataObject
) -> None:
    kiosk, token = kiosk_and_badge
    scanned = data.draw(scans(token), label="scanned")
    try:
        worker_pass = worker_auth.authenticate_badge(kiosk, scanned)
    except KioskError as refused:
        assert normalise_badge_token(scanned) != token
        assert refused.code == "pin.badge_unknown"
    else:
        assert normalise_badge_token(scanned) == token
        assert (worker_pass.number, worker_pass.method) == (WORKER, "badge")
