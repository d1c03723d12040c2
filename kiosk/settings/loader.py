"""Finding, reading and validating the configuration file.

A broken configuration must stop the kiosk with one sentence a clinic's IT person can act on:
the file, the key, what is expected. Never a traceback.
"""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from kiosk.core.printable import printable
from kiosk.errors import KioskError
from kiosk.paths import SHIPPED_CONFIG
from kiosk.settings.schema import Settings

DEFAULT_CONFIG = SHIPPED_CONFIG / "kiosk.toml"

log = logging.getLogger(__name__)

# Keys a clinic's file may still hold from an earlier version, and what replaced them. A kiosk
# left running for years is upgraded with its old file: such a key is dropped with a warning
# instead of stopping every number at the first start after the upgrade. Any other unknown key
# still stops the program (a misspelt one must not be ignored for years).
RETIRED_KEYS: dict[str, str] = {
    "kiosk.burst_guard_seconds": (
        "each client's visit to the screen now keeps a double tap from taking two numbers, "
        "and kiosk.rapid_series_tickets asks before a long series"
    ),
    "kiosk.staff_pin_hash": (
        "staff log in with accounts of their own now; make an account for each staff member "
        "with `kiosk staff add` (see README, Staff accounts)"
    ),
    "peer_work.admin_pin_hash": (
        "a staff account with the admin role re-opens a paid pay period now"
    ),
}

# A bad value is quoted this far, and one line of the message no further: enough to find it in
# the file, never the whole of a pasted megabyte.
VALUE_EXCERPT = 60
LINE_EXCERPT = 300


class ConfigError(KioskError):
    """The configuration file is missing, unreadable or invalid."""


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--config` wins, then `KIOSK_CONFIG`, then the shipped `kiosk/config/kiosk.toml`."""
    if explicit:
        return Path(explicit)
    if os.environ.get("KIOSK_CONFIG"):
        return Path(os.environ["KIOSK_CONFIG"])
    return DEFAULT_CONFIG


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    source = config_path(path)
    try:
        # utf-8-sig: Notepad on a staff PC saves with a byte-order mark, which TOML would refuse.
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(
            f"{source}: configuration file not found", code="config.not_found", path=str(source)
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"{source}: cannot read the configuration file ({error})",
            code="config.unreadable",
            path=str(source),
            reason=str(error),
        ) from None
    return parse_settings(text, source)


def parse_settings(text: str, source: Path) -> Settings:
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{source}: not valid TOML: {error}; fix the syntax at that line",
            code="config.not_toml",
            path=str(source),
            reason=str(error),
        ) from None
    _drop_retired_keys(data, source)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(
            describe_validation_error(source, data, error), code="config.invalid", path=str(source)
        ) from None
    return settings


def _drop_retired_keys(data: dict[str, object], source: Path) -> None:
    for dotted, instead in RETIRED_KEYS.items():
        section, key = dotted.split(".")
        table = data.get(section)
        if isinstance(table, dict) and key in table:
            del table[key]
            log.warning(
                "%s: %s is no longer used and was ignored: %s; remove it from the file",
                source,
                dotted,
                instead,
            )


def describe_validation_error(source: Path, data: dict, error: ValidationError) -> str:
    """One line per problem, naming the key the way it is written in the file."""
    lines = []
    for problem in error.errors():
        key = printable(_key_name(data, problem["loc"]), LINE_EXCERPT)
        lines.append(f"{source}: {key}: {printable(_expectation(problem), LINE_EXCERPT)}")
    return "\n".join(lines)


def _key_name(data: object, loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            # Name list items by their id where they have one: services[id="A"] reads better
            # than services[0] in a file where the tables are not numbered.
            item = node[step] if isinstance(node, list) and step < len(node) else None
            label = f'id="{item["id"]}"' if isinstance(item, dict) and "id" in item else str(step)
            parts[-1] = f"{parts[-1]}[{label}]" if parts else f"[{label}]"
            node = item
        elif isinstance(step, str) and not step.startswith("function-") and "[" not in step:
            parts.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts) or "(top level)"


def _expectation(problem: ErrorDetails) -> str:
    kind = problem["type"]
    got = problem.get("input")
    if kind == "extra_forbidden":
        return f"unknown key; remove it or check its spelling against {DEFAULT_CONFIG}"
    if kind == "missing":
        return "required key is missing"
    message = str(problem["msg"]).removeprefix("Value error, ")
    if kind.endswith("_type") or kind in {
        "literal_error",
        "greater_than",
        "less_than",
        "greater_than_equal",
        "less_than_equal",
        "string_pattern_mismatch",
        "too_short",
    }:
        return f"{message}, got {printable(repr(got), VALUE_EXCERPT)}"
    return message
