"""Live language switching for `.kv` rules and Python code.

In a `.kv` file::

    #:import tr kiosk.ui.i18n.tr
    text: tr._("Take a number")

The rule re-runs whenever the language changes, because Kivy's rule compiler binds to the
attribute `_` of `tr`, and `Translator` answers such a binding by calling it back on every
language switch. Python code calls `tr._(...)` / `tr.ngettext(...)` and binds to
`tr.language` to redraw words it built itself. `N_` marks a message kept in a table and
translated later, so the catalogue test still finds it.
"""

from __future__ import annotations

import gettext
import itertools
from collections.abc import Callable
from typing import Any

from kivy.event import EventDispatcher
from kivy.properties import StringProperty

from kiosk.settings.schema import LANGUAGES

# N_ lives in the Kivy-free catalogs module (charts use it); screens import it from here.
from kiosk.ui.catalogs import BABEL_LOCALES, all_translations
from kiosk.ui.catalogs import N_ as N_

# Each language's own name: a client who cannot read the current language still finds theirs.
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
_WATCHED = ("_", "ngettext")


class Translator(EventDispatcher):
    language = StringProperty("fi")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._catalogs: dict[str, gettext.GNUTranslations] = {}
        self._observers: dict[int, tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = {}
        self._uids = itertools.count(1)

    def _catalog(self) -> gettext.GNUTranslations:
        if not self._catalogs:
            self._catalogs = all_translations()
        return self._catalogs[self.language]

    def _(self, message: str) -> str:
        return self._catalog().gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._catalog().ngettext(singular, plural, count)

    @property
    def babel_locale(self) -> str:
        return BABEL_LOCALES[self.language]

    def switch(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
        self.language = language

    def on_language(self, _instance: Translator, _value: str) -> None:
        for uid, (callback, largs, kwargs) in list(self._observers.items()):
            try:
                callback(*largs, self, None, **kwargs)
            except ReferenceError:
                # The widget whose rule this was is gone; forget it rather than keep it alive.
                self._observers.pop(uid, None)

    def forget_rules(self) -> None:
        """Stop re-running every `.kv` rule bound so far: their app has stopped. (One process
        runs one app; the UI tests run many in turn.)"""
        self._observers.clear()

    # Kivy's rule compiler calls these for `tr._`; everything else is an ordinary property.
    def fbind(self, name: str, func: Callable[..., Any], *largs: Any, **kwargs: Any) -> int:
        if name in _WATCHED:
            uid = next(self._uids)
            self._observers[uid] = (func, largs, kwargs)
            return uid
        return super().fbind(name, func, *largs, **kwargs)

    def funbind(self, name: str, func: Callable[..., Any], *largs: Any, **kwargs: Any) -> None:
        if name in _WATCHED:
            for uid, observer in list(self._observers.items()):
                if observer == (func, largs, kwargs):
                    del self._observers[uid]
            return
        super().funbind(name, func, *largs, **kwargs)

    def unbind_uid(self, name: str, uid: int) -> None:
        if name in _WATCHED:
            self._observers.pop(uid, None)
            return
        super().unbind_uid(name, uid)

    @property
    def observer_count(self) -> int:
        return len(self._observers)


tr = Translator()
