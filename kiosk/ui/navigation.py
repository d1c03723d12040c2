"""Finding and loading an app's screens by name (see `kiosk.screens` for the convention).

Each app has its own package of screens: the kiosk `kiosk.screens`, the staff console and the
board theirs inside it. A package's screens are its modules; its sub-packages are other apps'
screens and never this app's. A screen's module and `.kv` file are loaded the first time it is
shown, as Electrum and Kivy's showcase do: start-up stays quick and a screen nobody opens costs
nothing.

Kivy matches a `.kv` rule to a class by the class's name alone, in the whole process. So each
app but the kiosk gives its screen classes its own prefix (the console's "home" is
`ConsoleHomeScreen`), and one app's rules never reach another app's screen of the same name.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from kivy.lang import Builder

from kiosk.ui.screen import ShellScreen

_loaded_kv: set[Path] = set()


def load_kv(path: Path) -> None:
    """Load a `.kv` file once per process; loading it twice would apply every rule twice."""
    resolved = path.resolve()
    if resolved not in _loaded_kv:
        Builder.load_file(str(resolved))
        _loaded_kv.add(resolved)


def class_name(screen: str, prefix: str = "") -> str:
    return prefix + "".join(part.capitalize() for part in screen.split("_")) + "Screen"


class ScreenPackage:
    """The screens of one app: `<package>/<name>.py` beside `<package>/<name>.kv`, each
    defining `class <prefix><Name>Screen`."""

    def __init__(self, package: str, class_prefix: str = "") -> None:
        self.package = package
        self.class_prefix = class_prefix
        self._path = list(importlib.import_module(package).__path__)
        self._folder = package.replace(".", "/")

    def names(self) -> list[str]:
        """Every screen module, without importing any of them."""
        return sorted(info.name for info in pkgutil.iter_modules(self._path) if not info.ispkg)

    def __contains__(self, name: object) -> bool:
        return name in self.names()

    def screen_class(self, name: str) -> type[ShellScreen]:
        if name not in self:
            raise LookupError(f'there is no screen "{name}"; add {self._folder}/{name}.py and .kv')
        module = importlib.import_module(f"{self.package}.{name}")
        assert module.__file__ is not None
        kv = Path(module.__file__).with_suffix(".kv")
        if kv.exists():
            load_kv(kv)
        expected = class_name(name, self.class_prefix)
        cls = getattr(module, expected, None)
        if not (isinstance(cls, type) and issubclass(cls, ShellScreen)):
            raise LookupError(f"{self._folder}/{name}.py must define class {expected}")
        return cls
