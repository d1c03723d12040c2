"""The printer code runs in the CLI and the tests without a display: it must not load Kivy."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_printer_code_does_not_import_kivy() -> None:
    code = (
        "import sys\n"
        "import kiosk.devices.factory, kiosk.devices.print_worker, kiosk.devices.slips\n"
        "import kiosk.devices.transports, kiosk.devices.virtual\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'kivy'], 'kivy loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
