"""Every configuration error stops the program with one message naming file, key and fix."""

from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.cli.wording import worded
from kiosk.devices.printer_model import check_printer_settings
from kiosk.settings.loader import DEFAULT_CONFIG, ConfigError, load_settings, parse_settings
from tests.support import default_toml

SOURCE = Path("/etc/aula/kiosk.toml")


def broken(old: str, new: str) -> str:
    text = default_toml()
    assert old in text, old
    return text.replace(old, new, 1)


def error_for(text: str) -> str:
    with pytest.raises(ConfigError) as raised:
        check_printer_settings(parse_settings(text, SOURCE).printer, SOURCE)
    return str(raised.value)


def test_shipped_configuration_is_valid() -> None:
    settings = load_settings()
    assert [s.id for s in settings.services] == ["A", "B"]
    assert [(p.id, p.names.en) for p in settings.help.places] == [
        ("lift", "Lift computer"),
        ("social", "Social worker's room"),
    ]
    assert all(p.names.fi and p.names.sv for p in settings.help.places)
    assert str(settings.peer_work.allowance_rate_eur_per_hour) == "2.00"
    assert str(settings.peer_work.allowance_daily_cap_eur) == "12.00"
    assert settings.clinic.privacy_mode
    assert settings.clinic.business_day_start.hour == 4
    assert all(t.names.fi and t.names.sv and t.names.en for t in settings.help.topics)
    # A client's return code leaves the lounge screen within half a minute; peer workers are
    # greeted by number unless the clinic chooses otherwise.
    assert settings.kiosk.help_result_seconds == 30
    assert settings.peer_work.greet_by_name is False


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "idle_warning_seconds = 15",
            "idle_warning_seconds = 15\nidle_warnign_seconds = 5",
            "/etc/aula/kiosk.toml: kiosk.idle_warnign_seconds: unknown key",
        ),
        (
            "baudrate = 19200",
            'baudrate = "fast"',
            "printer.serial.baudrate: Input should be 1200, 2400",
        ),
        (
            "rapid_series_tickets = 4",
            'rapid_series_tickets = "four"',
            "kiosk.rapid_series_tickets: Input should be a valid integer, got 'four'",
        ),
        (
            'mon = "08:00-15:00"',
            'mon = "15:00-08:00"',
            'services[id="B"].hours: mon: closing time must be after opening time, got "15:00-08:00"',
        ),
        (
            'allowance_daily_cap_eur = "12.00"',
            'allowance_daily_cap_eur = "-1"',
            "peer_work.allowance_daily_cap_eur: Input should be greater than or equal to 0",
        ),
        (
            'names = { fi = "Muu apu tietokoneella", ',
            "names = { ",
            'help.topics[id="computer_help"].names.fi: required key is missing',
        ),
        (
            'business_day_start = "04:00"',
            'business_day_start = "25:00"',
            'clinic.business_day_start: expected a time "HH:MM"',
        ),
        (
            'timezone = "Europe/Helsinki"',
            'timezone = "Europe/Hesa"',
            'clinic.timezone: unknown time zone "Europe/Hesa"',
        ),
        ("[clinic]", "[clinic", "not valid TOML"),
        (
            'profile = "TM-T20II"',
            'profile = "NoSuch"',
            'printer.profile: unknown printer profile "NoSuch"; use one of: AF-240',
        ),
        (
            'code_page = "CP858"',
            'code_page = "CP999"',
            'printer.code_page: "CP999" is not a code page of profile TM-T20II; use one of:',
        ),
        (
            # In the profile's list, but python-escpos knows none of its characters.
            'code_page = "CP858"',
            'code_page = "CP851"',
            'printer.code_page: "CP851" is not a code page of profile TM-T20II',
        ),
        (
            'sat = "09:00-11:00"',
            'sat = "09:00-09:10"',
            'services[id="A"]: hours.sat is open 10 minutes, not longer than '
            "last_ticket_minutes_before_close = 15, so no number could be taken that day",
        ),
        (
            'sat = "09:00-11:00"',
            'sat = "09:00-09:15"',
            "hours.sat is open 15 minutes, not longer than last_ticket_minutes_before_close = 15",
        ),
        (
            'mon = "08:00-15:00", tue = "08:00-15:00", wed = "08:00-15:00", '
            'thu = "08:00-15:00", fri = "08:00-14:00"',
            "",
            'services[id="B"].hours: no opening day; give at least one',
        ),
        ('id = "B"', 'id = "A"', "service letters must be unique, repeated: A"),
        (
            'id = "lounge-1"',
            'id = "lounge-kiosk-by-the-window-1"',
            "kiosk.id: String should match pattern",
        ),
        (
            "help_result_seconds = 30",
            "help_result_seconds = 3",
            "kiosk.help_result_seconds: Input should be greater than or equal to 10",
        ),
        (
            "greet_by_name = false",
            'greet_by_name = "no"',
            "peer_work.greet_by_name: Input should be a valid boolean",
        ),
        (
            'peer_worker_place = "lift"',
            'peer_worker_place = "sauna"',
            'help: peer_worker_place "sauna" is not one of the help.places (lift, social)',
        ),
        ('id = "social"', 'id = "lift"', "help place ids must be unique, repeated: lift"),
        (
            "idle_logout_seconds = 900",
            "idle_logout_seconds = 60",
            "console: idle_warning_seconds must be shorter than idle_logout_seconds",
        ),
        (
            'place = ""',
            'place = "sauna"',
            'console.place "sauna" is not one of the help.places (lift, social)',
        ),
        (
            "window = 0",
            "window = 4",
            "console.window 4 is not one of the services' windows (1, 2, 3)",
        ),
        ('id = ""', 'id = "pc 1"', "console.id: String should match pattern"),
        (
            "help_wait_alert_minutes = 15",
            "help_wait_alert_minutes = 0",
            "console.help_wait_alert_minutes: Input should be greater than or equal to 1",
        ),
    ],
)
def test_configuration_error_names_file_key_and_expectation(
    old: str, new: str, expected: str
) -> None:
    message = error_for(broken(old, new))
    assert expected in message
    assert message.startswith(str(SOURCE))
    assert "\n" not in message
    assert "Traceback" not in message


