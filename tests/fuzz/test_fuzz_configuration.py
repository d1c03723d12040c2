"""Fuzzing the configuration file: whatever a clinic's file holds, the kiosk stops with a
ConfigError of short, printable lines naming the file, never a traceback.

Examples start from the shipped kiosk/config/kiosk.toml and change it the ways hand edits and
copies do: a value of another type or size, a misspelt or missing key, a stray line, a
byte-order mark, a control character. tests/fuzz_settings.py says how many."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.cli.common import load_configuration
from kiosk.settings.loader import LINE_EXCERPT, ConfigError
from tests.fuzz_settings import examples
from tests.support import default_toml

SHIPPED_LINES = default_toml().splitlines()
# Lines that set a key: `key = value`, as opposed to comments, headers and blank lines.
KEY_LINES = [i for i, line in enumerate(SHIPPED_LINES) if " = " in line and line[:1].isalpha()]

scalars = st.one_of(
    st.integers().map(str),  # beyond 64 bits too, which TOML refuses
    st.floats().map(repr),
    st.text(max_size=40).map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.text(max_size=2000).map(lambda s: json.dumps(s)),
    st.sampled_from(["true", "false", '""', "[]", "{}", "0", "-1", "9" * 30, "inf", "nan"]),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["9999-12-31", "0001-01-01", "24:00", "23:59:60", "00:00-24:00"]).map(
        json.dumps
    ),
    st.times().map(lambda t: t.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), inner, max_size=3).map(
            lambda table: "{ " + ", ".join(f"{k} = {v}" for k, v in table.items()) + " }"
        ),
    ),
    max_leaves=6,
)
odd_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60
) | st.sampled_from(["\ufeff", "\x00", "\x1b[2J", "\r", "\u202e", "[clinic]", "[[services]]"])


@st.composite
def edited_files(draw: st.DrawFn) -> str:
    lines = list(SHIPPED_LINES)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.sampled_from(KEY_LINES))
        key, _, _ = lines[index].partition(" = ")
        edit = draw(st.sampled_from(["value", "key", "drop", "repeat", "insert", "splice"]))
        if edit == "value":
            lines[index] = f"{key} = {draw(toml_values)}"
        elif edit == "key":
            lines[index] = f"{draw(st.from_regex(r'[A-Za-z0-9_-]{1,20}', fullmatch=True))} = "
            lines[index] += lines[index].partition(" = ")[2] or draw(toml_values)
        elif edit == "drop":
            lines[index] = ""
        elif edit == "repeat":
            lines.insert(index, lines[index])
        elif edit == "insert":
            lines.insert(draw(st.integers(0, len(lines))), draw(odd_text))
        else:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(odd_text) + line[at:]
    text = "\n".join(lines)
    return ("\ufeff" if draw(st.booleans()) else "") + text


def _check_refusal(error: ConfigError, path: Path) -> None:
    for line in str(error).splitlines():
        assert line.startswith(f"{path}: ")
        # The path, a key and an expectation, each cut at LINE_EXCERPT.
        assert len(line) <= len(str(path)) + 2 * LINE_EXCERPT + 10, line
        assert all(unicodedata.category(c)[0] != "C" for c in line), line


@examples(ci=150)
@given(text=edited_files())
def test_an_edited_configuration_is_read_or_refused_in_lines_naming_the_file(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_configuration(str(path))
    except ConfigError as error:
        _check_refusal(error, path)


@examples(ci=60)
@given(text=odd_text | st.text(max_size=500))
def test_any_text_as_a_configuration_is_refused_in_lines_naming_the_file(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_configuration(str(path))
    _check_refusal(refused.value, path)


@examples(ci=30)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_configuration_are_refused_in_lines_naming_the_file(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(data)
    with pytest.raises(ConfigError) as refused:
        load_configuration(str(path))
    _check_refusal(refused.value, path)
