"""A module in a screens package that forgot its screen class."""

from __future__ import annotations

from kiosk.ui.screen import ShellScreen


class SomethingElse(ShellScreen):
    pass
