"""A screen that asks for work through the shell's one guarded call; the tests drive it."""

from __future__ import annotations

from kiosk.ui.screen import ShellScreen


class BareAskingScreen(ShellScreen):
    pass
