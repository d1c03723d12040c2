from datetime import UTC, datetime

from kiosk.core.opening_hours import clinic_next_opening, next_opening, takes_tickets
from kiosk.settings.schema import Settings


def test_dispensing_takes_numbers_in_opening_hours(settings: Settings) -> None:
    service = settings.service("A")
    assert service is not None
    zone = settings.clinic.zone
    # Tuesday 07:30–11:30 local, last ticket 15 min before closing (11:15 = 09:15 UTC).
    assert not takes_tickets(service, datetime(2026, 11, 24, 5, 29, tzinfo=UTC), zone)
    assert takes_tickets(service, datetime(2026, 11, 24, 5, 30, tzinfo=UTC), zone)
    assert takes_tickets(service, datetime(2026, 11, 24, 9, 15, tzinfo=UTC), zone)
    assert not takes_tickets(service, datetime(2026, 11, 24, 9, 16, tzinfo=UTC), zone)


def test_next_opening_after_cut_off_is_tomorrow_morning(settings: Settings) -> None:
    service = settings.service("A")
    assert service is not None
    after_cut_off = datetime(2026, 11, 24, 9, 20, tzinfo=UTC)
    assert next_opening(service, after_cut_off, settings.clinic.zone) == datetime(
        2026, 11, 25, 5, 30, tzinfo=UTC
    )


def test_nurse_closed_at_weekend_opens_on_monday(settings: Settings) -> None:
    nurse = settings.service("B")
    assert nurse is not None
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    assert not takes_tickets(nurse, saturday, settings.clinic.zone)
    # Monday 08:00 EET.
    assert next_opening(nurse, saturday, settings.clinic.zone) == datetime(
        2026, 11, 30, 6, 0, tzinfo=UTC
    )


def test_the_clinic_is_open_while_any_service_takes_numbers(settings: Settings) -> None:
    services, zone = settings.services, settings.clinic.zone
    # Tuesday 12:00 local: dispensing has closed, the nurse takes numbers until 14:30.
    noon = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert clinic_next_opening(services, noon, zone) == noon
    # 15:00 local: both closed; dispensing opens first, at 07:30 on Wednesday.
    evening = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    assert clinic_next_opening(services, evening, zone) == datetime(2026, 11, 25, 5, 30, tzinfo=UTC)
    assert clinic_next_opening([], evening, zone) is None
