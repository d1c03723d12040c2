"""Starting work, step 2: today's task, from the configuration; choosing one signs in.

The tiles lock while the sign-in is on its way, so a double tap signs in once.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, StringProperty

from kiosk.services import sign_in_out
from kiosk.services.worker_views import Greeting, WorkerPass
from kiosk.ui.i18n import tr
from kiosk.ui.refusals import refusal
from kiosk.ui.widgets import Tile
from kiosk.ui.worker_screen import WorkerScreen


class TaskTile(Tile):
    task = StringProperty("")
    title = StringProperty("")


class WorkerTaskScreen(WorkerScreen):
    message = StringProperty("")
    problem = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._tiles: list[TaskTile] = []
        self._rules_confirmed = False
        self._refusal: Exception | None = None
        # The tasks come from the configuration, which does not change while the kiosk runs.
        for task in self.app.settings.peer_work.tasks:
            tile = TaskTile(task=task.id, icon=task.icon)
            tile.bind(on_release=self._chosen)
            self._tiles.append(tile)
            self.ids.tasks.add_widget(tile)
        tr.bind(language=self._words)
        self.bind(busy=self._words)

    def prepare(self, *, worker_pass: WorkerPass, rules_confirmed: bool) -> None:  # type: ignore[override]
        self.worker_pass = worker_pass
        self._rules_confirmed = rules_confirmed
        self._refusal = None
        self._words()
        if not self._tiles:
            self.sign_in(None)

    def _chosen(self, tile: TaskTile) -> None:
        self.sign_in(tile.task)

    def sign_in(self, task: str | None) -> None:
        if self.busy:
            return
        self._refusal = None
        ctx, worker_pass, confirmed = self.app.ctx, self.worker_pass, self._rules_confirmed
        self.ask(
            lambda: sign_in_out.sign_in(ctx, worker_pass, task=task, rules_confirmed=confirmed),
            self._signed_in,
            self._refused,
        )

    def _signed_in(self, greeting: Greeting) -> None:
        self.app.show("worker_greeting", greeting=greeting)

    def _refused(self, error: Exception) -> None:
        if not isinstance(error, sign_in_out.AlreadySignedIn | sign_in_out.PeerWorkClosed):
            self.app.log_problem("peer worker sign-in", error)
        self._refusal = error
        self._words()

    def _words(self, *_args: Any) -> None:
        for tile in self._tiles:
            task = self.app.settings.peer_work.task(tile.task)
            tile.title = task.names.get(tr.language) if task else tile.task
        self.problem = self._refusal is not None
        if self._refusal is not None:
            self.message = refusal(self._refusal, self.app.settings.clinic.zone)
        elif self.busy:
            self.message = tr._("One moment…")
        else:
            self.message = tr._("Choose one. You can change it with staff later.")
