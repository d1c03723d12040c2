"""Raw TCP (port 9100) against a fake Ethernet printer on 127.0.0.1."""

from __future__ import annotations

import socket

import pytest

from kiosk.devices.states import PrinterState, PrinterUnavailable
from kiosk.devices.transports import NetworkPrinter
from kiosk.devices.transports.status_bits import NO_REPLY
from kiosk.settings.schema import NetworkPrinterSettings
from tests.devices.helpers import FakeNetworkPrinter

pytestmark = pytest.mark.timeout(20)

JOB = b"\x1b@\x1bt\x13\x1ba\x01B004\n\x1dVB\x00"


def network(port: int) -> NetworkPrinter:
    return NetworkPrinter(
        NetworkPrinterSettings(host="127.0.0.1", port=port, timeout_s=1.0), status_timeout=0.2
    )


def test_a_job_is_sent_over_its_own_connection(network_printer: FakeNetworkPrinter) -> None:
    printer = network(network_printer.port)
    assert printer.send(JOB).state == PrinterState.OK
    assert printer.send(JOB).state == PrinterState.OK
    assert bytes(network_printer.received) == JOB + JOB
    # One connection per job: a staff PC can print to the same printer in between.
    assert network_printer.connections == 2


def test_paper_out_reported_over_the_network(network_printer: FakeNetworkPrinter) -> None:
    printer = network(network_printer.port)
    network_printer.mode = "paper_out"
    with pytest.raises(PrinterUnavailable) as caught:
        printer.send(JOB)
    assert caught.value.status.state == PrinterState.PAPER_OUT
    assert network_printer.received == b""
    network_printer.mode = "ok"
    assert printer.send(JOB).state == PrinterState.OK


def test_a_printer_that_does_not_answer_status_is_offline(
    network_printer: FakeNetworkPrinter,
) -> None:
    network_printer.mode = "silent"
    assert network(network_printer.port).status().detail == NO_REPLY


def test_nothing_listening_is_disconnected() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    status = network(free_port).status()
    assert status.state == PrinterState.DISCONNECTED
    assert f"127.0.0.1:{free_port}" in status.detail
