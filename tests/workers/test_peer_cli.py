"""The peer-work commands through `kiosk.cli.main.main`, as staff type them."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.cli.main import main
from kiosk.core import clock as clock_module
from kiosk.core.clock import FixedClock
from tests.support import STAFF_PIN, default_toml
from tests.workers.conftest import OTHER_PIN, PIN

pytestmark = pytest.mark.usefixtures("cheap_pins")
# Anna's PIN, the first line of the input when a command acts as her (--by staff:anna).
ANNA = f"{STAFF_PIN}\n"
HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    """The commands' system clock, held still: Tuesday 24.11.2026 09:00 in Helsinki."""
    fixed = FixedClock(helsinki(24, 9))
    monkeypatch.setattr(clock_module.SystemClock, "now", lambda _self: fixed.now())
    return fixed


@pytest.fixture
def kiosk(tmp_path: Path, now: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch):
    """Run `kiosk ARGS` with `stdin` as standard input; returns (code, out, err). Staff member
    Anna has an account, made at the command line."""
    config = tmp_path / "kiosk.toml"
    config.write_text(default_toml(), encoding="utf-8")

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--config", str(config), "--data-dir", str(tmp_path / "data"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("db", "upgrade")[0] == 0
    staff = ("staff", "add", "--login", "anna", "--name", "Anna", "--role", "staff", "--pin-stdin")
    assert run(*staff, stdin=f"{STAFF_PIN}\n")[0] == 0
    return run


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def add(kiosk, number: str = "12", name: str = "Matti Meikäläinen", pin: str = PIN) -> None:
    ok(
        kiosk(
            "worker",
            "add",
            "--number",
            number,
            "--name",
            name,
            "--contract-start",
            "2026-11-01",
            "--contract-end",
            "2027-04-30",
            "--pin-stdin",
            "--by",
            "staff:anna",
            stdin=f"{STAFF_PIN}\n{pin}\n",
        )
    )


def test_pin_is_never_an_argument(kiosk, capsys) -> None:
    for args in (
        [
            "worker",
            "add",
            "--number",
            "12",
            "--name",
            "M",
            "--contract-start",
            "2026-11-01",
            "--contract-end",
            "2027-04-30",
            "--pin",
            PIN,
        ],
        ["worker", "sign-in", "12", PIN],
    ):
        with pytest.raises(SystemExit) as raised:
            kiosk(*args)
        assert raised.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err
    code, _, err = kiosk(
        "worker",
        "add",
        "--number",
        "12",
        "--name",
        "M",
        "--contract-start",
        "2026-11-01",
        "--contract-end",
        "2027-04-30",
        "--pin-stdin",
    )
    assert code == 2 and "no PIN on standard input" in err


def test_worker_add_list_and_refusals(kiosk) -> None:
    add(kiosk)
    [listed] = json.loads(ok(kiosk("worker", "list", "--json")))
    assert listed == {
        "number": 12,
        "display_name": "Matti Meikäläinen",
        "contract_start": "2026-11-01",
        "contract_end": "2027-04-30",
        "active": True,
        "has_badge": False,
        "locked_until": None,
        "signed_in_since": None,
    }
    code, _, err = kiosk(
        "worker",
        "add",
        "--number",
        "13",
        "--name",
        "X",
        "--contract-start",
        "2026-11-01",
        "--contract-end",
        "2026-12-01",
        "--pin-stdin",
        stdin="1234\n",
    )
    assert code == 2 and "digits in a row" in err
    code, _, err = kiosk(
        "worker",
        "add",
        "--number",
        "13",
        "--name",
        "X",
        "--contract-start",
        "2026-11-01",
        "--contract-end",
        "2027-06-01",
        "--pin-stdin",
        stdin=f"{OTHER_PIN}\n",
    )
    assert code == 2 and "at most 6 months" in err


