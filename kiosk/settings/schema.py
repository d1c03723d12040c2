"""The shape of `kiosk/config/kiosk.toml`, validated when it is loaded.

Every model forbids unknown keys, so a misspelt setting stops the kiosk with a message instead of
being silently ignored for years. Values a clinic changes (rates, caps, periods, topics, hours) live
here, never as constants in code.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.core.activities import TEXT_MAX_LENGTH, parse_weekdays
from kiosk.core.opening_hours import WEEKDAYS

LANGUAGES = ("fi", "sv", "en")
_HOURS = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_CLOCK = re.compile(r"^(\d{2}):(\d{2})$")
# The rates a receipt printer's serial port offers; `kiosk printer status --baud` takes the same.
BaudRate = Literal[1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]
BAUD_RATES: tuple[int, ...] = get_args(BaudRate)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _parse_clock(text: str) -> time:
    match = _CLOCK.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f'expected a time "HH:MM" such as "04:00", got "{text}"')
    return time(int(match[1]), int(match[2]))


class Translated(Strict):
    """A text in each language. Finnish is required; the others fall back to it."""

    fi: Annotated[str, Field(min_length=1)]
    sv: str = ""
    en: str = ""

    def get(self, language: str) -> str:
        return getattr(self, language, "") or self.fi


class TranslatedList(Strict):
    fi: list[str]
    sv: list[str] = []
    en: list[str] = []

    def get(self, language: str) -> list[str]:
        return getattr(self, language, None) or self.fi


class OpeningSpan(Strict):
    """One day's opening hours, written "07:30-11:00"."""

    opens: time
    closes: time

    @classmethod
    def parse(cls, text: str) -> OpeningSpan:
        match = _HOURS.match(text)
        if not match:
            raise ValueError(
                f'expected opening hours "HH:MM-HH:MM" such as "07:30-11:00", got "{text}"'
            )
        opens = _parse_clock(f"{match[1]}:{match[2]}")
        end = f"{match[3]}:{match[4]}"
        # "24:00" means open until midnight; a time object cannot say 24:00.
        closes = time(23, 59, 59) if end == "24:00" else _parse_clock(end)
        if closes <= opens:
            raise ValueError(f'closing time must be after opening time, got "{text}"')
        return cls(opens=opens, closes=closes)

    @property
    def minutes(self) -> float:
        any_day = date(2000, 1, 3)
        opened = datetime.combine(any_day, self.closes) - datetime.combine(any_day, self.opens)
        return opened.total_seconds() / 60


