"""Who is logged in to the staff screens of an app, and forgetting everything when they leave.

The console on a staff PC and the kiosk (after its hidden gesture) keep one `StaffSession`:
the `StaffPass` of whoever logged in, which every view passes on as `by`, and the views this
person may open. Logging out forgets the pass and throws away the views' screens, so nothing of
what they showed stays in the window or in memory for the next person: a logged-out console
shows the login screen and nothing of the data behind it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kivy.event import EventDispatcher
from kivy.properties import ObjectProperty
from kivy.uix.screenmanager import ScreenManager

from kiosk.services.staff_auth import StaffPass
from kiosk.ui.console_views import ConsoleView, views_for
from kiosk.ui.widgets import discard


class StaffSession(EventDispatcher):
    # The pass of whoever is logged in; None while nobody is.
    staff_pass = ObjectProperty(None, allownone=True)

    def __init__(self, views: Sequence[ConsoleView], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._views = tuple(views)

    @property
    def logged_in(self) -> bool:
        return self.staff_pass is not None

    def views(self) -> list[ConsoleView]:
        """The views the person logged in may open (none while nobody is)."""
        staff_pass: StaffPass | None = self.staff_pass
        if staff_pass is None:
            return []
        return views_for(self._views, admin=staff_pass.is_admin)

    def first_view(self) -> str:
        return self.views()[0].screen

    def begin(self, staff_pass: StaffPass) -> None:
        self.staff_pass = staff_pass

    def end(self, manager: ScreenManager) -> None:
        """Forget the pass and the views' screens. Call it once another screen is showing."""
        self.staff_pass = None
        for view in self._views:
            if manager.has_screen(view.screen):
                screen = manager.get_screen(view.screen)
                if screen is not manager.current_screen:
                    manager.remove_widget(screen)
                    discard(screen)
