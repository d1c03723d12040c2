"""`kiosk staff …` and acting as someone (`--by`) at the command line, as an admin types them."""

from __future__ import annotations

import getpass
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli.main import main
from kiosk.core.clock import SystemClock
from kiosk.db.models import AuditEvent
from kiosk.services import staff_auth
from kiosk.services.context import Context
from kiosk.services.staff_auth import AccountLocked
from tests.support import around_the_clock_toml, settings_from

ANNA_PIN = "582046"


@pytest.fixture
def kiosk(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `kiosk ARGS` with `stdin` as standard input; returns (code, out, err)."""
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--config", str(config), "--data-dir", str(tmp_path / "data"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("db", "upgrade")[0] == 0
    return run


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def add(
    kiosk, login: str, role: str, pin: str = ANNA_PIN, *by: str, by_pin: str = ""
) -> tuple[int, str, str]:
    """`kiosk staff add`; with `--by`, that account's PIN (`by_pin`) goes first on stdin."""
    name = login.title()
    args = ("--login", login, "--name", name, "--role", role, "--pin-stdin", *by)
    proof = f"{by_pin}\n" if "--by" in by else ""
    return kiosk("staff", "add", *args, stdin=f"{proof}{pin}\n")


def opened(tmp_path: Path) -> Context:
    settings = settings_from(around_the_clock_toml())
    return Context.open(settings, tmp_path / "data", clock=SystemClock(), device="lounge-1")


def test_the_first_admin_is_made_at_the_command_line_and_manages_the_others(kiosk) -> None:
    added = json.loads(ok(add(kiosk, "Sari.K", "admin", "274915", "--json")))
    assert (added["login"], added["display_name"], added["role"]) == ("sari.k", "Sari.K", "admin")
    assert not {"pin", "pin_hash"} & set(added)
    ok(add(kiosk, "anna", "staff", ANNA_PIN, "--by", "staff:sari.k", by_pin="274915"))
    code, _, err = add(kiosk, "timo", "staff", "730516", "--by", "staff:anna", by_pin=ANNA_PIN)
    assert code == 2
    assert err == (
        "kiosk: only an admin can do this; staff account anna has the role staff. Act as an "
        "admin (--by staff:LOGIN) or leave --by out to act as yourself at the command line\n"
    )
    listed = ok(kiosk("staff", "list"))
    assert [line.split()[:2] for line in listed.splitlines()] == [
        ["anna", "staff"],
        ["sari.k", "admin"],
    ]
    code, _, err = add(kiosk, "timo", "staff", "730516", "--by", "staff:sari.k", by_pin="274916")
    assert (code, err) == (2, "kiosk: that login and PIN do not match; please try again\n")


@pytest.mark.parametrize(
    ("login", "pin", "message"),
    [
        (
            "a",
            ANNA_PIN,
            'a login is 2 to 32 letters a-z, digits, dots, dashes or underscores; got "a"',
        ),
        ("anna k", ANNA_PIN, "a login is 2 to 32"),
        ("anna", "1234", "digits in a row (like 1234) is too easy to guess"),
        ("anna", "12", "a PIN is 4 to 6 digits (0-9)"),
    ],
)
def test_a_bad_login_or_pin_is_refused_and_nothing_is_added(kiosk, login, pin, message) -> None:
    code, out, err = add(kiosk, login, "staff", pin)
    assert code == 2 and out == "" and message in err
    assert ok(kiosk("staff", "list")).strip() == "no staff accounts"


def test_a_login_is_taken_once_and_the_pin_is_never_an_argument(kiosk, capsys) -> None:
    ok(add(kiosk, "anna", "staff"))
    code, _, err = add(kiosk, "ANNA", "admin")
    assert code == 2 and "the login anna is taken; choose another" in err
    with pytest.raises(SystemExit):
        kiosk("staff", "add", "--login", "timo", "--name", "T", "--role", "staff", "730516")
    assert "required: --pin-stdin" in capsys.readouterr().err
    assert "timo" not in ok(kiosk("staff", "list"))


def test_staff_change_their_own_pin_an_admin_anyones(kiosk, tmp_path: Path) -> None:
    ok(add(kiosk, "anna", "staff"))
    ok(add(kiosk, "timo", "staff", "730516"))
    # Anna proves who she is with her PIN, then gives the new one.
    own = f"{ANNA_PIN}\n906217\n"
    ok(kiosk("staff", "set-pin", "anna", "--pin-stdin", "--by", "staff:anna", stdin=own))
    code, _, err = kiosk(
        "staff", "set-pin", "timo", "--pin-stdin", "--by", "staff:anna", stdin="906217\n111222\n"
    )
    assert code == 2 and "only an admin can do this" in err
    ok(kiosk("staff", "set-pin", "timo", "--pin-stdin", stdin="318264\n"))
    ctx = opened(tmp_path)
    try:
        assert staff_auth.authenticate(ctx, "anna", "906217").login == "anna"
        assert staff_auth.authenticate(ctx, "timo", "318264").login == "timo"
    finally:
        ctx.engine.dispose()


def test_a_deactivated_account_can_act_no_more(kiosk) -> None:
    ok(add(kiosk, "anna", "admin"))
    ok(kiosk("ticket", "take", "A"))
    assert "deactivated anna" in ok(kiosk("staff", "deactivate", "anna"))
    code, _, err = kiosk(
        "ticket", "call", "--window", "1", "--by", "staff:anna", stdin=f"{ANNA_PIN}\n"
    )
    assert (code, err) == (
        2,
        "kiosk: this staff account is deactivated; an admin can tell you more\n",
    )
    code, _, err = kiosk("staff", "deactivate", "anna")
    assert code == 2 and "staff account anna is already deactivated" in err
    assert "anna" not in ok(kiosk("staff", "list"))
    assert "(deactivated)" in ok(kiosk("staff", "list", "--all"))


def test_an_admin_unlocks_an_account_locked_by_wrong_pins(kiosk, tmp_path: Path) -> None:
    ok(add(kiosk, "anna", "staff"))
    ctx = opened(tmp_path)
    try:
        for _ in range(4):
            with pytest.raises(staff_auth.WrongLogin):
                staff_auth.authenticate(ctx, "anna", "111000")
        with pytest.raises(AccountLocked):
            staff_auth.authenticate(ctx, "anna", "111000")
        assert "locked until" in ok(kiosk("staff", "list"))
        assert ok(kiosk("staff", "unlock", "Anna")).startswith("unlocked anna (it was locked until")
        assert staff_auth.authenticate(ctx, "anna", ANNA_PIN).login == "anna"
    finally:
        ctx.engine.dispose()
    code, _, err = kiosk("staff", "unlock", "anna")
    assert code == 2 and "staff account anna is not locked" in err
    code, _, err = kiosk("staff", "unlock", "olli")
    assert code == 2 and "there is no staff account olli; see `kiosk staff list --all`" in err


def test_without_by_the_command_line_acts_as_the_os_user(kiosk, tmp_path: Path) -> None:
    ok(kiosk("ticket", "take", "A"))
    ok(kiosk("ticket", "call", "--window", "1"))
    ctx = opened(tmp_path)
    try:
        with ctx.reading() as session:
            actor = session.scalar(
                select(AuditEvent.actor).where(AuditEvent.action == "ticket.call")
            )
    finally:
        ctx.engine.dispose()
    assert actor == f"cli:{getpass.getuser()}"


def test_help_desks_calls_and_assignment(kiosk) -> None:
    places = json.loads(ok(kiosk("help", "places", "--json")))
    assert [(p["id"], p["names"]["en"], p["peer_workers"]) for p in places] == [
        ("lift", "Lift computer", True),
        ("social", "Social worker's room", False),
    ]
    ok(kiosk("help", "open", "housing_allowance"))
    called = json.loads(ok(kiosk("help", "call", "H001", "--place", "social", "--json")))
    assert (called["place"], called["call_count"], called["status"]) == ("social", 1, "open")
    assert "called to social" in ok(kiosk("help", "list"))
    code, _, err = kiosk("help", "call", "H001", "--place", "sauna")
    assert code == 2 and 'there is no help desk "sauna"; choose one of lift, social' in err
    assert err.endswith("(`kiosk help places`)\n")
    code, _, err = kiosk("help", "assign", "H001", "--worker", "12")
    assert code == 2 and "there is no active peer worker 12" in err


@pytest.mark.parametrize("action", ["deactivate", "unlock", "set-pin"])
@pytest.mark.parametrize(("typed", "shown"), [("\udc80", "\\udc80"), ("\x1b[2J", "\\x1b[2j")])
def test_a_login_that_cannot_be_one_is_no_account_and_shown_escaped(
    kiosk, action: str, typed: str, shown: str
) -> None:
    # Found by tests/fuzz: bytes that are not UTF-8 (here 0x80) crashed the lookup, and an
    # escape sequence went to the terminal in the answer.
    pin = ["--pin-stdin"] if action == "set-pin" else []
    code, _, err = kiosk("staff", action, typed, *pin, stdin="582046\n")
    assert (code, err) == (
        2,
        f"kiosk: there is no staff account {shown}; see `kiosk staff list --all`\n",
    )
