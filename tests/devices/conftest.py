"""Fixtures for the printer tests; the helpers behind them are in helpers.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.settings.schema import Settings
from tests.devices.helpers import FakeNetworkPrinter, FakeSerialPrinter, settings_for_tests


@pytest.fixture
def settings() -> Settings:
    return settings_for_tests()


@pytest.fixture
def fake_printer(tmp_path: Path) -> Iterator[FakeSerialPrinter]:
    printer = FakeSerialPrinter(tmp_path)
    yield printer
    printer.close()


@pytest.fixture
def network_printer() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter()
    yield printer
    printer.close()
