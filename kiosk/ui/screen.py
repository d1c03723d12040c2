"""What every screen has in common: its app, its visits, and one guarded way to ask for work.

A visit begins when the app shows the screen (`begin_visit`, then `prepare` with the screen's
arguments) and ends when the app shows another one (`end_visit`). `ask` is how a screen calls
a use case or waits for the printer; like Odoo's attendance kiosk, the input lock is written
once, here: it locks input (`busy`, which the .kv rules use to disable buttons), runs the work on
the background runner, drops an answer that arrives after its visit ended, and unlocks once the
answer is handled, unless handling it moved the app on to another screen: a screen being left
stays locked until it is shown again. So a double tap sends one request, and the answer meant
for one person never reaches the next.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar, cast

from kivy.app import App
from kivy.properties import BooleanProperty
from kivy.uix.screenmanager import Screen

from kiosk.errors import KioskError
from kiosk.ui.host import KioskHost, ScreenHost

T = TypeVar("T")


class ShellScreen(Screen):
    # Screens other than home go back home when nobody touches the kiosk for a while.
    returns_home_when_idle = True
    # True while an answer is on its way: input is locked.
    busy = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        # The app that made this screen, for good: a screen outliving its app (one test's app
        # after the next one started) must never act on another app.
        self._app = App.get_running_app()
        super().__init__(**kwargs)
        self._visit = 0

    @property
    def app(self) -> ScreenHost:
        return cast(ScreenHost, self._app)

    def prepare(self, **kwargs: Any) -> None:
        """Called with `app.show(name, **kwargs)` before the screen appears: reset it for a new
        person. A screen that takes no arguments refuses any, so a typo is found at once."""
        if kwargs:
            raise TypeError(f"screen {self.name} takes no arguments, got {sorted(kwargs)}")

    def begin_visit(self) -> None:
        """The app is about to show this screen: nothing locked, no earlier answer awaited."""
        self._visit += 1
        self.busy = False

    def end_visit(self) -> None:
        """The app shows another screen: answers still on their way are for nobody now."""
        self._visit += 1

    def ask(
        self,
        work: Callable[[], T] | Future[T],
        done: Callable[[T], None],
        refused: Callable[[Exception], None] | None = None,
        *,
        lock: bool = True,
    ) -> None:
        """Run `work` on the background runner (or follow `work`, a Future already under way,
        such as a print job); then `done(result)` or `refused(error)` on the main loop, but
        only within this visit. While it runs, input is locked and a second ask is ignored;
        `lock=False` is for a quiet read that must not lock anything. Without `refused`, a
        failure is logged as the bug it would be."""
        if lock:
            if self.busy:
                return
            self.busy = True
        visit = self._visit

        def answered(result: T) -> None:
            if visit == self._visit:
                done(result)
                unlock()

        def failed(error: Exception) -> None:
            if visit != self._visit:
                # The person who asked has gone; a refusal is theirs alone, but a bug is kept.
                if not isinstance(error, KioskError):
                    self.app.log_problem(f"{self.name}, after the visit ended", error)
                return
            if refused is None:
                self.app.log_problem(self.name, error)
            else:
                refused(error)
            unlock()

        def unlock() -> None:
            if lock and visit == self._visit:
                self.busy = False

        if isinstance(work, Future):
            self.app.runner.when_done(work, answered, failed)
        else:
            self.app.runner.run(work, answered, failed)


class KioskScreen(ShellScreen):
    """A screen of the touchscreen kiosk: its app also has the printer."""

    @property
    def app(self) -> KioskHost:
        return cast(KioskHost, self._app)
