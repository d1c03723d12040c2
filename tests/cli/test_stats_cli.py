"""`kiosk stats`: the known week (tests/statistics_data.py) as text, JSON, CSV and a chart."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli.main import main
from kiosk.core.clock import FixedClock
from tests.statistics_data import TODAY, local, make_the_week
from tests.support import STAFF_PIN, add_staff, default_toml, migrated_context, settings_from

Kiosk = Callable[..., tuple[int, str, str]]


@pytest.fixture
def kiosk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Kiosk:
    """`kiosk ARGS` in-process on a database holding the known week, on its Tuesday after."""
    config = tmp_path / "kiosk.toml"
    config.write_text(default_toml(), encoding="utf-8")
    data = tmp_path / "data"
    clock = FixedClock(local(TODAY, "09:00"))
    ctx = migrated_context(
        settings_from(default_toml()), data, clock, f"sqlite:///{data / 'kiosk.sqlite3'}"
    )
    make_the_week(ctx, clock)
    add_staff(ctx, "anna")
    ctx.engine.dispose()
    monkeypatch.setattr("kiosk.services.context.SystemClock", lambda: FixedClock(clock.now()))

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--config", str(config), "--data-dir", str(data), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_a_table_as_text_and_as_json(kiosk: Kiosk) -> None:
    code, out, _ = kiosk("stats", "services", "--period", "2026-W47")
    assert code == 0
    assert out.splitlines() == [
        "statistics 2026-W47 (16.11.2026–22.11.2026), 7 day(s) counted",
        "service  taken  served  no_show  cancelled  called  median_wait_min  p90_wait_min",
        "A            6       4        1          0       5                7            30",
        "B            3       1        0          1       2               15            20",
    ]
    rows = json.loads(
        kiosk(
            "stats",
            "help",
            "--period",
            "2026-11",
            "--json",
            "--by",
            "staff:anna",
            stdin=f"{STAFF_PIN}\n",
        )[1]
    )
    assert rows["period"] == "2026-11"
    assert rows["rows"][-1] == {
        "topic": "ALL",
        "opened": 5,
        "done": 3,
        "not_present": 1,
        "cancelled": 1,
        "median_min_to_done": 40,
        "p90_min_to_done": 1500,
    }


def test_the_summary_has_every_table_and_its_json_every_figure(kiosk: Kiosk) -> None:
    out = kiosk("stats", "summary", "--period", "2026-11-16..2026-11-24")[1]
    assert out.splitlines()[0] == (
        "statistics 2026-11-16..2026-11-24 (16.11.2026–24.11.2026), 9 day(s) counted; "
        "today's figures are so far"
    )
    assert [
        line
        for line in out.splitlines()
        if line in {"hours", "weekdays", "services", "help", "peer-work"}
    ] == ["hours", "weekdays", "services", "help", "peer-work"]
    every = json.loads(kiosk("stats", "summary", "--period", "2026-W47", "--json")[1])
    assert every["help_total"]["median_minutes_to_done"] == 40
    assert every["peer_work"] == [
        {
            "week": "2026-W47",
            "first_day": "2026-11-16",
            "last_day": "2026-11-22",
            "minutes": 510,
            "workers": 2,
        }
    ]


def test_csv_to_a_file_and_to_standard_output(kiosk: Kiosk, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "hours.csv"
    code, said, _ = kiosk(
        "stats", "hours", "--period", "2026-W47", "--format", "csv", "--out", str(out)
    )
    assert (code, said.strip()) == (0, f"written to {out}")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["hour", "taken_A", "taken_B", "taken_all"]
    assert rows[11] == ["10", "1", "1", "2"]
    code, printed, _ = kiosk("stats", "peer-work", "--period", "2026-W47", "--format", "csv")
    assert code == 0
    assert printed.startswith("\ufeff")
    assert printed[1:].splitlines() == [
        "week;first_day;last_day;hours;minutes;workers",
        "2026-W47;2026-11-16;2026-11-22;8:30;510;2",
    ]


def test_a_chart_is_drawn_into_a_png_file(kiosk: Kiosk, tmp_path: Path) -> None:
    out = tmp_path / "waits.png"
    code, said, _ = kiosk(
        "stats",
        "chart",
        "waits",
        "--period",
        "2026-W47",
        "--out",
        str(out),
        "--language",
        "sv",
        "--size",
        "1280x720",
    )
    assert code == 0
    assert said.splitlines()[-1] == f"waits chart written to {out}"
    assert Image.open(out).size == (1280, 720)


def test_a_wrong_period_or_person_is_refused_in_one_line(kiosk: Kiosk) -> None:
    code, out, err = kiosk("stats", "services", "--period", "week 47")
    assert (code, out) == (2, "")
    assert err.strip() == (
        'kiosk: "week 47" is not a day, week, month or range; write a day like 2026-11-24, an '
        "ISO week like 2026-W48, a month like 2026-11 or a range like 2026-11-01..2026-11-30, "
        "with --period"
    )
    code, _, err = kiosk(
        "stats", "services", "--period", "2026-W47", "--by", "kiosk:lounge-1", stdin="1\n"
    )
    assert code == 2
    assert "--by names a staff account (staff:LOGIN) or a peer worker" in err
