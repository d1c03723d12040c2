"""The screens' words: gettext catalogues for fi, sv and en, compiled in memory at start.

The `.po` files in `kiosk/locale/<lang>/LC_MESSAGES/kiosk.po` are the source; nothing compiled is
kept in the repository. Message ids are English. The English catalogue still translates every
message (usually to itself), so a missing entry shows up the same way in every language.

Words that come from the configuration (service names, help topics, checklists) are translated
there, not here. No Kivy here: the catalogue test runs without a display.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.errors import KioskError
from kiosk.settings.schema import LANGUAGES

PACKAGE = Path(__file__).resolve().parents[1]
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "kiosk"
# Where screen words live. kiosk/devices has its own slip texts.
SOURCE_DIRS = (PACKAGE / "ui", PACKAGE / "screens")
# `_` translates now, `ngettext` picks a plural form, `N_` only marks a word kept in a table.
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}


def N_(message: str) -> str:
    """Marks a message kept in a table and translated when shown, so the extractor finds it."""
    return message


# Babel locales for dates, times and numbers: English in Finland writes 24 November and 09:41.
BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
_KV_CALL = re.compile(
    r"""\b(?P<func>_|N_|ngettext)\(\s*(?P<first>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
    r"""(?:\s*,\s*(?P<second>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))?"""
)


class CatalogError(KioskError):
    """A translation catalogue is missing or cannot be read."""

    code = "catalog.unreadable"


@dataclass(frozen=True)
class Message:
    """A word the screens use, and where."""

    id: str
    plural: str | None
    where: str


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    path = po_path(language)
    try:
        with path.open("rb") as source:
            return read_po(source, locale=language, domain=DOMAIN)
    except (OSError, ValueError) as error:
        raise CatalogError(f"{path}: cannot read the translations ({error})") from None


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalogue of one language, built in memory from its `.po` file."""
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(language))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def all_translations() -> dict[str, gettext.GNUTranslations]:
    return {language: translations(language) for language in LANGUAGES}


def source_files(dirs: Iterable[Path] = SOURCE_DIRS) -> list[Path]:
    return sorted(p for d in dirs for p in d.rglob("*") if p.suffix in (".py", ".kv"))


def extract_messages(files: Iterable[Path] | None = None) -> list[Message]:
    """Every message used in the screens' `.py` and `.kv` files."""
    found: list[Message] = []
    for path in source_files() if files is None else files:
        extract = _from_kv if path.suffix == ".kv" else _from_python
        found.extend(extract(path))
    return found


def _from_python(path: Path) -> Iterator[Message]:
    with path.open("rb") as source:
        for line, _func, message, _comments in extract_python(source, KEYWORDS, [], {}):
            if isinstance(message, tuple):
                singular, plural = message[0], message[1]
            else:
                singular, plural = message, None
            # Not a string: a call on a variable, `tr._(words)`; its words are marked with N_
            # where they are written, and found there.
            if isinstance(singular, str) and singular:
                yield Message(singular, plural, f"{path}:{line}")


def _from_kv(path: Path) -> Iterator[Message]:
    text = path.read_text(encoding="utf-8")
    for match in _KV_CALL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        first = _literal(match["first"])
        second = _literal(match["second"]) if match["second"] else None
        plural = second if match["func"] == "ngettext" else None
        yield Message(first, plural, f"{path}:{line}")


def _literal(token: str) -> str:
    # A kv string literal is a Python one; literal_eval reads it without running anything.
    value = ast.literal_eval(token)
    if not isinstance(value, str):
        raise CatalogError(f"expected a string literal, got {token}")
    return value


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def problems(language: str, messages: Iterable[Message] | None = None) -> list[str]:
    """What is wrong with one language's catalogue, one line each; empty when all is well."""
    catalog = read_catalog(language)
    used = list(extract_messages() if messages is None else messages)
    found: list[str] = []
    for message in used:
        entry = catalog.get(message.id)
        if entry is None or entry.fuzzy:
            state = "is missing" if entry is None else "is marked fuzzy"
            found.append(f'{language}: "{message.id}" ({message.where}) {state}')
            continue
        forms = list(entry.string) if isinstance(entry.string, tuple | list) else [entry.string]
        if message.plural is not None and not isinstance(entry.id, tuple | list):
            found.append(f'{language}: "{message.id}" ({message.where}) needs plural forms')
            continue
        if not all(forms):
            found.append(f'{language}: "{message.id}" ({message.where}) has no translation')
            continue
        expected = placeholders(message.id) | placeholders(message.plural or "")
        for form in forms:
            if placeholders(form or "") != expected:
                found.append(
                    f'{language}: "{form}" must use exactly the placeholders '
                    f'{sorted(expected)} of "{message.id}"'
                )
    ids = {m.id for m in used}
    for entry in catalog:
        key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
        if key and key not in ids:
            found.append(f'{language}: "{key}" is in the catalogue but no screen uses it')
    return found
