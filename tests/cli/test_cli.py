"""The command line: JSON output, one-line errors, and the schema gate."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kiosk.cli.main import main
from tests.support import around_the_clock_toml


@pytest.fixture
def kiosk(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `kiosk ARGS` in-process with an always-open configuration and `stdin` as standard
    input; returns (code, out, err)."""
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--config", str(config), "--data-dir", str(tmp_path / "data"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_take_call_and_list_in_json(kiosk) -> None:
    assert kiosk("db", "upgrade")[0] == 0
    code, out, _ = kiosk("ticket", "take", "A", "--json")
    ticket = json.loads(out)
    assert code == 0
    assert {k: ticket[k] for k in ("code", "service", "number", "status", "ahead")} == {
        "code": "A001",
        "service": "A",
        "number": 1,
        "status": "waiting",
        "ahead": 0,
    }
    assert isinstance(ticket["estimated_wait_min"], int)
    second = json.loads(kiosk("--json", "ticket", "take", "A")[1])
    assert (second["code"], second["ahead"], second["estimated_wait_min"]) == ("A002", 1, 3)
    called = json.loads(kiosk("ticket", "call", "--window", "1", "--json")[1])
    assert (called["code"], called["status"], called["window"]) == ("A001", "called", 1)
    listing = json.loads(kiosk("ticket", "list", "--json")[1])
    assert [t["code"] for t in listing] == ["A001", "A002"]
    assert json.loads(kiosk("ticket", "serve", "A001", "--json")[1])["status"] == "served"


def test_a_rapid_series_from_one_kiosk_needs_another_to_go_on(kiosk) -> None:
    kiosk("db", "upgrade")
    codes = [
        json.loads(kiosk("ticket", "take", "B", "--kiosk", "k1", "--json")[1])["code"]
        for _ in range(5)
    ]
    assert codes == ["B001", "B002", "B003", "B004", "B005"]
    code, out, err = kiosk("ticket", "take", "B", "--kiosk", "k1")
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [
        "kiosk: kiosk k1 gave 5 numbers for B in the last 30 seconds, so no number was taken; "
        "if the client needs another, run the command again with --another"
    ]
    assert kiosk("ticket", "take", "B", "--kiosk", "k1", "--another")[1].startswith("B006")
    # Without --kiosk the command is not a kiosk screen and is never asked.
    assert kiosk("ticket", "take", "B")[1].startswith("B007")


