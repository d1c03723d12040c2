import pytest

from kiosk.core.actor import Actor
from kiosk.core.codes import (
    MAX_QUEUE_NUMBER,
    RESUME_ALPHABET,
    RESUME_LENGTH,
    new_resume_code,
    parse_queue_code,
    queue_code,
)
from kiosk.core.help_status import HelpStatus, check_help_transition
from kiosk.core.pins import WeakPin, check_pin_strength, hash_pin, is_pin_format, verify_pin
from kiosk.core.ticket_status import TicketStatus, check_ticket_transition
from kiosk.errors import KioskError, Refused


def test_queue_codes_round_trip() -> None:
    assert queue_code("A", 7) == "A007"
    assert parse_queue_code(" a17 ") == ("A", 17)
    assert parse_queue_code("17") is None
    assert parse_queue_code("AB1") is None
    # Only ASCII digits, and no more than fit a day: str.isdigit() would take these.
    for odd in ("A²", "A١٢", "A1000000", "Ä12"):
        assert parse_queue_code(odd) is None, odd


def test_every_printed_queue_code_can_be_typed_back() -> None:
    # "A10000" was printed but not found again: the two must agree on every number.
    for number in (0, 1, 999, 1000, 9999, 10_000, 123_456, MAX_QUEUE_NUMBER):
        assert parse_queue_code(queue_code("A", number)) == ("A", number)
    with pytest.raises(ValueError):
        queue_code("A", MAX_QUEUE_NUMBER + 1)


def test_resume_codes_avoid_ambiguous_characters() -> None:
    codes = {new_resume_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == RESUME_LENGTH and set(c) <= set(RESUME_ALPHABET) for c in codes)
    assert not set("0O1IL5S8B2Z") & set(RESUME_ALPHABET)


def test_served_ticket_cannot_be_called_again() -> None:
    check_ticket_transition("A001", TicketStatus.WAITING, TicketStatus.CALLED)
    with pytest.raises(Refused, match="A001 is served"):
        check_ticket_transition("A001", TicketStatus.SERVED, TicketStatus.CALLED)


def test_help_request_back_with_documents_may_rejoin_the_queue() -> None:
    check_help_transition("H001", HelpStatus.WAITING_DOCS, HelpStatus.OPEN)
    with pytest.raises(Refused, match="cannot become waiting docs"):
        check_help_transition("H001", HelpStatus.OPEN, HelpStatus.WAITING_DOCS)


@pytest.mark.parametrize(
    "pin",
    [
        "0000",
        "1234",
        "4321",
        "987654",
        "1212",
        "123",
        "1234567",
        "12a4",
        "777777",
        "123123",
        "²²³³",
        "١٢٣٩",
    ],
)
def test_weak_pins_are_refused(pin: str) -> None:
    with pytest.raises(WeakPin):
        check_pin_strength(pin)


def test_a_pin_is_four_to_six_ascii_digits() -> None:
    assert all(is_pin_format(pin) for pin in ("0000", "12345", "999999"))
    for pin in ("123", "1234567", "12a4", "12 34", "²²³³", "١٢٣٩", ""):
        assert not is_pin_format(pin), pin


def test_pin_hash_verifies_and_hides_the_pin() -> None:
    hashed = hash_pin("4826")
    assert "4826" not in hashed
    assert hashed.startswith("$argon2id$")
    assert verify_pin(hashed, "4826")
    assert not verify_pin(hashed, "4827")
    assert not verify_pin("", "4826")
    assert not verify_pin("not a hash", "4826")


def test_actor_parsing() -> None:
    assert Actor.parse("worker:12") == Actor("worker", "12")
    assert Actor.parse("anna") == Actor("staff", "anna")
    with pytest.raises(KioskError, match="staff:NAME"):
        Actor.parse("boss:x y")
