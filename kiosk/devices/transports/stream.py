"""A printer on the other end of a byte stream (a serial line or a TCP socket).

Every job goes: open (or reuse) the link, ask `DLE EOT` how the printer is, write the job, wait
until it has left this machine, ask again. Any failure closes the link, so the next job opens it
afresh: a cable plugged back in, a printer switched on again, just works.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Protocol

from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable
from kiosk.devices.transports import status_bits
from kiosk.devices.transports.status_bits import DLE_EOT, NO_REPLY, NOT_TAKING_DATA

STALLED = (
    "The printer stopped taking data; the slip may be cut short. Check the paper and the "
    "cover, then switch the printer off and on."
)
NOT_CONFIRMED = (
    "The printer took the slip but did not answer afterwards, so it may not have printed. "
    "Check the printer; if no slip came out, give the client the number by hand."
)


class LinkBroken(Exception):
    """The port or connection is gone or cannot be opened; `status` says which and why."""

    def __init__(self, status: PrinterStatus) -> None:
        super().__init__(status.detail)
        self.status = status


class LinkStalled(Exception):
    """The other end has taken no data for the whole write time-out."""


class Link(Protocol):
    def write(self, data: bytes, timeout: float) -> None:
        """All of `data`, or `LinkStalled` once no byte has moved for `timeout` seconds."""
        ...

    def read_byte(self, timeout: float) -> int | None:
        """One byte, or None after `timeout` seconds of silence."""
        ...

    def discard_input(self) -> None: ...

    def wait_until_sent(self, timeout: float) -> None:
        """Until the operating system has passed every byte on, or `LinkStalled`."""
        ...

    def close(self) -> None: ...


def wait_for_progress(pending: Callable[[], int], timeout: float) -> None:
    """Poll a count of unsent bytes until it is zero; stalled if it stays put for `timeout`."""
    last, since = -1, time.monotonic()
    while (left := pending()) > 0:
        now = time.monotonic()
        if left != last:
            last, since = left, now
        elif now - since > timeout:
            raise LinkStalled
        time.sleep(0.01)


class StreamPrinter(ABC):
    #: Keep the link open between jobs (a serial port) or not (a network printer that serves
    #: one connection at a time).
    keep_open = True

    def __init__(self, *, write_timeout: float, status_timeout: float) -> None:
        self._write_timeout = write_timeout
        self._status_timeout = status_timeout
        self._link: Link | None = None
        # The worker thread and a status poll from elsewhere must not interleave their bytes.
        self._lock = threading.Lock()

    @abstractmethod
    def _open(self) -> Link:
        """A fresh link, or `LinkBroken` with the reason it cannot be had."""

    def status(self) -> PrinterStatus:
        with self._lock:
            try:
                _, status = self._checked_link()
            except LinkBroken as broken:
                return broken.status
            self._release(status)
            return status

    def send(self, payload: bytes) -> PrinterStatus:
        with self._lock:
            try:
                link, before = self._checked_link()
            except LinkBroken as broken:
                raise PrinterUnavailable(broken.status) from None
            if not before.state.can_print:
                self._release(before)
                raise PrinterUnavailable(before)
            try:
                link.write(payload, self._write_timeout)
                link.wait_until_sent(self._write_timeout)
                after = self._confirmation(link)
            except LinkStalled:
                self._drop()
                raise PrinterUnavailable(PrinterStatus(PrinterState.OFFLINE, STALLED)) from None
            except LinkBroken as broken:
                self._drop()
                raise PrinterUnavailable(broken.status) from None
            self._release(after)
            if not after.state.can_print:
                # The paper ran out or the cover was opened while this job printed.
                detail = f"{after.detail} The slip may be cut short."
                raise PrinterUnavailable(PrinterStatus(after.state, detail))
            return after

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _checked_link(self) -> tuple[Link, PrinterStatus]:
        reused = self._link is not None
        link = self._link or self._open()
        self._link = link
        try:
            return link, self._read_status(link)
        except LinkBroken:
            self._drop()
            if not reused:
                raise
        # The handle kept from the last job went stale (cable pulled and put back): once more.
        link = self._link = self._open()
        try:
            return link, self._read_status(link)
        except LinkBroken:
            self._drop()
            raise

    def _confirmation(self, link: Link) -> PrinterStatus:
        """The printer's answer after a job. Some cheap printers answer only once idle again,
        and flow control holds a query back while the printer is busy, so silence is asked
        again for as long as a job may take to leave. Still silent: the job is not confirmed,
        and an unconfirmed slip is not reported as printed (a jammed printer that took the
        bytes into its buffer and stopped reading looks exactly like this)."""
        deadline = time.monotonic() + self._write_timeout
        while True:
            status = self._read_status(link)
            if status.detail not in (NO_REPLY, NOT_TAKING_DATA) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        if status.detail in (NO_REPLY, NOT_TAKING_DATA):
            raise LinkBroken(PrinterStatus(PrinterState.OFFLINE, NOT_CONFIRMED))
        return status

    def _read_status(self, link: Link) -> PrinterStatus:
        """`DLE EOT` 1, then 2 if offline, then 4. No answer at all: not OK."""
        try:
            printer = self._query(link, status_bits.PRINTER_STATUS)
            if printer is None:
                return PrinterStatus(PrinterState.OFFLINE, NO_REPLY)
            cause = None
            if printer & status_bits.OFFLINE:
                cause = self._query(link, status_bits.OFFLINE_CAUSE)
            paper = self._query(link, status_bits.PAPER_SENSOR)
        except LinkStalled:
            # With flow control a busy printer holds even the status query back.
            return PrinterStatus(PrinterState.OFFLINE, NOT_TAKING_DATA)
        return status_bits.interpret(printer, cause, paper)

    def _query(self, link: Link, n: int) -> int | None:
        link.discard_input()  # a late answer to an earlier query must not be read as this one
        link.write(DLE_EOT + bytes([n]), self._status_timeout)
        deadline = time.monotonic() + self._status_timeout
        while (left := deadline - time.monotonic()) > 0:
            value = link.read_byte(left)
            if value is None:
                return None
            if status_bits.is_status_byte(value):
                return value
        return None

    def _release(self, status: PrinterStatus) -> None:
        # A printer in trouble gets a fresh link next time, in case the trouble was the link.
        if not self.keep_open or not status.state.can_print:
            self._drop()

    def _drop(self) -> None:
        if self._link is not None:
            link, self._link = self._link, None
            link.close()
