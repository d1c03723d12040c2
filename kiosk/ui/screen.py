"""What every kiosk screen has in common."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kivy.app import App
from kivy.uix.screenmanager import Screen

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp


class KioskScreen(Screen):
    # Screens other than home go back home when nobody touches the kiosk for a while.
    returns_home_when_idle = True

    @property
    def app(self) -> KioskApp:
        return App.get_running_app()  # type: ignore[return-value]

    def prepare(self, **kwargs: Any) -> None:
        """Called with `app.show(name, **kwargs)` before the screen appears: reset it for a new
        client. A screen that takes no arguments refuses any, so a typo is found at once."""
        if kwargs:
            raise TypeError(f"screen {self.name} takes no arguments, got {sorted(kwargs)}")
