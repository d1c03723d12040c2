"""Live updates: a change committed anywhere (another kiosk, the console, the command line) is
on every open screen within a second, without any screen re-reading its lists on a timer.

A `ChangeWatcher` (kiosk.db.change_feed) waits for commits on a daemon thread of its own. A
change pulls one Kivy trigger, so however many commits land in one frame, each subscriber is
called once, on the main loop; a subscriber then re-reads what it shows on the background
runner. After telling, the thread rests for `REST_S` before it tells again, so a busy lounge
makes a screen re-read at most twice a second: commits made meanwhile are told at the end
of the rest, not lost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from sqlalchemy import Engine

from kiosk.db.change_feed import ChangeWatcher

log = logging.getLogger(__name__)

REST_S = 0.5
# One wait's bound; `stop` wakes a waiting watcher sooner.
WAIT_S = 5.0


class LiveUpdates:
    def __init__(self, engine: Engine) -> None:
        self._watcher = ChangeWatcher(engine)
        self._subscribers: list[Callable[[], None]] = []
        self._trigger = Clock.create_trigger(self._tell)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="kiosk-live", daemon=True)

    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call `callback` on the main loop after each change, until `unsubscribe`."""
        if callback not in self._subscribers:
            self._subscribers.append(callback)

    def unsubscribe(self, callback: Callable[[], None]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """With the app: no subscriber is called after this; the thread closes its connection."""
        self._stopping.set()
        self._watcher.stop()
        self._trigger.cancel()
        self._subscribers.clear()
        if self._thread.is_alive():
            self._thread.join(timeout=2.0)

    def _watch(self) -> None:
        try:
            while not self._stopping.is_set():
                if self._watcher.wait(WAIT_S):
                    self._trigger()
                    self._stopping.wait(REST_S)
        except Exception:
            # A bug here must not pass silently: screens would quietly stop being live.
            log.exception("watching the database for changes failed; screens are not live now")
        finally:
            self._watcher.close()

    def _tell(self, *_args: Any) -> None:
        if self._stopping.is_set():
            return
        for callback in list(self._subscribers):
            callback()
