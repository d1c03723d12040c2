"""Starting work, step 1: the agreed rules, from the configuration, confirmed at every sign-in."""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.services.worker_views import WorkerPass
from kiosk.ui.i18n import tr
from kiosk.ui.widgets import discard
from kiosk.ui.worker_screen import WorkerScreen


class RuleRow(BoxLayout):
    """One rule: a tick icon and the words."""

    text = StringProperty("")


class WorkerRulesScreen(WorkerScreen):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        tr.bind(language=self._words)

    def prepare(self, *, worker_pass: WorkerPass) -> None:  # type: ignore[override]
        self.worker_pass = worker_pass
        self._words()

    def agree(self) -> None:
        self.app.show("worker_task", worker_pass=self.worker_pass, rules_confirmed=True)

    def _words(self, *_args: Any) -> None:
        rules = self.ids.rules
        for row in list(rules.children):
            discard(row)
        for rule in self.app.settings.peer_work.rules.get(tr.language):
            rules.add_widget(RuleRow(text=rule))
