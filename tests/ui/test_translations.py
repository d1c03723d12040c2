"""Every word on the screens exists in Finnish, Swedish and English, and nothing is left over."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from kiosk.settings.schema import LANGUAGES
from kiosk.ui import catalogs
from kiosk.ui.catalogs import Message, extract_messages, po_path, problems, translations


def test_the_screens_use_many_messages_and_the_extractor_finds_them() -> None:
    found = {m.id for m in extract_messages()}
    # A few from .kv files, .py files, plural forms and N_() tables, so a broken extractor
    # (which would make the next test pass vacuously) fails here.
    assert {"Take a number", "More time", "Working", "{count} person waiting"} <= found
    assert len(found) > 60


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    assert problems(language) == []


def test_a_missing_translation_is_reported(tmp_path: Path) -> None:
    kv = tmp_path / "new_screen.kv"
    kv.write_text('<NewScreen>:\n    Label:\n        text: tr._("A brand new message")\n')
    used = [*extract_messages(), *extract_messages([kv])]
    for language in LANGUAGES:
        assert any("A brand new message" in line for line in problems(language, used))


def test_a_translation_with_other_placeholders_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wrong = Catalog(locale="fi")
    wrong.add("Topic: {topic}", "Aihe: {aihe}")
    monkeypatch.setattr(catalogs, "read_catalog", lambda _language: wrong)
    found = catalogs.problems("fi", [Message("Topic: {topic}", None, "test")])
    assert len(found) == 1 and "placeholders" in found[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_compile_in_memory(language: str) -> None:
    catalogue = translations(language)
    assert catalogue.gettext("Take a number")
    assert "{count}" in catalogue.ngettext("{count} person waiting", "{count} people waiting", 3)
    assert po_path(language).exists()


def test_finnish_and_swedish_really_differ_from_english() -> None:
    english = translations("en")
    for language in ("fi", "sv"):
        catalogue = translations(language)
        assert catalogue.gettext("Take a number") != english.gettext("Take a number")
        assert catalogue.gettext("More time") != english.gettext("More time")