def test_a_shift_day_signed_in_and_out(kiosk, now: FixedClock) -> None:
    add(kiosk)
    planned = json.loads(
        ok(
            kiosk(
                "shift",
                "add",
                "--worker",
                "12",
                "--month",
                "2026-11",
                "--weekdays",
                "tue,thu",
                "--time",
                "9.00-12.30",
                "--json",
            )
        )
    )
    assert [s["day"] for s in planned["shifts"]] == ["2026-11-24", "2026-11-26"]
    greeting = json.loads(
        ok(
            kiosk(
                "worker",
                "sign-in",
                "12",
                "--pin-stdin",
                "--task",
                "cleaning",
                "--json",
                stdin=f"{PIN}\n",
            )
        )
    )
    assert (greeting["task"], greeting["today_shifts"][0]["day"]) == ("cleaning", "2026-11-24")
    now.advance(hours=3, minutes=30)
    out = ok(kiosk("worker", "sign-out", "12", "--pin-stdin", stdin=f"{PIN}\n"))
    assert "today: 3:30 h, 7.00 €" in out
    assert "pay period 2026-11 so far: 1 days, 3:30 h, 7.00 €" in out
    listed = ok(kiosk("session", "list", "--period", "2026-11"))
    assert "24.11.2026 09:00–12:30  cleaning" in listed and "pin/pin" not in listed


def test_wrong_pins_lock_and_staff_unlock(kiosk) -> None:
    add(kiosk)
    errors = [
        kiosk("worker", "sign-in", "12", "--pin-stdin", stdin=f"{OTHER_PIN}\n")[2] for _ in range(5)
    ]
    assert errors[0].strip() == "kiosk: that number and PIN do not match; please try again"
    assert "locked for a while" in errors[4]
    assert "locked until 09:15" in ok(kiosk("worker", "list"))
    assert "is open again (it was locked until 09:15)" in ok(
        kiosk("worker", "unlock", "12", "--by", "staff:anna", stdin=ANNA)
    )
    ok(kiosk("worker", "sign-in", "12", "--pin-stdin", stdin=f"{PIN}\n"))


def test_forgotten_sign_out_review_and_correction(kiosk, now: FixedClock) -> None:
    add(kiosk)
    ok(kiosk("worker", "sign-in", "12", "--pin-stdin", stdin=f"{PIN}\n"))
    now.set(helsinki(24, 16, 5))
    [closed] = json.loads(ok(kiosk("worker", "close-forgotten", "--json")))
    assert (closed["ended_at"], closed["review_reason"]) == (
        helsinki(24, 15).isoformat(),
        "max_length",
    )
    assert "REVIEW (max length)" in ok(kiosk("session", "list", "--review"))
    corrected = json.loads(
        ok(
            kiosk(
                "session",
                "correct",
                str(closed["id"]),
                "--start",
                "09:00",
                "--end",
                "12:15",
                "--reason",
                "left at noon",
                "--json",
            )
        )
    )
    assert (corrected["ended_at"], corrected["needs_review"]) == (
        helsinki(24, 12, 15).isoformat(),
        False,
    )
    added = ok(
        kiosk(
            "session",
            "add",
            "--worker",
            "12",
            "--date",
            "2026-11-23",
            "--start",
            "22:00",
            "--end",
            "01:30",
            "--reason",
            "evening event",
        )
    )
    assert "23.11.2026 22:00–01:30" in added
    assert ok(kiosk("session", "list", "--review")).strip() == "no sessions"


