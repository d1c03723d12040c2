"""The audit log, for admins: who did or saw what, when and from where, newest first, filtered
by days, by person and by kind of event.

Days: From and To, typed (24.11.2026 or 2026-11-24; Enter shows them) or moved together with
Earlier (Left) and Later (Right) by their own length; Today (T) shows today. It opens on today.
Person (P) and kind (K) are picked from a list, by digit, arrows or touch: everyone or one
staff account or peer worker, by name (this is an admin's screen); all kinds or one group of
kiosk.services.audit_log.KINDS.

Each read is recorded in the log itself (kiosk.services.audit_log), so the list is read when
the view opens, when a filter changes and on Refresh (F5), never on `app.live`: every read is a
commit that would wake every console again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.errors import KioskError
from kiosk.services import audit_log, staff_accounts, workers
from kiosk.services.audit_log import KINDS, AuditEntry, AuditFilter, AuditLog
from kiosk.ui.console_dialogs import Choice, ChoiceDialog
from kiosk.ui.console_screen import ConsoleScreen
from kiosk.ui.i18n import N_, tr
from kiosk.ui.keys import KEY_ENTER, KEY_F5, KEY_LEFT, KEY_RIGHT
from kiosk.ui.typed_day import HOW_TO_TYPE_DAYS, parse_typed_days

KIND_WORDS = {
    "staff": N_("Staff logins and accounts"),
    "help": N_("Help requests"),
    "ticket": N_("Queue numbers"),
    "work": N_("Peer work sessions"),
    "worker": N_("Peer workers"),
    "pin": N_("PIN locks"),
    "shift": N_("Shifts"),
    "absence": N_("Absences"),
    "payout": N_("Payout lists"),
    "pay_period": N_("Pay periods"),
    "printer": N_("Printers"),
    "people": N_("Views of peer workers on duty"),
    "activity": N_("Activities"),
    "kiosk": N_("Kiosks"),
    "retention": N_("Deleting old data"),
    "statistics": N_("Statistics"),
    "audit": N_("Views of the audit log"),
}


class AuditRow(BoxLayout):
    """One event: when, who and where; what, about what; its details."""

    heading = StringProperty("")
    what = StringProperty("")
    details = StringProperty("")


class ConsoleAuditScreen(ConsoleScreen):
    since = ObjectProperty(None, allownone=True)
    until = ObjectProperty(None, allownone=True)
    actor = StringProperty("")  # "": everyone
    actor_words = StringProperty("")
    kind = StringProperty("")  # "": every kind
    message = StringProperty("")
    problem = BooleanProperty(False)
    count_words = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        self._log: AuditLog | None = None
        self._words: Callable[[], str] | None = None
        super().__init__(**kwargs)
        tr.bind(language=self._language_changed)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self._quiet()
        if self.since is None:
            self.since = self.until = self.app.ctx.today()

    def on_enter(self, *args: Any) -> None:
        super().on_enter(*args)
        self.refresh()

    # --- the filter ---------------------------------------------------------------------------

    def kind_words(self, kind: str) -> str:
        return tr._(KIND_WORDS[kind]) if kind else tr._("All kinds")

    def step(self, steps: int) -> None:
        length = timedelta(days=(self.until - self.since).days + 1)
        self._show_days(self.since + length * steps, self.until + length * steps)

    def to_today(self) -> None:
        today = self.app.ctx.today()
        self._show_days(today, today)

    def typed_days(self) -> None:
        days = parse_typed_days(self.ids.since.text, self.ids.until.text)
        if days is None:
            self._say(lambda: tr._(HOW_TO_TYPE_DAYS), problem=True)
            return
        self._show_days(*days)

    def _show_days(self, since: date, until: date) -> None:
        self.since, self.until = since, until
        self.refresh()

    def choose_actor(self) -> None:
        ctx, by = self.app.ctx, self.by

        def people() -> list[Choice]:
            choices = [Choice(tr._("Everyone"), "account-multiple", "")]
            for account in staff_accounts.list_accounts(ctx, by=by, include_inactive=True):
                words = f"{account.display_name} (staff:{account.login})"
                choices.append(Choice(words, "account-tie", f"staff:{account.login}"))
            for worker in workers.list_workers(ctx, by=by, include_inactive=True):
                words = f"{worker.display_name} (worker:{worker.number})"
                choices.append(Choice(words, "account", f"worker:{worker.number}"))
            return choices

        self.ask(people, self._offer_people, self._say_refusal)

    def _offer_people(self, choices: list[Choice]) -> None:
        def chosen(value: object) -> None:
            self.actor = str(value)
            self.actor_words = next(c.words for c in choices if c.value == value)
            self.refresh()

        self.open_dialog(ChoiceDialog(tr._("Whose events?"), choices, chosen))

    def choose_kind(self) -> None:
        choices = [Choice(tr._("All kinds"), "format-list-bulleted", "")]
        choices += [Choice(tr._(KIND_WORDS[kind]), "tag-outline", kind) for kind in KINDS]

        def chosen(value: object) -> None:
            self.kind = str(value)
            self.refresh()

        self.open_dialog(ChoiceDialog(tr._("Which kind of events?"), choices, chosen))

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.app.staff.logged_in or self.since is None:
            return
        ctx, by = self.app.ctx, self.by
        try:
            chosen = AuditFilter.of(
                since=self.since, until=self.until, actor=self.actor, kind=self.kind
            )
        except KioskError as error:
            self._say_refusal(error)
            return
        self._quiet()
        self.ask(lambda: audit_log.list_events(ctx, chosen, by=by), self._read, self._say_refusal)

    def _language_changed(self, *_args: Any) -> None:
        if self._words is not None:
            self.message = self._words()
        self._show()

    def _read(self, log: AuditLog) -> None:
        self._log = log
        self._show()

    def _show(self) -> None:
        if self.since is not None:
            self.ids.since.text = self.since.strftime("%d.%m.%Y")
            self.ids.until.text = self.until.strftime("%d.%m.%Y")
        if not self.actor:
            self.actor_words = tr._("Everyone")
        rows = self.ids.rows
        rows.clear_widgets()
        log = self._log
        if log is None:
            return
        for entry in log.entries:
            rows.add_widget(self._row(entry))
        if not log.entries:
            self.count_words = tr._("No events match these choices.")
        elif log.more:
            self.count_words = tr._(
                "Only the newest {count} events are shown. Choose fewer days, one person or "
                "one kind to see the rest."
            ).format(count=len(log.entries))
        else:
            self.count_words = tr.ngettext(
                "{count} event", "{count} events", len(log.entries)
            ).format(count=len(log.entries))

    def _row(self, entry: AuditEntry) -> AuditRow:
        at = f"{entry.at.astimezone(self.app.settings.clinic.zone):%d.%m.%Y %H:%M:%S}"
        who = f"{entry.actor_name} ({entry.actor})" if entry.actor_name else entry.actor
        group = entry.action.partition(".")[0]
        kind = tr._(KIND_WORDS[group]) if group in KIND_WORDS else group
        about = " ".join(part for part in (entry.subject_type, entry.subject_code) if part)
        details = json.dumps(entry.details, ensure_ascii=False) if entry.details else ""
        return AuditRow(
            heading=f"{at} · {who} · {entry.device}",
            what=" · ".join(part for part in (kind, entry.action, about) if part),
            details=details,
        )

    # --- words and keys -----------------------------------------------------------------------

    def _say(self, words: Callable[[], str], *, problem: bool = False) -> None:
        """Show the words `words()` gives, said again in each language chosen while shown."""
        self._words = words
        self.message, self.problem = words(), problem

    def _quiet(self) -> None:
        self._words = None
        self.message, self.problem = "", False

    def _say_refusal(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            self.app.log_problem(self.name, error)
        self._say(lambda: self.refusal_words(error), problem=True)

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if self.ids.since.focus or self.ids.until.focus:
            return False  # the keys are the days' own
        if key == KEY_LEFT:
            self.step(-1)
        elif key == KEY_RIGHT:
            self.step(1)
        elif character == "t":
            self.to_today()
        elif character == "p":
            self.choose_actor()
        elif character == "k":
            self.choose_kind()
        elif key == KEY_F5:
            self.refresh()
        elif key in KEY_ENTER:
            self.typed_days()
        else:
            return False
        return True
