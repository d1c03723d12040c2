"""Help with an application, step 1: choose the topic from large tiles with an icon and words."""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from kiosk.ui.i18n import tr
from kiosk.ui.screen import KioskScreen
from kiosk.ui.widgets import Tile


class TopicTile(Tile):
    topic = StringProperty("")
    title = StringProperty("")


class HelpTopicScreen(KioskScreen):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._tiles: list[TopicTile] = []
        # The topics come from the configuration, which does not change while the kiosk runs.
        for topic in self.app.settings.help.topics:
            tile = TopicTile(topic=topic.id, icon=topic.icon)
            tile.bind(on_release=self._chosen)
            self._tiles.append(tile)
            self.ids.topics.add_widget(tile)
        tr.bind(language=self._words)
        self._words()

    def _chosen(self, tile: TopicTile) -> None:
        self.app.show("help_details", topic=tile.topic)

    def _words(self, *_args: Any) -> None:
        for tile in self._tiles:
            topic = self.app.settings.help.topic(tile.topic)
            tile.title = topic.names.get(tr.language) if topic else tile.topic
