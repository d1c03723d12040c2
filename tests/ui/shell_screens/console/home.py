"""Another app's home, which the test app must never find as one of its screens."""

from __future__ import annotations

from kiosk.ui.screen import ShellScreen


class ConsoleHomeScreen(ShellScreen):
    pass
