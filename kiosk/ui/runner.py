"""Work off the Kivy main loop: database calls on one background thread, results back via Clock.

One thread, not a pool: SQLite takes one writer at a time anyway, and one thread keeps taps in
order, so the answer to an earlier tap never arrives after the answer to a later one. The
callbacks always run on the main loop (`Clock.schedule_once`), where widgets may be touched.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from kivy.clock import Clock

log = logging.getLogger(__name__)

T = TypeVar("T")


class BackgroundRunner:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
        self._lock = threading.Lock()
        self._pending = 0
        self._closed = False

    @property
    def busy(self) -> bool:
        """True while work or its callback is still on its way (tests wait for this)."""
        with self._lock:
            return self._pending > 0

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Run `work` on the background thread; then `done(result)` or `failed(error)` on the
        main loop."""
        self._add(1)
        try:
            future = self._pool.submit(work)
        except RuntimeError as error:  # the pool was shut down: the kiosk is stopping
            self._add(-1)
            log.warning("background work refused: %s", error)
            return
        self.when_done(future, done, failed, counted=True)

    def when_done(
        self,
        future: Future[T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
        *,
        counted: bool = False,
    ) -> None:
        """Call `done`/`failed` on the main loop once `future` (e.g. a print job) settles."""
        if not counted:
            self._add(1)

        def settled(finished: Future[T]) -> None:
            Clock.schedule_once(lambda _dt: self._deliver(finished, done, failed))

        future.add_done_callback(settled)

    def _deliver(
        self, future: Future[Any], done: Callable[[Any], None], failed: Callable[[Exception], None]
    ) -> None:
        if self._closed:
            # The kiosk is stopping: its screens are gone, nobody is waiting for this answer.
            self._add(-1)
            return
        try:
            error = future.exception()
            if error is None:
                done(future.result())
            elif isinstance(error, Exception):
                failed(error)
            else:
                raise error
        finally:
            self._add(-1)

    def _add(self, delta: int) -> None:
        with self._lock:
            self._pending += delta

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
