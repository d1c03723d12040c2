"""Finding and loading screens by name (see `kiosk.screens` for the convention).

A screen's module and `.kv` file are loaded the first time it is shown, as Electrum and Kivy's
showcase do: start-up stays quick and a screen nobody opens costs nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from kivy.lang import Builder

import kiosk.screens
from kiosk.ui.screen import KioskScreen

_loaded_kv: set[Path] = set()


def screen_names() -> list[str]:
    """Every screen module, without importing any of them."""
    return sorted(info.name for info in pkgutil.iter_modules(kiosk.screens.__path__))


def class_name(screen: str) -> str:
    return "".join(part.capitalize() for part in screen.split("_")) + "Screen"


def load_kv(path: Path) -> None:
    """Load a `.kv` file once per process; loading it twice would apply every rule twice."""
    resolved = path.resolve()
    if resolved not in _loaded_kv:
        Builder.load_file(str(resolved))
        _loaded_kv.add(resolved)


def screen_class(name: str) -> type[KioskScreen]:
    if name not in screen_names():
        raise LookupError(f'there is no screen "{name}"; add kiosk/screens/{name}.py and .kv')
    module = importlib.import_module(f"kiosk.screens.{name}")
    assert module.__file__ is not None
    kv = Path(module.__file__).with_suffix(".kv")
    if kv.exists():
        load_kv(kv)
    cls = getattr(module, class_name(name), None)
    if not (isinstance(cls, type) and issubclass(cls, KioskScreen)):
        raise LookupError(f"kiosk/screens/{name}.py must define class {class_name(name)}")
    return cls
