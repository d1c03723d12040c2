"""Large on-screen keys, for typing where there is no keyboard: the kiosk's touchscreen.

One row of keys for each string in `rows`; a key sends its character as `on_key`. The keys are
made once, when the rows are set, and never rebuilt. Keys that are not characters (erase, space,
OK) belong to the screen using them, beside these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.factory import Factory
from kivy.properties import ListProperty, NumericProperty
from kivy.uix.gridlayout import GridLayout
from kivy.uix.widget import Widget

from kiosk.ui.navigation import load_kv


class TouchKeys(GridLayout):
    __events__ = ("on_key",)

    rows_of_keys = ListProperty([])
    key_height = NumericProperty(60)

    def on_rows_of_keys(self, _instance: Any, rows: list[str]) -> None:
        self.clear_widgets()
        self.cols = max((len(row) for row in rows), default=1)
        for row in rows:
            for character in row:
                key = Factory.TouchKey(text=character, height=self.key_height)
                self.bind(key_height=key.setter("height"))
                key.bind(on_release=lambda _key, typed=character: self.dispatch("on_key", typed))
                self.add_widget(key)
            for _ in range(self.cols - len(row)):
                self.add_widget(Widget(size_hint_y=None, height=self.key_height))

    def on_key(self, character: str) -> None:
        """A key was pressed: `character` is its character."""


load_kv(Path(__file__).with_name("touch_keys.kv"))
