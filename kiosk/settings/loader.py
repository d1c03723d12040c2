"""Finding, reading and validating the configuration file.

A broken configuration must stop the kiosk with one sentence a clinic's IT person can act on:
the file, the key, what is expected. Never a traceback.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from kiosk.errors import KioskError
from kiosk.settings.schema import Settings

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "config" / "kiosk.toml"


class ConfigError(KioskError):
    """The configuration file is missing, unreadable or invalid."""


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--config` wins, then `KIOSK_CONFIG`, then the shipped `config/kiosk.toml`."""
    if explicit:
        return Path(explicit)
    if os.environ.get("KIOSK_CONFIG"):
        return Path(os.environ["KIOSK_CONFIG"])
    return DEFAULT_CONFIG


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    source = config_path(path)
    try:
        text = source.read_text(encoding="utf-8")
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
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{source}: not valid TOML: {error}; fix the syntax at that line",
            code="config.not_toml",
            path=str(source),
            reason=str(error),
        ) from None
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(
            describe_validation_error(source, data, error), code="config.invalid", path=str(source)
        ) from None
    return settings


# Keys an older version read, with what to do now: a clinic upgrading is told, not puzzled.
RETIRED_KEYS = {
    "kiosk.staff_pin_hash": (
        "no longer used: staff log in with accounts of their own now; remove the line and "
        "make an account for each staff member (see README, Staff accounts)"
    ),
    "peer_work.admin_pin_hash": (
        "no longer used: a staff account with the admin role re-opens a paid period now; "
        "remove the line"
    ),
}


def describe_validation_error(source: Path, data: dict, error: ValidationError) -> str:
    """One line per problem, naming the key the way it is written in the file."""
    lines = []
    for problem in error.errors():
        key = _key_name(data, problem["loc"])
        retired = RETIRED_KEYS.get(key) if problem["type"] == "extra_forbidden" else None
        lines.append(f"{source}: {key}: {retired or _expectation(problem)}")
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
        return "unknown key; remove it or check its spelling against config/kiosk.toml"
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
        return f"{message}, got {got!r}"
    return message
