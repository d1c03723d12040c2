"""What the kiosk app does for peer work when nobody is looking: close forgotten sign-outs.

Every `peer_work.forgotten_check_minutes` it closes the sessions left open past closing time or
the maximum length (kiosk.services.forgotten_sign_outs), on the background runner, never on the main
loop. It also makes the dummy PIN hash once at start, so the first unknown worker number takes
as long to refuse as a known one. `kiosk worker close-forgotten` does the same from a timer on
a staff PC, for when no kiosk is running.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kivy.clock import Clock

from kiosk.services import forgotten_sign_outs, worker_auth
from kiosk.services.context import Context
from kiosk.services.worker_views import SessionView
from kiosk.ui.runner import BackgroundRunner

log = logging.getLogger(__name__)


class PeerWorkDuties:
    def __init__(
        self,
        ctx: Context,
        runner: BackgroundRunner,
        log_problem: Callable[[str, Exception], None],
    ) -> None:
        self._ctx = ctx
        self._runner = runner
        self._log_problem = log_problem
        self._event: Any = None

    def start(self) -> None:
        self._runner.run(worker_auth.warm_up, lambda _none: None, self._failed)
        self.close_forgotten()
        minutes = self._ctx.settings.peer_work.forgotten_check_minutes
        self._event = Clock.schedule_interval(lambda _dt: self.close_forgotten(), minutes * 60)

    def stop(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def close_forgotten(self) -> None:
        ctx = self._ctx
        self._runner.run(
            lambda: forgotten_sign_outs.close_forgotten(ctx), self._closed, self._failed
        )

    def _closed(self, closed: list[SessionView]) -> None:
        for session in closed:
            # Numbers only in the log: it may be read by anyone who services the machine.
            log.info(
                "closed forgotten session %d of worker %d (%s)",
                session.id,
                session.number,
                session.review_reason,
            )

    def _failed(self, error: Exception) -> None:
        self._log_problem("closing forgotten sign-outs", error)