def test_help_commands_in_json(kiosk) -> None:
    kiosk("db", "upgrade")
    topics = json.loads(kiosk("help", "topics", "--json")[1])
    assert topics[0]["id"] == "social_assistance"
    assert topics[0]["names"]["sv"] == "Utkomststöd"
    request = json.loads(kiosk("help", "open", topics[0]["id"], "--has-documents", "--json")[1])
    assert {k: request[k] for k in ("code", "number", "topic", "status", "position")} == {
        "code": "H001",
        "number": 1,
        "topic": "social_assistance",
        "status": "open",
        "position": 1,
    }
    assert len(request["resume_code"]) == 6
    # Naming someone with --by needs their PIN first: an unknown worker or account is told
    # apart from a wrong PIN no better than at the kiosk.
    code, _, err = kiosk("help", "claim", "H001", "--by", "worker:3", stdin="582046\n")
    assert code == 2 and "that number and PIN do not match" in err
    # (A signed-in worker's claim is tested in tests/integration/test_help_requests.py.)
    code, _, err = kiosk("help", "claim", "H001", "--by", "anna", stdin="582046\n")
    assert code == 2 and "that login and PIN do not match" in err
    staff = ("staff", "add", "--login", "anna", "--name", "Anna", "--role", "staff", "--pin-stdin")
    assert kiosk(*staff, stdin="582046\n")[0] == 0
    code, _, err = kiosk("help", "claim", "H001", "--by", "anna")
    assert code == 2 and "no PIN of staff:anna on standard input" in err
    code, _, err = kiosk("help", "claim", "H001", "--by", "anna", stdin="582047\n")
    assert code == 2 and "that login and PIN do not match" in err
    claimed = json.loads(
        kiosk("help", "claim", "H001", "--by", "anna", "--json", stdin="582046\n")[1]
    )
    assert claimed["status"] == "in_progress" and claimed["claimed_by"] == "staff:anna"
    assert json.loads(kiosk("help", "wait-docs", "H001", "--json")[1])["status"] == "waiting_docs"
    assert json.loads(kiosk("help", "list", "--json")[1])[0]["status"] == "waiting_docs"
    assert (
        json.loads(kiosk("help", "done", request["resume_code"], "--json")[1])["status"] == "done"
    )
    kiosk("help", "open", "computer_help")
    assert json.loads(kiosk("help", "cancel", "H002", "--json")[1])["status"] == "cancelled"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ticket", "take", "Q"], 'there is no service "Q"; choose one of A, B'),
        (["ticket", "serve", "A005"], "no ticket A005 today; see today's queue with `kiosk"),
        (["ticket", "recall", "17"], '"17" is not a queue number; write it like A017'),
        (["help", "open", "pizza"], 'there is no help topic "pizza"'),
        (["help", "cancel", "H009"], "no help request H009"),
        (["help", "claim", "H001", "--by", "kiosk:lounge-1"], "--by names a staff account"),
        (["help", "claim", "H001", "--by", "nobody at all"], "is not a valid actor"),
    ],
)
def test_errors_are_one_line_on_stderr_with_non_zero_exit(kiosk, args, message) -> None:
    kiosk("db", "upgrade")
    code, out, err = kiosk(*args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err


def test_a_refusal_names_the_command_to_run_next(kiosk) -> None:
    """The use cases' sentences name no command (a staff console shows them too); the command
    line adds its own."""
    kiosk("db", "upgrade")
    kiosk("ticket", "take", "A")
    kiosk("ticket", "take", "A")
    kiosk("ticket", "cancel", "A002")
    kiosk("help", "open", "computer_help")
    said = {
        args: kiosk(*args)[2]
        for args in (
            ("ticket", "recall", "A001"),
            ("ticket", "serve", "A002"),
            ("ticket", "serve", "A003"),
            ("help", "claim", "H001", "--by", "worker:3"),
            ("help", "claim", "H001", "--by", "staff:"),
            ("help", "claim", "H001", "--by", "staff:ro\x1bot"),
        )
    }
    assert list(said.values()) == [
        "kiosk: ticket A001 has not been called, so it cannot be recalled; "
        "call it with `kiosk ticket call --window N`\n",
        "kiosk: ticket A002 is cancelled and cannot become served; "
        "check the code or list the queue with `kiosk ticket list`\n",
        "kiosk: no ticket A003 today; see today's queue with `kiosk ticket list`\n",
        "kiosk: no PIN of worker:3 on standard input; e.g. `printf '%s\\n' \"$PIN\" | kiosk ...`\n",
        'kiosk: "staff:" is not a valid actor; write staff:NAME or worker:NUMBER, '
        "e.g. --by staff:anna\n",
        # A control character is shown, not sent to the terminal.
        'kiosk: "staff:ro\\x1bot" is not a valid actor; write staff:NAME or worker:NUMBER, '
        "e.g. --by staff:anna\n",
    ]


def test_commands_refuse_a_database_that_is_not_set_up(kiosk, tmp_path: Path) -> None:
    database = tmp_path / "data" / "kiosk.sqlite3"
    code, _, err = kiosk("ticket", "list")
    assert code == 2
    assert f"there is no database at {database}; run `kiosk db upgrade` first" in err
    # Only `kiosk db upgrade` makes one: an empty file here would hide a data directory that
    # was moved or removed.
    assert not database.exists()
    database.parent.mkdir()
    database.touch()
    code, _, err = kiosk("ticket", "list")
    assert code == 2 and "is not set up; run `kiosk db upgrade` first" in err


def test_commands_refuse_a_database_newer_than_the_code(kiosk, tmp_path: Path) -> None:
    kiosk("db", "upgrade")
    engine = create_engine(f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    for args in (["ticket", "list"], ["db", "upgrade"]):
        code, _, err = kiosk(*args)
        assert code == 2
        assert "newer than this program knows; install the newer kiosk software" in err


def test_a_damaged_database_file_is_explained_not_overwritten(kiosk, tmp_path: Path) -> None:
    damaged = tmp_path / "data" / "kiosk.sqlite3"
    damaged.parent.mkdir()
    garbage = bytes(range(256)) * 20
    damaged.write_bytes(garbage)
    for args in (["ticket", "list"], ["db", "upgrade"]):
        code, _, err = kiosk(*args)
        assert code == 2
        assert "cannot open the database (file is not a database)" in err
        assert "move it aside and restore the latest backup" in err
    assert damaged.read_bytes() == garbage


def test_unwritable_data_directory_is_explained(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code = main(["--data-dir", str(blocker / "sub"), "db", "upgrade"])
    assert code == 2
    assert "cannot create the data directory" in capsys.readouterr().err


def test_core_and_cli_never_import_kivy() -> None:
    script = (
        "import importlib, pkgutil, sys, kiosk\n"
        "skip = ('kiosk.ui', 'kiosk.screens', 'kiosk.__main__', 'kiosk.db.alembic')\n"
        "for m in pkgutil.walk_packages(kiosk.__path__, 'kiosk.'):\n"
        "    if not m.name.startswith(skip):\n"
        "        importlib.import_module(m.name)\n"
        "import kiosk.cli.main\n"
        "kiosk.cli.main.build_parser()\n"
        "loaded = sorted(n for n in sys.modules if n == 'kivy' or n.startswith('kivy.'))\n"
        "print(len([n for n in sys.modules if n.startswith('kiosk.')]), loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) > 20  # the walk really imported the package
    assert loaded.strip() == "[]"


def test_database_url_variable_selects_the_database(kiosk, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere" / "clinic.sqlite3"
    elsewhere.parent.mkdir()
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{elsewhere}")
    kiosk("db", "upgrade")
    assert json.loads(kiosk("ticket", "take", "A", "--json")[1])["code"] == "A001"
    assert elsewhere.exists()
    assert not (tmp_path / "data" / "kiosk.sqlite3").exists()


def test_commands_refuse_an_older_schema_until_upgraded(kiosk, tmp_path: Path) -> None:
    from alembic import command

    from kiosk.db.engine import make_engine
    from kiosk.db.migrations import _config, head_revision

    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}", create=True)
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    code, _, err = kiosk("ticket", "list")
    assert code == 2
    assert "older than this program; run `kiosk db upgrade` to migrate it" in err
    assert json.loads(kiosk("db", "upgrade", "--json")[1]) == {
        "before": "0001",
        "after": head_revision(),
    }
    assert kiosk("ticket", "list")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ticket", "serve", "A99999999999999999999"], "is not a queue number"),
        (["ticket", "serve", "A²"], "is not a queue number"),
        (["help", "show", "H99999999999999999999"], "no help request"),
    ],
)
def test_odd_codes_get_a_message_not_a_crash(kiosk, args, message) -> None:
    kiosk("db", "upgrade")
    code, _, err = kiosk(*args)
    assert code == 2 and message in err


@pytest.mark.parametrize(
    "args",
    [
        ["ticket", "call", "--window", "99999999999999999999"],
        ["shift", "remove", "99999999999999999999"],
        ["worker", "unlock", "²"],
    ],
)
def test_numbers_out_of_range_are_refused_by_the_parser(kiosk, args, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        kiosk(*args)
    assert stopped.value.code == 2
    assert "is not a number from 1 to 999999999" in capsys.readouterr().err


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_at_the_calendars_end_is_refused_in_words(
    kiosk, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    # A night's session past 9999-12-31 or a time zone before year 1 once crashed.
    kiosk("db", "upgrade")
    with pytest.raises(SystemExit) as stopped:
        kiosk(
            "session",
            "add",
            "--worker",
            "7",
            "--date",
            day,
            "--start",
            "22:00",
            "--end",
            "01:00",
            "--reason",
            "typo",
        )
    assert stopped.value.code == 2
    assert f'"{day}" is not a date between 2000 and 2099' in capsys.readouterr().err
    code, _, err = kiosk(
        "session",
        "add",
        "--worker",
        "7",
        "--start",
        f"{day} 23:00",
        "--end",
        f"{day} 23:30",
        "--reason",
        "typo",
    )
    assert code == 2 and f'"{day} 23:00" is not a date between 2000 and 2099' in err


def test_a_crash_whose_log_cannot_be_written_shows_no_traceback(
    kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk("db", "upgrade")
    (tmp_path / "data" / "logs").write_text("a file where the log folder should be")

    def broken(*_args: object, **_kwargs: object) -> None:
        # Stands in for a bug: nothing on this machine makes listing tickets fail on purpose.
        raise RuntimeError("Salainen Nimi")

    monkeypatch.setattr("kiosk.services.tickets.waiting_line", broken)
    code, out, err = kiosk("ticket", "list")
    assert (code, out) == (70, "")
    assert err.strip().splitlines() == [
        "kiosk: unexpected error; nothing more was done. The details (RuntimeError) could not "
        f"be written to {tmp_path / 'data' / 'logs' / 'cli-errors.log'}: File exists; check "
        "that the data directory is writable"
    ]


def test_a_command_loads_only_its_own_group(tmp_path: Path) -> None:
    # `kiosk ticket take` in a script must not pay for the payout list's PDF library or the
    # charts; and python-escpos keeps its printer database in a cache that stays.
    probe = (
        "import sys\n"
        "from kiosk.cli.main import build_parser\n"
        "build_parser(['--data-dir', 'x', 'ticket', 'list'])\n"
        "import os, kiosk.devices\n"
        "print(sorted(m for m in ('kiosk.cli.report_commands', 'fpdf', 'matplotlib')"
        " if m in sys.modules), os.environ['ESCPOS_CAPABILITIES_PICKLE_DIR'])\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.split() == ["[]", str(tmp_path / "cache" / "aula-kiosk" / "escpos")]


@pytest.mark.parametrize(
    ("command", "typed", "shown"),
    [
        (["ticket", "take", "A"], "k\udcff", "k\\udcff"),  # bytes that are not UTF-8
        (["help", "open", "social_assistance"], "k\x1b[2J", "k\\x1b[2J"),
        (["ticket", "take", "A"], "lounge-1-of-the-second-floor", "lounge-1-of-the-second-floor"),
    ],
)
def test_a_kiosk_id_the_configuration_could_not_hold_is_refused(
    kiosk, capsys: pytest.CaptureFixture[str], command: list[str], typed: str, shown: str
) -> None:
    # Found by tests/fuzz: such an id crashed the save (70) or was stored into the audit log.
    kiosk("db", "upgrade")
    with pytest.raises(SystemExit) as stopped:
        kiosk(*command, "--kiosk", typed)
    assert stopped.value.code == 2
    assert f'"{shown}" is not a kiosk id' in capsys.readouterr().err
