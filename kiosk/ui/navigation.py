"""Finding and loading an app's screens by name (see `kiosk.screens` for the convention).

Each app has its own package of screens: the kiosk `kiosk.screens`, the staff console and the
board theirs inside it. A package's screens are its modules; its sub-packages are other apps'
screens and never this app's. A screen's module and `.kv` file are loaded the first time it is
shown, as Electrum and Kivy's showcase do: start-up stays quick and a screen nobody opens costs
nothing.

Kivy matches a `.kv` rule to a class by the class's name alone, in the whole process. So each
app but the kiosk gives its screen classes its own prefix (the console's "queue" is
`ConsoleQueueScreen`), and one app's rules never reach another app's screen of the same name.
An app may show another app's screens too (the kiosk shows the staff console's after a staff
login): that package's screen names then carry a prefix as well (`console_queue`), so they never
meet the app's own names, and `Screens` finds each name in its package.
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
    """The screens of one app: `<package>/<module>.py` beside `<package>/<module>.kv`, each
    defining `class <class_prefix><Module>Screen`, shown by the name `<name_prefix><module>`."""

    def __init__(self, package: str, class_prefix: str = "", *, name_prefix: str = "") -> None:
        self.package = package
        self.class_prefix = class_prefix
        self.name_prefix = name_prefix
        self._path = list(importlib.import_module(package).__path__)
        self._folder = package.replace(".", "/")

    def names(self) -> list[str]:
        """Every screen's name, one per module, without importing any of them."""
        return sorted(
            self.name_prefix + info.name
            for info in pkgutil.iter_modules(self._path)
            if not info.ispkg
        )

    def __contains__(self, name: object) -> bool:
        return name in self.names()

    def screen_class(self, name: str) -> type[ShellScreen]:
        module_name = name.removeprefix(self.name_prefix)
        if name not in self:
            raise LookupError(
                f'there is no screen "{name}"; add {self._folder}/{module_name}.py and .kv'
            )
        module = importlib.import_module(f"{self.package}.{module_name}")
        assert module.__file__ is not None
        kv = Path(module.__file__).with_suffix(".kv")
        if kv.exists():
            load_kv(kv)
        expected = class_name(module_name, self.class_prefix)
        cls = getattr(module, expected, None)
        if not (isinstance(cls, type) and issubclass(cls, ShellScreen)):
            raise LookupError(f"{self._folder}/{name}.py must define class {expected}")
        return cls


class Screens:
    """The screens an app shows: its own package first, then any other app's it shows too.
    A name found in two packages would make one of the screens unreachable: refused here."""

    def __init__(self, *packages: ScreenPackage) -> None:
        self.packages = packages
        self._where: dict[str, ScreenPackage] = {}
        for package in packages:
            for name in package.names():
                if name in self._where:
                    raise LookupError(
                        f'screen "{name}" is in both {self._where[name].package} and '
                        f"{package.package}; give one of the packages a name prefix"
                    )
                self._where[name] = package

    def names(self) -> list[str]:
        return sorted(self._where)

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def screen_class(self, name: str) -> type[ShellScreen]:
        package = self._where.get(name, self.packages[0])
        return package.screen_class(name)
