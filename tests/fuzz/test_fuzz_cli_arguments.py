"""Fuzzing every command's arguments: whatever a script or a person types, `kiosk` answers with
its own words and 0, 1 or 2 (argparse's usage error is 2 too), never an unexpected error (70)
and never a traceback.

The commands are found by walking the real parser, so a new command is fuzzed without a
change here. Each example runs one command in-process on one migrated SQLite database that
holds a staff account, a peer worker, numbers and a help request, so commands get as far as
their use cases and not only to "not found". Paths given to the commands point into the test's
own folder. tests/fuzz_settings.py says how many examples."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.cli.main import build_parser, main
from tests.fuzz_settings import examples
from tests.support import STAFF_PIN, around_the_clock_toml

# They open a window and run until it is closed: not for a test that runs commands in-process.
WINDOWED = {"run", "console", "demo"}
# The options every command takes, fixed to the test's own configuration and data.
FIXED = {"--config", "--data-dir", "-h", "--help", "--version"}
WORKER_PIN = "2468"


def _commands(
    parser: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subcommands:
        yield words, parser
        return
    for name, sub in subcommands[0].choices.items():
        if name not in WINDOWED:
            yield from _commands(sub, (*words, name))


COMMANDS = dict(_commands(build_parser()))

# Words that mean something to some command, so that examples reach the use cases...
# fmt: off
MEANINGFUL = [
    "A", "B", "H", "A001", "A002", "B001", "H001", "a001", "A10000", "7", "1", "2", "0", "anna",
    "social_assistance", "desk-1", "2026-11-24", "2026-11", "2026-W48", "2026-W53", "09:00",
    "22:00", "01:00", "24:00", "2026-11-24 09:00", "08:00-12:00", "mon,tue", "staff:anna",
    "worker:7", "kiosk:lounge-1", "cli:root", "fi", "sv", "en", "800x600", "9600",
]
# ...and the ones a fuzzer is for.
ODD = [
    "9999-12-31", "0001-01-01", "10000-01-01", "2026-02-30", "2026-13", "2026-W00", "25:61",
    "9" * 20, "-1", "1e9", "٣", "²", "1_000", "0x10", "nan", "inf", "", " ", "--", "-",
    "\u202eA001", "A\u0301", "Ａ００１", "\x1b[2J", "\r\n", "'; DROP TABLE tickets;--",
    "x" * 10_000, "staff:", "worker:999999999999", "staff:anna\x07", "🙂",
    # Bytes that are not UTF-8 reach Python's argv as lone surrogates ("surrogateescape").
    "\udcff", "Veli\udcc3", "A\udc80001",
]
# fmt: on
unicode_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=40,
)
# Any bytes a shell passes (all but NUL), as Python's argv holds them: what is not UTF-8 comes
# as lone surrogates ("surrogateescape").
argument_bytes = st.binary(max_size=30).map(lambda raw: os.fsdecode(raw.replace(b"\0", b"")))
words = st.sampled_from(MEANINGFUL) | st.sampled_from(ODD) | unicode_text | argument_bytes
# What standard input holds: the PIN a command reads, a wrong one, or anything.
stdin_text = st.sampled_from(["", f"{STAFF_PIN}\n", f"{WORKER_PIN}\n", "0000\n"]) | st.text(
    max_size=30
)


def _is_path(action: argparse.Action) -> bool:
    return action.metavar in {"PATH", "PNG", "DIR", "DEVICE"} or action.dest in {"out", "file"}


@st.composite
def command_lines(draw: st.DrawFn, folder: Path) -> list[str]:
    words_of_command = draw(st.sampled_from(sorted(COMMANDS)))
    parser = COMMANDS[words_of_command]
    argv = list(words_of_command)

    def value(action: argparse.Action) -> str:
        if _is_path(action):
            name = draw(
                st.sampled_from(["out.png", "out.csv", "missing/out.pdf", "", "shifts.csv"])
            )
            return str(folder / name)
        if action.choices and draw(st.booleans()):
            return str(draw(st.sampled_from(list(action.choices))))
        return draw(words)

    for action in parser._actions:
        if set(action.option_strings) & FIXED:
            continue
        if not action.option_strings:
            argv.append(value(action))
        elif action.required or draw(st.booleans()):
            argv.append(action.option_strings[0])
            if action.nargs != 0:
                argv.append(value(action))
    if draw(st.integers(0, 9)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(words))
    return argv


class Terminal:
    """Standard input, output and error as a process started from a UTF-8 terminal has them:
    output strict, errors with anything unprintable escaped (Python's own set-up)."""

    def __init__(self, stdin: str) -> None:
        self.stdin = io.StringIO(stdin)
        self.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
        self.stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")

    def err(self) -> str:
        self.stderr.flush()
        return self.stderr.buffer.getvalue().decode("utf-8")


class Kiosk:
    """`kiosk` in-process on one migrated database, with the test's own configuration."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.config = folder / "kiosk.toml"
        self.config.write_text(around_the_clock_toml(), encoding="utf-8")

    def run(self, argv: list[str], stdin: str = "") -> tuple[int | str | None, str]:
        """The command's return code (argparse's exit code when it stops) and standard error."""
        terminal = Terminal(stdin)
        saved = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = terminal.stdin, terminal.stdout, terminal.stderr
        try:
            code = main(
                ["--config", str(self.config), "--data-dir", str(self.folder / "data"), *argv]
            )
        except SystemExit as stopped:
            code = stopped.code
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
        return code, terminal.err()


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Kiosk:
    """A staff account, a peer worker, numbers and a help request to find. The commands run on
    the real clock: the worker's contract is about today."""
    kiosk = Kiosk(tmp_path_factory.mktemp("fuzz-cli"))
    (kiosk.folder / "shifts.csv").write_text("worker,date,time\n7,2026-11-25,08:00-12:00\n7,x,y\n")
    today = date.today()
    contract = ["--contract-start", str(today), "--contract-end", str(today + timedelta(90))]
    staff = ["staff", "add", "--login", "anna", "--name", "Anna", "--role", "admin"]
    for argv, stdin in [
        (["db", "upgrade"], ""),
        ([*staff, "--pin-stdin"], f"{STAFF_PIN}\n"),
        (
            ["worker", "add", "--number", "7", "--name", "Veli", *contract, "--pin-stdin"],
            f"{WORKER_PIN}\n",
        ),
        (["ticket", "take", "A"], ""),
        (["ticket", "take", "B"], ""),
        (["help", "open", "social_assistance"], ""),
    ]:
        assert kiosk.run(argv, stdin) == (0, "")
    return kiosk


@examples(ci=250)
@given(data=st.data(), stdin=stdin_text)
def test_any_command_line_gets_an_answer_not_a_crash(
    kiosk: Kiosk, data: st.DataObject, stdin: str
) -> None:
    argv = data.draw(command_lines(kiosk.folder), label="argv")
    code, err = kiosk.run(argv, stdin)
    assert "Traceback" not in err, err
    # 0 and 1 answered, 2 refused in words (argparse's usage errors too), never 70.
    assert code in {0, 1, 2}, err
