"""What the peer workers' own screens share: the worker's pass, and what an expired one means.

The pass (`WorkerPass`) proves that the person at the kiosk entered this worker's PIN or scanned
their badge. A screen holds it for its visit only: once the app shows another screen it is gone,
so the next person at the kiosk never finds it. A use case that finds the pass expired (the
worker took a long while) takes them back to the sign-in, on every worker screen alike.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from kivy.properties import ObjectProperty

from kiosk.services.sign_in_out import PassExpired
from kiosk.ui.screen import KioskScreen

T = TypeVar("T")

SIGN_IN = "worker_sign_in"


class WorkerScreen(KioskScreen):
    worker_pass = ObjectProperty(None, allownone=True)

    def end_visit(self) -> None:
        super().end_visit()
        self.worker_pass = None

    def ask(
        self,
        work: Callable[[], T] | Future[T],
        done: Callable[[T], None],
        refused: Callable[[Exception], None] | None = None,
        *,
        lock: bool = True,
    ) -> None:
        def checked(error: Exception) -> None:
            if isinstance(error, PassExpired):
                self.app.show(SIGN_IN)
            elif refused is None:
                self.app.log_problem(self.name, error)
            else:
                refused(error)

        super().ask(work, done, checked, lock=lock)