class Service(Strict):
    """A queue with its own letter prefix, e.g. A = medication dispensing."""

    id: Annotated[str, Field(pattern=r"^[A-Z]$")]
    names: Translated
    # The home tile's icon, a Material Design Icons name (kiosk/assets/icons/codepoints.txt), so the
    # services differ in more than their words.
    icon: str = "ticket-outline"
    windows: Annotated[list[int], Field(min_length=1)]
    hours: dict[str, OpeningSpan]
    last_ticket_minutes_before_close: Annotated[int, Field(ge=0, le=240)] = 15
    default_minutes_per_client: Annotated[float, Field(gt=0, le=120)] = 3.0

    @field_validator("hours", mode="before")
    @classmethod
    def _parse_hours(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        parsed: dict[str, object] = {}
        for day, span in value.items():
            if day not in WEEKDAYS:
                raise ValueError(f'unknown weekday "{day}"; use one of {", ".join(WEEKDAYS)}')
            try:
                parsed[day] = OpeningSpan.parse(span) if isinstance(span, str) else span
            except ValueError as error:
                raise ValueError(f"{day}: {error}") from None
        return parsed

    @field_validator("hours")
    @classmethod
    def _some_day_open(cls, value: dict[str, OpeningSpan]) -> dict[str, OpeningSpan]:
        # A service that is never open would only ever answer "it opens next no time set".
        if not value:
            raise ValueError(
                'no opening day; give at least one, e.g. hours = { mon = "08:00-15:00" }, '
                "or remove the service"
            )
        return value

    @model_validator(mode="after")
    def _tickets_can_be_taken(self) -> Service:
        # Numbers stop last_ticket_minutes_before_close before closing: a day no longer than
        # that would show the service as open but never give a number.
        for day, span in self.hours.items():
            if span.minutes <= self.last_ticket_minutes_before_close:
                raise ValueError(
                    f"hours.{day} is open {round(span.minutes)} minutes, not longer than "
                    f"last_ticket_minutes_before_close = {self.last_ticket_minutes_before_close}, "
                    "so no number could be taken that day; lengthen the hours or lower the cut-off"
                )
        return self


class HelpTopic(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    names: Translated
    icon: str = "help"
    staff_only: bool = False
    guide_url: str = ""
    checklist: TranslatedList = TranslatedList(fi=[])


class HelpPlace(Strict):
    """A help desk a request is called to, as a ticket is called to a window: the Lift computer,
    the social worker's room. Its name is shown on the public screens beside the code."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,23}$")]
    names: Translated


class HelpSettings(Strict):
    minutes_per_request: Annotated[float, Field(gt=0, le=240)] = 20.0
    # Where a peer worker's claim at the kiosk calls the request to; "" means the first place.
    peer_worker_place: str = ""
    topics: Annotated[list[HelpTopic], Field(min_length=1)]
    places: list[HelpPlace] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> HelpSettings:
        for kind, ids in (
            ("help topic", [topic.id for topic in self.topics]),
            ("help place", [place.id for place in self.places]),
        ):
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                raise ValueError(f"{kind} ids must be unique, repeated: {', '.join(duplicates)}")
        if self.peer_worker_place and self.place(self.peer_worker_place) is None:
            known = ", ".join(p.id for p in self.places) or "none configured"
            raise ValueError(
                f'peer_worker_place "{self.peer_worker_place}" is not one of the help.places '
                f"({known})"
            )
        return self

    def topic(self, topic_id: str) -> HelpTopic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def place(self, place_id: str) -> HelpPlace | None:
        return next((p for p in self.places if p.id == place_id), None)

    def peer_workers_place(self) -> HelpPlace | None:
        """Where a peer worker's claim calls a request to; None when no place is configured."""
        if self.peer_worker_place:
            return self.place(self.peer_worker_place)
        return self.places[0] if self.places else None


class ClinicSettings(Strict):
    name: str = "Aula"
    timezone: str = "Europe/Helsinki"
    business_day_start: time = time(4, 0)
    privacy_mode: bool = True
    default_language: Literal["fi", "sv", "en"] = "fi"

    @field_validator("business_day_start", mode="before")
    @classmethod
    def _parse_start(cls, value: object) -> object:
        return _parse_clock(value) if isinstance(value, str) else value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f'unknown time zone "{value}"; use an IANA name such as "Europe/Helsinki"'
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class ScreenSettings(Strict):
    """The physical screen, so touch targets can be sized in millimetres."""

    width_px: Annotated[int, Field(gt=0)] = 1920
    height_px: Annotated[int, Field(gt=0)] = 1080
    diagonal_inches: Annotated[float, Field(gt=5, le=100)] = 21.5


# A device's id is written into the audit log as what an event is about (24 characters there).
DEVICE_ID = r"^[A-Za-z0-9_.-]{1,24}$"


class KioskSettings(Strict):
    id: Annotated[str, Field(pattern=DEVICE_ID)] = "lounge-1"
    # After more than this many numbers for one service from this kiosk within
    # rapid_series_seconds, the next client is asked "Do you need a number?" first (a child
    # playing, a confused client): paper is saved and nobody is given someone else's number.
    # 0: never ask.
    rapid_series_tickets: Annotated[int, Field(ge=0, le=100)] = 4
    rapid_series_seconds: Annotated[int, Field(ge=1, le=3600)] = 30
    # The ticket screen goes back to the start by itself this long after showing the number.
    ticket_screen_seconds: Annotated[int, Field(ge=5, le=120)] = 15
    # The help result (number, topic, return code) goes back to the start after this long, so
    # a client's return code does not stay on the lounge screen after they walk away.
    help_result_seconds: Annotated[int, Field(ge=10, le=300)] = 30
    idle_timeout_seconds: Annotated[int, Field(ge=10, le=3600)] = 60
    idle_warning_seconds: Annotated[int, Field(ge=3, le=120)] = 15
    # "How did your visit go today?" with four faces, on the home screen and after a number is
    # taken. One tap counts once: after a counted answer this kiosk counts the next one only when
    # a number has been taken here since (a new client), or after feedback_pause_seconds.
    ask_feedback: bool = True
    feedback_pause_seconds: Annotated[int, Field(ge=5, le=3600)] = 60
    screen: ScreenSettings = ScreenSettings()

    @model_validator(mode="after")
    def _warning_fits(self) -> KioskSettings:
        if self.idle_warning_seconds >= self.idle_timeout_seconds:
            raise ValueError("idle_warning_seconds must be shorter than idle_timeout_seconds")
        return self


class WorkerTask(Strict):
    """Something a peer worker does during a session: coffee, lounge host, computer help…"""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    names: Translated
    icon: str = "hand-heart"


class AbsenceReason(Strict):
    """A reason category a worker may pick when reporting an absence; never free text."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    names: Translated


class PeerWorkSettings(Strict):
    allowance_rate_eur_per_hour: Annotated[Decimal, Field(ge=0, le=100)] = Decimal("2.00")
    allowance_daily_cap_eur: Annotated[Decimal, Field(ge=0, le=1000)] = Decimal("12.00")
    pay_period: Literal["month", "week"] = "month"
    rounding: Literal["minute", "quarter_hour_down"] = "minute"
    max_contract_months: Annotated[int, Field(ge=1, le=24)] = 6
    max_days_per_week: Annotated[int, Field(ge=1, le=7)] = 3
    contract_warning_days: Annotated[int, Field(ge=0, le=90)] = 14
    # A session still open at closing time, or this long after it began, was a forgotten sign-out.
    closing_time: time = time(16, 0)
    max_session_hours: Annotated[float, Field(gt=0, le=16)] = 6.0
    forgotten_check_minutes: Annotated[int, Field(ge=1, le=60)] = 5
    pin_max_failures: Annotated[int, Field(ge=3, le=20)] = 5
    pin_lock_minutes: Annotated[int, Field(ge=1, le=1440)] = 15
    kiosk_max_failures: Annotated[int, Field(ge=5, le=200)] = 20
    kiosk_failure_window_minutes: Annotated[int, Field(ge=1, le=120)] = 10
    kiosk_pause_minutes: Annotated[int, Field(ge=1, le=60)] = 1
    greeting_seconds: Annotated[int, Field(ge=3, le=60)] = 10
    # Peer workers are clients too: the lounge screen greets a worker by number. True greets
    # them by the first name in their display name instead, for a clinic that chose so.
    greet_by_name: bool = False
    rules: TranslatedList = TranslatedList(fi=[])
    tasks: list[WorkerTask] = []
    absence_reasons: list[AbsenceReason] = []

    @field_validator("closing_time", mode="before")
    @classmethod
    def _parse_closing(cls, value: object) -> object:
        return _parse_clock(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _unique_choices(self) -> PeerWorkSettings:
        for kind, items in (("task", self.tasks), ("absence reason", self.absence_reasons)):
            ids = [item.id for item in items]
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                raise ValueError(f"{kind} ids must be unique, repeated: {', '.join(duplicates)}")
        return self

    @field_validator("allowance_rate_eur_per_hour", "allowance_daily_cap_eur", mode="before")
    @classmethod
    def _money(cls, value: object) -> object:
        # TOML floats would make 2.1 € into 2.100000000000000088817841970012523 €.
        if isinstance(value, float | int) and not isinstance(value, bool):
            return Decimal(str(value))
        if isinstance(value, str):
            try:
                return Decimal(value)
            except ArithmeticError:
                raise ValueError(
                    f'expected an amount in euros such as 2.00, got "{value}"'
                ) from None
        return value

    def task(self, task_id: str) -> WorkerTask | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def absence_reason(self, reason_id: str) -> AbsenceReason | None:
        return next((r for r in self.absence_reasons if r.id == reason_id), None)


class StaffSettings(Strict):
    """Staff accounts' PINs: the lockout, as for peer workers (kiosk.services.staff_auth)."""

    # Wrong PINs in a row for one login before it is locked, and for how long.
    pin_max_failures: Annotated[int, Field(ge=3, le=20)] = 5
    pin_lock_minutes: Annotated[int, Field(ge=1, le=1440)] = 15
    # Failed logins on one device (any login), each within the window of the one before, that
    # pause staff login there, and for how long.
    device_max_failures: Annotated[int, Field(ge=5, le=200)] = 10
    device_failure_window_minutes: Annotated[int, Field(ge=1, le=120)] = 10
    device_pause_minutes: Annotated[int, Field(ge=1, le=60)] = 1


class ConsoleSettings(Strict):
    """The staff console on this machine (`kiosk console`): a staff PC, or the kiosk machine."""

    # Its device id in the audit log and for its login pause; "" means console-<host name>.
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{0,24}$")] = ""
    # Logged out after this long without a key, click or touch, announced this long before with
    # a way to stay. The kiosk's own staff screens use kiosk.idle_timeout_seconds instead.
    idle_logout_seconds: Annotated[int, Field(ge=60, le=12 * 3600)] = 900
    idle_warning_seconds: Annotated[int, Field(ge=10, le=300)] = 60
    # An open help request waiting this long raises an alert (as a new request does).
    help_wait_alert_minutes: Annotated[int, Field(ge=1, le=480)] = 15
    # The help desk (a help.places id) this console stands at: a claim here calls the request
    # there. "": the console asks where to call it.
    place: str = ""
    # Where the statistics view saves its CSV files; "": the Documents folder of whoever runs
    # the console (their home folder if they have none). "~" means their home.
    export_dir: str = ""
    # The dispensing or nurse window (one of the services' windows) this console stands at: the
    # window view opens there, and staff may still pick another for their session. 0: the view
    # asks which window.
    window: Annotated[int, Field(ge=0)] = 0

    @model_validator(mode="after")
    def _warning_fits(self) -> ConsoleSettings:
        if self.idle_warning_seconds >= self.idle_logout_seconds:
            raise ValueError("idle_warning_seconds must be shorter than idle_logout_seconds")
        return self


class BoardActivity(Strict):
    """Something on in the lounge, shown on the board and on the kiosk's home screen on the days
    it is on: "13.00 Vertaisryhmä", "Kahvi on valmis". Staff add one-off ones with
    `kiosk activity add` (and in the staff console)."""

    names: Translated
    # When it starts, "HH:MM"; leave it out for something on all day.
    at: time | None = None
    # The days it is on, e.g. ["tue", "thu"]; empty: every day.
    weekdays: list[str] = []

    @field_validator("at", mode="before")
    @classmethod
    def _parse_at(cls, value: object) -> object:
        return _parse_clock(value) if isinstance(value, str) else value

    @field_validator("weekdays")
    @classmethod
    def _known_days(cls, value: list[str]) -> list[str]:
        return list(parse_weekdays(value))

    @field_validator("names")
    @classmethod
    def _short(cls, value: Translated) -> Translated:
        for language in LANGUAGES:
            text = getattr(value, language)
            if len(text) > TEXT_MAX_LENGTH:
                raise ValueError(
                    f"{language}: at most {TEXT_MAX_LENGTH} characters, so the board shows it "
                    f'whole; "{text}" has {len(text)}'
                )
        return value


class QuietHours(Strict):
    """When the board makes no sound, e.g. "20:00-07:00" (across midnight) or "12:00-12:30"."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        match = _HOURS.match(text)
        if not match:
            raise ValueError(f'expected "HH:MM-HH:MM" such as "20:00-07:00", got "{text}"')
        start = _parse_clock(f"{match[1]}:{match[2]}")
        end = _parse_clock(f"{match[3]}:{match[4]}")
        if start == end:
            raise ValueError(f'quiet hours must start and end at different times, got "{text}"')
        return cls(start=start, end=end)

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


class BoardSettings(Strict):
    """The lounge's "now serving" board (`kiosk board`): a TV on the kiosk machine's second
    screen, or on a small computer of its own."""

    # Its device id in the logs: up to 24 letters, digits, . _ -; "" means board-<host name>.
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{0,24}$")] = ""
    # Its words and its spoken numbers; "" means clinic.default_language.
    language: Literal["", "fi", "sv", "en"] = ""
    # The chime and the spoken number, in percent of the computer's own volume.
    volume_percent: Annotated[int, Field(ge=0, le=100)] = 80
    # After the chime, say the number and the window (with espeak-ng, when it is installed).
    speak_numbers: bool = True
    # No sound at these local times, e.g. "20:00-07:00"; "" for none.
    quiet_hours: QuietHours | None = None
    activities: list[BoardActivity] = []

    @field_validator("quiet_hours", mode="before")
    @classmethod
    def _parse_quiet_hours(cls, value: object) -> object:
        if value == "":
            return None
        return QuietHours.parse(value) if isinstance(value, str) else value


class RetentionSettings(Strict):
    help_notes_days: Annotated[int, Field(ge=1, le=3650)] = 30
    help_requests_days: Annotated[int, Field(ge=1, le=3650)] = 180
    tickets_days: Annotated[int, Field(ge=1, le=3650)] = 30
    audit_days: Annotated[int, Field(ge=30, le=7300)] = 730
    unfinished_help_days: Annotated[int, Field(ge=7, le=3650)] = 60


class SerialSettings(Strict):
    port: str = "/dev/ttyUSB0"
    baudrate: BaudRate = 9600
    bytesize: Literal[7, 8] = 8
    parity: Literal["N", "E", "O"] = "N"
    stopbits: Literal[1, 2] = 1
    flow_control: Literal["none", "rtscts", "xonxoff"] = "rtscts"
    write_timeout_s: Annotated[float, Field(gt=0, le=60)] = 5.0
    status_timeout_s: Annotated[float, Field(gt=0, le=10)] = 0.5


class NetworkPrinterSettings(Strict):
    host: str = "192.0.2.10"
    port: Annotated[int, Field(gt=0, lt=65536)] = 9100
    timeout_s: Annotated[float, Field(gt=0, le=60)] = 5.0


class PrinterSettings(Strict):
    transport: Literal["serial", "file", "network", "virtual", "none"] = "virtual"
    profile: str = "TM-T20II"
    paper_width_mm: Literal[58, 80] = 80
    code_page: str = "CP858"
    native_qr: bool = True
    serial: SerialSettings = SerialSettings()
    network: NetworkPrinterSettings = NetworkPrinterSettings()
    # file: raw bytes appended here; virtual: one PNG per slip under this folder.
    # A relative path is taken from the data directory.
    file_path: str = "printer.bin"
    virtual_dir: str = "printed"


class Settings(Strict):
    clinic: ClinicSettings = ClinicSettings()
    kiosk: KioskSettings = KioskSettings()
    services: Annotated[list[Service], Field(min_length=1)]
    help: HelpSettings
    peer_work: PeerWorkSettings = PeerWorkSettings()
    staff: StaffSettings = StaffSettings()
    console: ConsoleSettings = ConsoleSettings()
    board: BoardSettings = BoardSettings()
    retention: RetentionSettings = RetentionSettings()
    printer: PrinterSettings = PrinterSettings()

    @model_validator(mode="after")
    def _unique_services(self) -> Settings:
        ids = [service.id for service in self.services]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"service letters must be unique, repeated: {', '.join(duplicates)}")
        if "H" in ids:
            raise ValueError('service letter "H" is taken by help requests; choose another')
        place = self.console.place
        if place and self.help.place(place) is None:
            known = ", ".join(p.id for p in self.help.places) or "none configured"
            raise ValueError(f'console.place "{place}" is not one of the help.places ({known})')
        window = self.console.window
        if window and window not in self.windows():
            known = ", ".join(map(str, self.windows()))
            raise ValueError(
                f"console.window {window} is not one of the services' windows ({known})"
            )
        return self

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id.upper()), None)

    def windows(self) -> list[int]:
        """Every dispensing or nurse window some service is called to, in order."""
        return sorted({window for service in self.services for window in service.windows})