def test_allowance_report_csv_pdf_mark_paid_and_admin_reopen(
    kiosk, now: FixedClock, tmp_path: Path
) -> None:
    add(kiosk)
    add(kiosk, "7", "Liisa Virtanen", OTHER_PIN)
    ok(
        kiosk(
            "session",
            "add",
            "--worker",
            "12",
            "--date",
            "2026-11-20",
            "--start",
            "09:00",
            "--end",
            "12:30",
            "--reason",
            "paper list",
        )
    )
    ok(
        kiosk(
            "session",
            "add",
            "--worker",
            "7",
            "--start",
            "2026-11-21 08:00",
            "--end",
            "2026-11-21 16:00",
            "--reason",
            "paper list",
        )
    )
    csv_out = ok(kiosk("report", "allowance", "--period", "2026-11", "--format", "csv"))
    assert csv_out.splitlines()[1:] == [
        "7;Liisa Virtanen;1;8:00;480;12,00",
        "12;Matti Meikäläinen;1;3:30;210;7,00",
        ";TOTAL;2;11:30;690;19,00",
    ]
    pdf = tmp_path / "cash.pdf"
    written = json.loads(
        ok(
            kiosk(
                "report",
                "allowance",
                "--period",
                "2026-11",
                "--format",
                "pdf",
                "--out",
                str(pdf),
                "--language",
                "en",
                "--json",
            )
        )
    )
    assert written["file"] == str(pdf) and pdf.read_bytes().startswith(b"%PDF")
    assert written["total_amount"] == "19.00"
    default_pdf = ok(kiosk("report", "allowance", "--period", "2026-11", "--format", "pdf"))
    assert (tmp_path / "data" / "reports" / "allowance-2026-11.pdf").exists()
    assert "written to" in default_pdf
    code, _, err = kiosk("report", "mark-paid", "--period", "2026-11")
    assert code == 2 and "runs until 30.11.2026" in err
    now.set(helsinki(1, 9, month=12))
    assert "marked paid" in ok(kiosk("report", "mark-paid", "--period", "2026-11"))
    code, _, err = kiosk(
        "session", "correct", "1", "--start", "09:00", "--end", "13:00", "--reason", "typo"
    )
    assert code == 2 and "2026-11 is marked paid" in err
    assert err.endswith("re-open it first (`kiosk report reopen --period 2026-11`)\n")
    code, _, err = kiosk(
        "report",
        "reopen",
        "--period",
        "2026-11",
        "--reason",
        "typo",
        "--by",
        "staff:anna",
        stdin=ANNA,
    )
    assert code == 2 and "only an admin can do this; staff account anna has the role staff" in err
    # At the command line itself: the installation's administrator.
    ok(kiosk("report", "reopen", "--period", "2026-11", "--reason", "typo"))
    corrected = ok(
        kiosk("session", "correct", "1", "--start", "09:00", "--end", "13:00", "--reason", "typo")
    )
    assert corrected.startswith("#1") and "20.11.2026 09:00–13:00" in corrected
    assert "12.00 €" in ok(kiosk("report", "allowance", "--period", "2026-11"))


def test_absence_badge_warnings_and_missed_shifts(kiosk, now: FixedClock, tmp_path: Path) -> None:
    add(kiosk)
    ok(
        kiosk(
            "shift",
            "add",
            "--worker",
            "12",
            "--date",
            "2026-11-25",
            "--date",
            "2026-11-26",
            "--date",
            "2026-11-27",
            "--date",
            "2026-11-28",
            "--time",
            "09:00-12:00",
        )
    )
    assert "4 days in 2026-W48 (at most 3)" in ok(kiosk("worker", "warnings"))
    reported = ok(
        kiosk(
            "absence",
            "report",
            "--worker",
            "12",
            "--date",
            "2026-11-25",
            "--reason",
            "illness",
            "--by",
            "staff:anna",
            stdin=ANNA,
        )
    )
    assert "reported 24.11.2026 09:00 (24 h before) by staff:anna, illness" in reported
    assert ok(kiosk("worker", "warnings")).strip() == "no warnings"
    now.set(helsinki(27, 13))
    missed = ok(kiosk("shift", "missed"))
    assert "Thu 26.11.2026 09:00–12:00" in missed and "25.11" not in missed
    png = tmp_path / "badge.png"
    out = json.loads(ok(kiosk("worker", "badge", "12", "--out", str(png), "--json")))
    assert out["has_badge"] and png.read_bytes().startswith(b"\x89PNG")
    assert "no longer works" in ok(kiosk("worker", "badge", "12", "--revoke"))


