"""The few building blocks every screen uses: buttons, tiles, labels, icons, the top bar.

Their look lives in `widgets.kv` beside this file. Every button has words; an icon is never the
only cue, and neither is colour (a chosen option also gets a tick).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.animation import Animation
from kivy.app import App
from kivy.input.motionevent import MotionEvent
from kivy.lang import Builder
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from kiosk.settings.schema import LANGUAGES
from kiosk.ui import theme
from kiosk.ui.i18n import LANGUAGE_NAMES, tr
from kiosk.ui.navigation import load_kv


class KioskRoot(FloatLayout):
    """The window's one child: the page colour under the screen manager."""


class Icon(Label):
    """An icon from the icon font, by name. Always placed next to words."""

    icon = StringProperty("")


class BodyLabel(Label):
    """Text that wraps to its width and is as tall as its lines."""


class Pressable(ButtonBehavior):
    """Colours for a button of a given kind, darker while a finger is on it, greyed and flat
    while it cannot be pressed (theme.button_colours)."""

    kind = OptionProperty("secondary", options=theme.BUTTON_KINDS)
    background = ColorProperty(theme.CARD)
    foreground = ColorProperty(theme.INK)
    outlined = BooleanProperty(True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fbind("kind", self._recolour)
        self.fbind("state", self._recolour)
        self.fbind("disabled", self._recolour)
        self._recolour()

    def on_touch_up(self, touch: MotionEvent) -> bool:
        # Two fingers down on one button, the first one's release shows another screen: by the
        # second release this button is off the screen, and its press must not act on the
        # screen that replaced it (a second number for one client).
        if touch.grab_current is self and not self._on_shown_screen():
            touch.ungrab(self)
            self._do_release()
            return True
        return bool(super().on_touch_up(touch))

    def _on_shown_screen(self) -> bool:
        widget = self.parent
        # The window is its own parent: a button in a pop-up over the screens ends there.
        while widget is not None and widget is not widget.parent:
            if isinstance(widget, Screen):
                # The old screen stays in the window until the next frame: ask the manager.
                return widget.manager is None or widget.manager.current == widget.name
            widget = widget.parent
        return True

    def _recolour(self, *_args: Any) -> None:
        state = "disabled" if self.disabled else self.state
        self.background, self.foreground = theme.button_colours(self.kind, state)
        self.outlined = theme.button_outlined(self.kind, state)


class KioskButton(Pressable, BoxLayout):
    """An icon and words side by side, centred, on a solid or outlined button."""

    icon = StringProperty("")
    text = StringProperty("")
    font_size = NumericProperty(30)
    bold = BooleanProperty(True)
    # Icon, words and padding side by side: the width a button needs to show all its words.
    natural_width = NumericProperty(0)


class Tile(Pressable, BoxLayout):
    """A large button holding an icon above (or beside) several lines of words."""

    icon = StringProperty("")


class CheckRow(ButtonBehavior, BoxLayout):
    """A yes/no choice as one large row: box icon, then the words. Tapping anywhere toggles."""

    active = BooleanProperty(False)
    text = StringProperty("")

    def on_release(self) -> None:
        self.active = not self.active


class Notice(BoxLayout):
    """An icon and words on a tinted band: "info", "notice" (calm amber) or "problem".

    A notice is read, never pressed, so it must not look like a button: square corners, no
    outline, a bar down its left edge (theme.NOTICE_STYLES)."""

    icon = StringProperty("information-outline")
    text = StringProperty("")
    kind = OptionProperty("notice", options=tuple(theme.NOTICE_STYLES))
    font_size = NumericProperty(30)
    icon_opacity = NumericProperty(1.0)

    def pulse(self, on: bool) -> None:
        """A slow, gentle fade of the icon while something is under way ("printing…"), so the
        client sees the kiosk is working without anything blinking at them."""
        Animation.cancel_all(self, "icon_opacity")
        if on:
            fade = Animation(icon_opacity=0.35, duration=0.9) + Animation(
                icon_opacity=1.0, duration=0.9
            )
            fade.repeat = True
            fade.start(self)
        else:
            self.icon_opacity = 1.0


class LanguageBar(BoxLayout):
    """One button per language, each in its own language; the current one ticked. `compact`
    buttons are only as wide as their words (the staff console's crowded bar)."""

    compact = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.buttons: dict[str, KioskButton] = {}
        for language in LANGUAGES:
            button = LanguageButton(language=language, text=LANGUAGE_NAMES[language])
            button.bind(on_release=self._chosen)
            self.buttons[language] = button
            self.add_widget(button)
        # bind(), not fbind(): a weak reference, so a screen thrown away is not kept alive.
        tr.bind(language=self._mark)
        self._mark()

    def _chosen(self, button: LanguageButton) -> None:
        App.get_running_app().set_language(button.language)

    def _mark(self, *_args: Any) -> None:
        for language, button in self.buttons.items():
            chosen = language == tr.language
            button.kind = "selected" if chosen else "secondary"
            button.icon = "check-bold" if chosen else ""


class LanguageButton(KioskButton):
    language = StringProperty("")


class Collapsible(BoxLayout):
    """Its one child while `shown`; while not, no room at all and nothing seen (a notice with
    nothing to say). The child keeps its own height, which its own rule may go on changing."""

    shown = BooleanProperty(False)

    def add_widget(self, widget: Widget, *args: Any, **kwargs: Any) -> None:
        super().add_widget(widget, *args, **kwargs)
        widget.bind(height=self._fit)
        self._fit()

    def on_shown(self, *_args: Any) -> None:
        self._fit()

    def _fit(self, *_args: Any) -> None:
        child = self.children[0] if self.children else None
        self.height = child.height if child is not None and self.shown else 0
        self.opacity = 1 if self.shown else 0


class TopBar(BoxLayout):
    """Clock and date on the left, language buttons on the right."""


def discard(widget: Widget) -> None:
    """Take a widget out for good, unbinding its `.kv` rules, so that the app's size properties
    and the translator stop calling into it and it can be freed."""
    for child in widget.walk(restrict=True):
        Builder.unbind_widget(child.uid)
    if widget.parent is not None:
        widget.parent.remove_widget(widget)


load_kv(Path(__file__).with_name("widgets.kv"))
