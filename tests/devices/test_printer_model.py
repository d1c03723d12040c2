"""What the kiosk takes from python-escpos's printer database, and what it leaves behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.devices.printer_model import paper_for
from kiosk.settings.schema import Settings
from tests.devices.helpers import with_printer


def test_a_profile_without_a_paper_width_gets_the_usual_one(settings: Settings) -> None:
    assert paper_for(with_printer(settings, profile="TUP500").printer).dots == 576
    assert (
        paper_for(with_printer(settings, profile="default", paper_width_mm=58).printer).dots == 384
    )


def test_building_a_slip_leaves_no_temporary_folder_behind(tmp_path: Path) -> None:
    code = (
        "from kiosk.devices.slips import sample_slip\n"
        "from kiosk.settings.loader import load_settings\n"
        "sample_slip('ticket', load_settings(), 'fi')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env["TMPDIR"] = str(tmp_path)
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)
    assert list(tmp_path.iterdir()) == []
