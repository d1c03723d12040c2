"""The test app's home: one line of words."""

from __future__ import annotations

from kiosk.ui.screen import ShellScreen


class BareHomeScreen(ShellScreen):
    returns_home_when_idle = False
