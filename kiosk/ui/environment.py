"""Kivy's process-wide set-up, done before Kivy is first imported.

Kivy reads its environment and `config.ini` at import time and creates the window with whatever
the configuration says then, so all of this must happen first:
- KIVY_NO_ARGS: `kiosk run --windowed` is our option, not Kivy's;
- KIVY_HOME inside the data directory: Kivy never writes to ~/.kivy of whoever runs the kiosk;
- no exit on Escape, no multitouch emulation (a right click would leave red dots), and the
  window full screen (at the screen's own size and place), borderless and without a cursor,
  or a window of the given size.
The settings panel (F1) and the window's close button are refused by the app itself.

Logging goes through Python's `logging` (KIVY_LOG_MODE=PYTHON): one rotating file per app in the
data directory holds Kivy's lines and the app's together, and nothing is printed twice.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_BYTES = 2_000_000
LOG_FILES_KEPT = 5


@dataclass(frozen=True)
class WindowMode:
    fullscreen: bool
    size: tuple[int, int]  # full screen: the screen's size, so it is filled even without a WM
    # Where the window's top-left corner goes on the desktop; None: where the system puts it.
    position: tuple[int, int] | None = None
    # Full screen hides the mouse pointer (a touchscreen has none); a staff PC's console keeps it.
    pointer: bool = False


def prepare_kivy(data_dir: Path, mode: WindowMode) -> None:
    if "kivy" in sys.modules:
        # Too late for KIVY_HOME and the window settings; only a second app in one process
        # (the UI tests) gets here, and it shares the first one's window.
        _configure_window(mode)
        return
    kivy_home = data_dir / "kivy"
    kivy_home.mkdir(parents=True, exist_ok=True)
    os.environ["KIVY_HOME"] = str(kivy_home)
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ["KIVY_LOG_MODE"] = "PYTHON"
    _configure_window(mode)


def configure_logging(data_dir: Path, file_name: str) -> Path:
    """Log to the console and to data_dir/logs/<file_name> (each app its own, e.g. kiosk.log),
    rotated so an app that runs for years never fills its disk. `force` replaces the handler
    python-escpos installs at import."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    logging.basicConfig(
        force=True,
        level=logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        handlers=[
            logging.StreamHandler(),
            RotatingFileHandler(
                path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
            ),
        ],
    )
    return path


def _configure_window(mode: WindowMode) -> None:
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "log_level", "info")
    Config.set("kivy", "keyboard_mode", "system")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    Config.set("graphics", "multisamples", "0")
    Config.set("graphics", "width", str(mode.size[0]))
    Config.set("graphics", "height", str(mode.size[1]))
    if mode.position is None:
        Config.set("graphics", "position", "auto")
    else:
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", str(mode.position[0]))
        Config.set("graphics", "top", str(mode.position[1]))
    if mode.fullscreen:
        Config.set("graphics", "fullscreen", "auto")
        Config.set("graphics", "borderless", "1")
        Config.set("graphics", "show_cursor", "1" if mode.pointer else "0")
        Config.set("graphics", "resizable", "0")
    else:
        Config.set("graphics", "fullscreen", "0")
        Config.set("graphics", "borderless", "0")
        Config.set("graphics", "show_cursor", "1")
        # A developer drags the window tall to see the portrait layout.
        Config.set("graphics", "resizable", "1")
