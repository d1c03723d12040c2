"""`kiosk printer ...`, and slips printed by `ticket take` and `help open`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.cli import slip_printing
from kiosk.cli.main import main
from kiosk.db import engine
from kiosk.devices.print_worker import PrintOutcome
from kiosk.devices.printer_model import PrinterSetupError
from kiosk.devices.virtual import decode_for
from kiosk.settings.loader import load_settings
from tests.support import around_the_clock_toml


def configured(tmp_path: Path, transport_lines: str) -> Path:
    text = around_the_clock_toml().replace('transport = "virtual"', transport_lines, 1)
    config = tmp_path / "kiosk.toml"
    config.write_text(text, encoding="utf-8")
    return config


def run(capsys, config: Path, data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--config", str(config), "--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_ticket_take_prints_on_the_virtual_printer(tmp_path: Path, capsys) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    data = tmp_path / "data"
    run(capsys, config, data, "db", "upgrade")
    code, out, _ = run(capsys, config, data, "ticket", "take", "A", "--json")
    ticket = json.loads(out)
    assert code == 0
    assert ticket["print"] == {"printed": True, "state": "ok", "reason": ""}
    slips = sorted((data / "printed").glob("*.png"))
    assert len(slips) == 1 and Image.open(slips[0]).width > 300


def test_help_open_prints_its_slip_to_a_file_printer(tmp_path: Path, capsys) -> None:
    config = configured(tmp_path, 'transport = "file"')
    data = tmp_path / "data"
    run(capsys, config, data, "db", "upgrade")
    request = json.loads(
        run(
            capsys, config, data, "help", "open", "housing_allowance", "--language", "en", "--json"
        )[1]
    )
    assert request["print"]["printed"] is True
    text = "\n".join(
        decode_for((data / "printer.bin").read_bytes(), load_settings(config).printer).text_lines()
    )
    assert request["code"] in text and request["resume_code"] in text
    assert "Signed rental agreement" in text


def test_a_failed_print_keeps_the_ticket_and_says_so(tmp_path: Path, capsys) -> None:
    config = configured(tmp_path, 'transport = "serial"')
    text = config.read_text().replace('port = "/dev/ttyUSB0"', f'port = "{tmp_path}/no-such-tty"')
    config.write_text(text)
    data = tmp_path / "data"
    run(capsys, config, data, "db", "upgrade")
    code, out, err = run(capsys, config, data, "ticket", "take", "B")
    assert code == 0 and out.startswith("B001")
    assert "B001 was taken but its slip did not print" in err
    listing = json.loads(run(capsys, config, data, "ticket", "list", "--json")[1])
    assert [t["code"] for t in listing] == ["B001"]
    status = json.loads(run(capsys, config, data, "printer", "status", "--json")[1])
    assert status["state"] == "disconnected"


def test_status_of_a_serial_port_given_on_the_command_line(tmp_path: Path, capsys) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    code, out, _ = run(
        capsys,
        config,
        tmp_path,
        "printer",
        "status",
        "--port",
        str(tmp_path / "ttyGONE"),
        "--baud",
        "9600",
        "--json",
    )
    assert code == 1 and json.loads(out)["state"] == "disconnected"


@pytest.mark.parametrize("kind", ["ticket", "help", "badge", "test"])
def test_render_each_sample_as_png_and_as_bytes(tmp_path: Path, capsys, kind: str) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    png, raw = tmp_path / f"{kind}.png", tmp_path / f"{kind}.bin"
    assert run(capsys, config, tmp_path, "printer", "render", kind, "--out", str(png))[0] == 0
    assert (
        run(
            capsys,
            config,
            tmp_path,
            "printer",
            "render",
            kind,
            "--format",
            "escpos",
            "--out",
            str(raw),
            "--json",
        )[0]
        == 0
    )
    assert Image.open(png).height > 200
    assert raw.read_bytes().startswith(b"\x1b@")


def test_test_page_goes_to_the_configured_printer(tmp_path: Path, capsys) -> None:
    config = configured(tmp_path, 'transport = "file"')
    code, out, _ = run(capsys, config, tmp_path, "printer", "test", "--json")
    assert code == 0 and json.loads(out)["printed"] is True
    assert "€" in "\n".join(
        decode_for(
            (tmp_path / "printer.bin").read_bytes(), load_settings(config).printer
        ).text_lines()
    )


@pytest.mark.parametrize(
    ("command", "module", "builder"),
    [
        (["ticket", "take", "A"], "kiosk.cli.ticket_commands", "ticket_slip"),
        (["help", "open", "housing_allowance"], "kiosk.cli.help_commands", "help_request_slip"),
    ],
)
def test_a_slip_that_cannot_be_made_still_gives_the_code(
    tmp_path: Path, capsys, monkeypatch, command: list[str], module: str, builder: str
) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    data = tmp_path / "data"
    run(capsys, config, data, "db", "upgrade")

    def cannot_build(*_: object) -> bytes:
        raise PrinterSetupError('printer.code_page: "CP999" is not a code page; use CP858')

    monkeypatch.setattr(f"{module}.{builder}", cannot_build)
    code, out, err = run(capsys, config, data, *command, "--json")
    saved = json.loads(out)
    assert code == 0
    assert saved["print"]["printed"] is False
    assert saved["print"]["state"] == "offline"
    assert "CP999" in saved["print"]["reason"]
    assert err.strip().splitlines() == [
        f"kiosk: {saved['code']} was taken but its slip did not print: "
        f"{saved['print']['reason']} Give the client the number by word or on paper."
    ]


@pytest.mark.parametrize("name", ["slip.txt", "noext", "sub/slip.PNG"])
def test_render_writes_png_whatever_the_name_ends_with(tmp_path: Path, capsys, name: str) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    out = tmp_path / "out" / name
    code, _, err = run(capsys, config, tmp_path, "printer", "render", "ticket", "--out", str(out))
    assert (code, err) == (0, "")
    assert Image.open(out).format == "PNG"


@pytest.mark.parametrize("where", ["folder", ""])
def test_render_refuses_a_folder_or_no_path_in_one_line(tmp_path: Path, capsys, where: str) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    out = str(tmp_path) if where == "folder" else ""
    code, stdout, err = run(capsys, config, tmp_path, "printer", "render", "ticket", "--out", out)
    assert code == 2 and stdout == ""
    assert len(err.strip().splitlines()) == 1
    assert "--out" in err and "give a file path such as" in err


def test_a_failed_test_page_says_so_on_stderr(tmp_path: Path, capsys) -> None:
    config = configured(tmp_path, 'transport = "file"\nfile_path = "/dev/full"')
    config.write_text(config.read_text().replace('file_path = "printer.bin"\n', "", 1))
    code, out, err = run(capsys, config, tmp_path, "printer", "test")
    assert code == 1 and out == ""
    assert err.startswith("kiosk: the test page did not print: ")
    code, out, err = run(capsys, config, tmp_path, "printer", "test", "--json")
    assert code == 1 and json.loads(out)["printed"] is False
    assert err.startswith("kiosk: the test page did not print: ")


def test_status_refuses_a_baud_rate_the_configuration_would_refuse(tmp_path: Path, capsys) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    with pytest.raises(SystemExit) as exited:
        run(capsys, config, tmp_path, "printer", "status", "--port", "/dev/null", "--baud", "12345")
    assert exited.value.code == 2
    assert '"12345" is not a standard baud rate; use one of 1200, 2400' in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", [["ticket", "take", "A"], ["help", "open", "housing_allowance"]]
)
def test_a_database_busy_after_the_commit_still_gives_the_code(
    tmp_path: Path, capsys, monkeypatch, command: list[str]
) -> None:
    config = configured(tmp_path, 'transport = "virtual"')
    data = tmp_path / "data"
    run(capsys, config, data, "db", "upgrade")
    # Another program takes the database's write lock right after the ticket is committed and
    # holds it while the command stores the printer's state (waiting 0.3 s, not the usual 10 s).
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(data / "kiosk.sqlite3", isolation_level=None)
    real_print_now = slip_printing.print_now

    def print_then_lock(*args: Any, **kwargs: Any) -> PrintOutcome:
        outcome = real_print_now(*args, **kwargs)
        other.execute("BEGIN IMMEDIATE")
        return outcome

    monkeypatch.setattr(slip_printing, "print_now", print_then_lock)
    try:
        code, out, err = run(capsys, config, data, *command, "--json")
    finally:
        other.rollback()
        other.close()
    saved = json.loads(out)
    assert code == 0 and saved["print"]["printed"] is True
    assert err.strip().splitlines() == [
        f"kiosk: {saved['code']} is saved, but the printer's state was not stored for staff "
        "(the database was busy)."
    ]
    listing = "ticket" if command[0] == "ticket" else "help"
    stored = json.loads(run(capsys, config, data, listing, "list", "--json")[1])
    assert [item["code"] for item in stored] == [saved["code"]]
    assert len(list((data / "printed").glob("*.png"))) == 1