def test_shift_plan_imported_from_a_spreadsheet(kiosk, tmp_path: Path) -> None:
    add(kiosk)
    add(kiosk, "7", "Liisa Virtanen", OTHER_PIN)
    plan = tmp_path / "december.csv"
    plan.write_text(
        "\ufeffdate;worker;start;end\n2026-12-01;12;09:00;12:30\n2026-12-01;7;12:00;15:00\n\n"
        "2026-12-03;12;9.00;12.30\n",
        encoding="utf-8",
    )
    added = json.loads(ok(kiosk("shift", "import", str(plan), "--json")))
    assert [(s["number"], s["day"]) for s in added["shifts"]] == [
        (12, "2026-12-01"),
        (7, "2026-12-01"),
        (12, "2026-12-03"),
    ]
    listed = ok(kiosk("shift", "list", "--month", "2026-12"))
    assert len(listed.splitlines()) == 3
    plan.write_text("date,worker,start,end\n2026-12-08,12,09:00\n", encoding="utf-8")
    code, _, err = kiosk("shift", "import", str(plan))
    assert code == 2 and "line 2: expected date, worker, start, end" in err


def test_absence_withdrawn_by_its_id_and_sessions_kept_inside_the_contract(kiosk) -> None:
    add(kiosk)
    ok(kiosk("shift", "add", "--worker", "12", "--date", "2026-11-26", "--time", "09:00-12:00"))
    ok(
        kiosk(
            "absence",
            "report",
            "--worker",
            "12",
            "--date",
            "2026-11-26",
            "--by",
            "staff:anna",
            stdin=ANNA,
        )
    )
    [shift] = json.loads(ok(kiosk("shift", "list", "--json")))
    assert ok(kiosk("absence", "list")).startswith(f"#{shift['id']:<5}   12 Matti")
    code, out, err = kiosk("absence", "withdraw", "999", "--by", "staff:anna", stdin=ANNA)
    assert (code, out) == (2, "")
    assert err == (
        "kiosk: there is no absence for shift 999; see `kiosk absence list` for the IDs\n"
    )
    withdrawn = ok(kiosk("absence", "withdraw", str(shift["id"]), "--by", "staff:anna", stdin=ANNA))
    assert withdrawn.startswith(f"withdrawn: #{shift['id']}")
    assert ok(kiosk("absence", "list")).strip() == "no absences reported"
    code, _out, err = kiosk(
        "session",
        "add",
        "--worker",
        "12",
        "--date",
        "2026-10-30",
        "--start",
        "09:00",
        "--end",
        "12:00",
        "--reason",
        "forgot to sign in",
    )
    assert code == 2 and err.count("\n") == 1
    assert "30.10.2026 is outside worker 12's contract (01.11.2026–30.04.2027)" in err
    assert ok(kiosk("session", "list")).strip() == "no sessions"


def _badge_digest(tmp_path: Path, number: int) -> str | None:
    with sqlite3.connect(tmp_path / "data" / "kiosk.sqlite3") as db:
        return db.execute(
            "SELECT badge_digest FROM workers WHERE number = ?", (number,)
        ).fetchone()[0]


def test_a_badge_that_cannot_be_drawn_leaves_the_old_one_working(kiosk, tmp_path: Path) -> None:
    add(kiosk)
    ok(kiosk("worker", "badge", "12", "--out", str(tmp_path / "first.png")))
    old = _badge_digest(tmp_path, 12)
    nowhere = tmp_path / "no such folder" / "badge.png"
    code, out, err = kiosk("worker", "badge", "12", "--out", str(nowhere))
    assert (code, out) == (2, "")
    assert f"cannot write {nowhere}" in err and "the old badge still works" in err
    assert _badge_digest(tmp_path, 12) == old is not None
    drawn = tmp_path / "second.png"
    ok(kiosk("worker", "badge", "12", "--out", str(drawn)))
    assert drawn.read_bytes().startswith(b"\x89PNG") and _badge_digest(tmp_path, 12) != old
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