def test_shipped_demo_configuration_is_valid() -> None:
    demo = load_settings(DEFAULT_CONFIG.with_name("demo.toml"))
    assert all(len(service.hours) == 7 for service in demo.services)


def test_a_day_one_minute_longer_than_the_cut_off_is_accepted() -> None:
    settings = parse_settings(broken('sat = "09:00-11:00"', 'sat = "09:00-09:16"'), SOURCE)
    assert settings.services[0].hours["sat"].minutes == 16


def test_open_until_midnight_counts_the_last_hour() -> None:
    text = broken('sat = "09:00-11:00"', 'sat = "23:00-24:00"')
    assert parse_settings(text.replace("close = 15", "close = 59", 1), SOURCE)
    with pytest.raises(ConfigError, match=r"hours\.sat is open 60 minutes"):
        parse_settings(text.replace("close = 15", "close = 60", 1), SOURCE)


def test_missing_file_says_how_to_choose_another(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: configuration file not found") as missing:
        load_settings(tmp_path / "nope.toml")
    assert missing.value.code == "config.not_found"
    assert worded(missing.value).endswith("not found; pass --config PATH or set KIOSK_CONFIG")


def test_kiosk_config_variable_selects_the_file(tmp_path: Path, monkeypatch) -> None:
    other = tmp_path / "other.toml"
    other.write_text(broken('name = "Aula"', 'name = "Lift"'), encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(other))
    assert load_settings().clinic.name == "Lift"


def test_cli_stops_with_one_line_and_non_zero_exit(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "kiosk.toml"
    bad.write_text(broken("privacy_mode = true", "privacy_mode = 1"), encoding="utf-8")
    code = main(["--config", str(bad), "--data-dir", str(tmp_path), "ticket", "list"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [
        f"kiosk: {bad}: clinic.privacy_mode: Input should be a valid boolean, got 1"
    ]


@pytest.mark.parametrize(
    ("section", "line", "instead"),
    [
        ("kiosk", "burst_guard_seconds = 10", "kiosk.rapid_series_tickets asks"),
        ("kiosk", 'staff_pin_hash = "$argon2id$v=19$m=65536"', "`kiosk staff add`"),
        ("peer_work", 'admin_pin_hash = ""', "the admin role re-opens a paid pay period"),
    ],
)
def test_a_key_retired_by_an_upgrade_is_ignored_with_a_warning(
    caplog: pytest.LogCaptureFixture, section: str, line: str, instead: str
) -> None:
    """A clinic's file from before the upgrade still starts the kiosk, and says what to do."""
    text = default_toml().replace(f"[{section}]\n", f"[{section}]\n{line}\n", 1)
    with caplog.at_level("WARNING"):
        settings = parse_settings(text, SOURCE)
    assert settings.kiosk.rapid_series_tickets == 4
    key = line.split(" = ")[0]
    assert f"{SOURCE}: {section}.{key} is no longer used and was ignored: " in caplog.text
    assert instead in caplog.text and "remove it from the file" in caplog.text


def test_an_unknown_key_still_stops_the_program() -> None:
    message = error_for(default_toml().replace("[kiosk]\n", "[kiosk]\nburst_guard = 10\n", 1))
    assert "kiosk.burst_guard" in message


def test_peer_workers_claim_to_the_first_desk_unless_one_is_named() -> None:
    named = parse_settings(default_toml(), SOURCE).help
    assert named.peer_workers_place() == named.place("lift")
    first = parse_settings(
        broken('peer_worker_place = "lift"', 'peer_worker_place = ""').replace(
            'id = "lift"', 'id = "desk"'
        ),
        SOURCE,
    ).help
    assert first.peer_workers_place() == first.place("desk")


def test_a_huge_bad_value_is_quoted_short_and_once() -> None:
    huge = "x" * 1_000_000
    message = error_for(broken("privacy_mode = true", f'privacy_mode = "{huge}"'))
    assert "clinic.privacy_mode" in message
    assert len(message) < 1_000
    assert message.count("x" * 50) <= 1


def test_control_characters_in_a_value_or_key_are_shown_as_escapes() -> None:
    message = error_for(broken("privacy_mode = true", 'privacy_mode = "\\u001b[2J\\u0007"'))
    assert "\x1b" not in message and "\x07" not in message
    assert "\\x1b[2J\\x07" in message
    message = error_for(default_toml().replace("[kiosk]\n", '[kiosk]\n"be\\u0007ll" = 1\n', 1))
    assert "\x07" not in message and "kiosk.be\\x07ll" in message


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Notepad on a staff PC writes one at the start of the file.
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"\xef\xbb\xbf" + default_toml().encode("utf-8"))
    assert load_settings(path).clinic.name == parse_settings(default_toml(), SOURCE).clinic.name
