"""Files holding client data are private to the service user: 0600 in 0700 folders, whatever
umask the service was started with."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.support import around_the_clock_toml


def kiosk(tmp_path: Path, data: Path, *args: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "--data-dir", str(data), *args],
        check=True,
        capture_output=True,
        # A permissive umask, as a service started by hand may have.
        preexec_fn=lambda: os.umask(0o022),
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_its_log_and_reports_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    kiosk(tmp_path, data, "db", "upgrade")
    kiosk(tmp_path, data, "ticket", "take", "A")
    report = tmp_path / "reports" / "payout.csv"
    kiosk(
        tmp_path,
        data,
        "report",
        "allowance",
        "--period",
        "2026-11",
        "--format",
        "csv",
        "--out",
        str(report),
    )
    assert mode(data) == 0o700
    made = [p for p in data.rglob("*")] + [report, report.parent]
    assert any(p.name == "kiosk.sqlite3" for p in made)
    assert {p.name: oct(mode(p)) for p in made if mode(p) & 0o077} == {}


def test_a_data_directory_an_earlier_version_left_open_is_closed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    kiosk(tmp_path, data, "db", "upgrade")
    assert mode(data) == 0o700
