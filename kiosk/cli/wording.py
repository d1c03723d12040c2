"""How the command line says an error: in English, with the command to run next.

A use case's error carries a code and its facts (kiosk.errors); its own sentence names no
command, because a nurse at the staff console or a client at the kiosk has none to run. Here,
and only here, the command line adds its commands and flags. Every code the program raises has
an entry (a test checks): a template formatted with the error's facts, where `{error}` is the
error's own sentence, which says it all for the many codes no command helps with.
"""

from __future__ import annotations

from kiosk.core.printable import printable
from kiosk.errors import KioskError

WORDS: dict[str, str] = {
    # Tickets and services
    "service.unknown": "{error}",
    "service.closed": "{error}",
    "window.unknown": "{error}",
    "window.not_serving": "{error}",
    "ticket.rapid_series": (
        "kiosk {kiosk} gave {count} numbers for {service} in the last {seconds} seconds, so no "
        "number was taken; if the client needs another, run the command again with --another"
    ),
    "ticket.code_invalid": "{error}",
    "ticket.not_found": "{error}; see today's queue with `kiosk ticket list`",
    "ticket.not_called": "{error}; call it with `kiosk ticket call --window N`",
    "ticket.wrong_state": "{error}; check the code or list the queue with `kiosk ticket list`",
    # The board
    "board.no_such_screen": "{error}; leave --screen out for the primary screen, or check `xrandr`",
    # Activities on the board
    "activity.text_empty": '{error}: write them in quotes, e.g. "Vertaisryhmä"',
    "activity.text_too_long": "{error}; shorten it",
    "activity.weekday_unknown": "{error}",
    "activity.day_and_weekdays": "{error}; give --day or --weekdays",
    "activity.day_past": "{error}; give today or a later day",
    "activity.not_found": "{error}; see them with `kiosk activity list`",
    # Help requests
    "help.closed": "{error}",
    "help.topic_unknown": "{error}",
    "help.not_found": "{error}",
    "help.return_code_unknown": "{error}",
    "help.wrong_state": "{error}; see its state with `kiosk help list`",
    "help.already_claimed": "{error}; see who with `kiosk help list`",
    "help.already_closed": "{error}",
    "help.staff_only": "{error}",
    "help.helper_unknown": "{error}; check the number with `kiosk worker list`",
    "help.helper_not_signed_in": "{error}",
    "help.note_empty": "{error}",
    "help.note_too_long": "{error}",
    "text.control_character": "{error} without it",
    "help.place_unknown": "{error} (`kiosk help places`)",
    "actor.invalid": "{error}, e.g. --by staff:anna",
    "actor.not_a_person": "{error}",
    # Staff: who may act, accounts, logins
    "staff.not_allowed": (
        "{error}; act as a staff account (--by staff:LOGIN) or leave --by out to act as "
        "yourself at the command line"
    ),
    "staff.unknown": "there is no staff account {login}; see `kiosk staff list`",
    "staff.inactive": "staff account {login} is deactivated; see `kiosk staff list --all`",
    "staff.admin_only": (
        "{error}; staff account {login} has the role staff. Act as an admin (--by staff:LOGIN) "
        "or leave --by out to act as yourself at the command line"
    ),
    "staff.login_invalid": '{error}; got "{login}"',
    "staff.name_length": "{error}",
    "staff.role_unknown": "{error}",
    "staff.login_taken": "the login {login} is taken; choose another (`kiosk staff list --all`)",
    "staff.not_found": "there is no staff account {login}; see `kiosk staff list --all`",
    "staff.already_inactive": "staff account {login} is already deactivated",
    "staff.not_locked": "staff account {login} is not locked",
    "staff.login_wrong": "{error}",
    "staff.account_locked": "{error} (`kiosk staff unlock LOGIN`)",
    "staff.login_paused": "{error}",
    "staff.account_inactive": "{error}",
    # Peer workers: accounts, PINs, signing in and out
    "worker.number_invalid": "{error}",
    "worker.name_length": "{error}",
    "worker.not_found": "{error}; see `kiosk worker list`",
    "worker.number_taken": "{error}",
    "worker.inactive": "{error}",
    "worker.already_inactive": "{error}",
    "worker.signed_in": "{error} (`kiosk worker sign-out` or a session correction)",
    "worker.no_badge": "{error}",
    "worker.may_not_work_today": "{error}",
    "contract.ends_before_start": "{error}",
    "contract.too_long": "{error}",
    "contract.outside": "{error}",
    "pin.format": "{error}",
    "pin.repeated_digit": "{error}",
    "pin.digits_in_a_row": "{error}",
    "pin.common": "{error}",
    "pin.wrong": "{error}",
    "pin.number_locked": "{error}",
    "pin.entry_paused": "{error}",
    "pin.badge_unknown": "{error}",
    "pin.not_locked": "{error}",
    "help.return_code_paused": "{error}",
    "sign_in.pass_expired": "{error}",
    "sign_in.already_signed_in": "{error}",
    "sign_in.not_signed_in": "{error}",
    "sign_in.signed_out_automatically": "{error}",
    "sign_in.peer_work_closed": "{error}",
    "task.unknown": "{error}",
    # Shifts, absences, sessions
    "shift.none_given": "{error}",
    "shift.too_many": "{error}",
    "shift.times_invalid": "{error}",
    "shift.ends_before_start": "{error}",
    "shift.in_the_past": "{error} (record past work with `kiosk session add`)",
    "shift.already_planned": "{error}; see `kiosk shift list`",
    "shift.overlap": "{error}",
    "shift.begun": "{error}",
    "shift.not_found": "{error}; see `kiosk shift list`",
    "month.invalid": "{error}",
    "weekday.unknown": "{error}",
    "absence.not_your_shift": "{error}",
    "absence.shift_begun": "{error}",
    "absence.shift_ended": "{error}",
    "absence.already_reported": "{error}",
    "absence.reason_unknown": "{error}",
    "absence.no_shift_that_day": "{error}; see `kiosk shift list`",
    "absence.not_found": "{error}; see `kiosk absence list` for the IDs",
    "absence.withdraw_begun": "{error}",
    "session.not_found": "{error}; see `kiosk session list`",
    "session.not_for_review": "{error}",
    "session.ends_before_start": "{error}",
    "session.too_long": "{error}",
    "session.ends_in_future": "{error}",
    "session.reason_missing": '{error}, e.g. --reason "forgot to sign out"',
    "session.reason_too_long": "{error}",
    "session.overlap": "{error}",
    # Pay periods
    "pay_period.invalid": "{error}",
    "pay_period.wrong_kind": "{error}",
    "pay_period.not_ended": "{error}",
    "pay_period.already_paid": "{error} by {paid_by}",
    "pay_period.open_sessions": "{error} (`kiosk session list --open`)",
    "pay_period.sessions_to_review": "{error} (`kiosk session list --review`)",
    "pay_period.locked": "{error} (`kiosk report reopen --period {period}`)",
    "pay_period.reopen_reason_missing": '{error}, e.g. --reason "missed session"',
    "pay_period.not_paid": "{error}",
    # Statistics
    "statistics.period_invalid": "{error}, with --period",
    "statistics.export_failed": "{error}",
    # The audit log
    "audit.days_invalid": "{error}, with --since and --until",
    "audit.kind_unknown": "{error}, with --kind",
    "audit.limit_invalid": "{error}, with --limit",
    # The database, the disk, the configuration, the printer's set-up
    "database.url_invalid": (
        '"{url}" is not a database URL; use e.g. sqlite:////var/lib/aula/kiosk.sqlite3 '
        "or postgresql+psycopg://user:password@host/dbname in KIOSK_DATABASE_URL"
    ),
    "database.unsupported": "{error}",
    "database.cannot_open": (
        "cannot open the database ({reason}); check KIOSK_DATABASE_URL or --data-dir, "
        "and if the file is damaged, move it aside and restore the latest backup"
    ),
    "database.not_set_up": "{error}; run `kiosk db upgrade` first",
    "database.outdated": "{error}; run `kiosk db upgrade` to migrate it",
    "database.newer_than_program": "{error}",
    "database.upgrade_failed": "{error}",
    "database.busy": "{error}",
    "storage.full": "{error}",
    "storage.read_only": "{error}",
    "database.damaged": "{error}",
    "database.gone": "{error}",
    "data_dir.cannot_create": "{error}; choose another with --data-dir or KIOSK_DATA_DIR",
    "demo.not_a_demo_database": (
        "{error}; choose another --data-dir, or add --move-aside to rename it and start the "
        "demo there"
    ),
    "config.not_found": "{error}; pass --config PATH or set KIOSK_CONFIG",
    "config.unreadable": "{error}",
    "config.not_toml": "{error}",
    "config.invalid": "{error}",
    "catalog.unreadable": "{error}",
    "printer.profile_unknown": "{error}",
    "printer.code_page_unknown": "{error}",
    "printer.code_page_number_unknown": "{error}",
    "printer.code_page_without_table": "{error}",
    "printer.qr_too_wide": "{error}",
}


def worded(error: KioskError) -> str:
    """The error as the command line says it. The command line's own errors (a date it cannot
    read, an --out that is a folder) have no code of their own and are said as they are.
    A fact that is text may be what was typed: its control characters are shown as escapes,
    not sent to the terminal (nor, for bytes that were not UTF-8, left unprintable)."""
    template = WORDS.get(error.code, "{error}")
    facts = {
        name: printable(value) if isinstance(value, str) else value
        for name, value in error.facts.items()
    }
    return template.format(error=error, **facts)
