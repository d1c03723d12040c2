"""The staff console's frame around every view: a bar with the time, the views, who is logged
in, "Log out" and the languages, and below it the alerts until someone acknowledges them.

A view's `.kv` rule puts its content inside (`ConsoleFrame:` with `current: root.name`, then the
content as its child); the frame draws its own parts above it. The bar's parts wrap onto a
second line in a narrow window (the kiosk in portrait). Keys are written on the buttons on a
staff PC and left out on the kiosk's touchscreen, where there is no keyboard to use them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.help_alerts import NEW, Alert
from kiosk.ui.help_request_words import topic_name
from kiosk.ui.host import ConsoleHost
from kiosk.ui.i18n import tr
from kiosk.ui.navigation import load_kv
from kiosk.ui.printer_alerts import PrinterAlarm
from kiosk.ui.printer_words import alarm_line
from kiosk.ui.widgets import KioskButton, Pressable

# Alerts listed in the banner one per line; any more are counted.
ALERT_LINES = 3


class ConsoleButton(KioskButton):
    """A button with its keyboard shortcut written on it ("C", "Ctrl+L") on a staff PC."""

    key = StringProperty("")


class ConsoleAction(Pressable, BoxLayout):
    """One of a view's actions in a grid of equal buttons: icon, words (onto a second line when
    long: a narrow button must not cut them) and its key."""

    icon = StringProperty("")
    text = StringProperty("")
    key = StringProperty("")


class ConsoleFrame(BoxLayout):
    # The screen this frame is on: its view's tab is shown chosen.
    current = StringProperty("")
    who = StringProperty("")
    alert_words = StringProperty("")
    has_alerts = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        # Before the .kv rule runs: on_kv_post uses these.
        self.host = cast(ConsoleHost, App.get_running_app())
        self._tabs: dict[str, ConsoleButton] = {}
        super().__init__(**kwargs)
        self.host.alerts.bind(pending=self._show_alerts)
        self.host.printer_alerts.bind(pending=self._show_alerts)
        self.host.bind(clock_text=self._show_alerts)
        self.host.staff.bind(staff_pass=self._show_who)
        tr.bind(language=self._words)

    def on_kv_post(self, _base_widget: Any) -> None:
        # Each tab goes into the bar itself, after the clock, so the tabs wrap one by one when
        # they do not fit on one line (the kiosk in portrait), as the bar's other parts do.
        bar = self.ids.bar
        after_the_clock = len(bar.children) - 1
        for number, view in enumerate(self.host.staff.views(), start=1):
            tab = ConsoleButton(icon=view.icon, key=f"Ctrl+{number}", size_hint_x=None)
            tab.bind(on_release=lambda _tab, screen=view.screen: self.host.show(screen))
            self._tabs[view.screen] = tab
            bar.add_widget(tab, index=after_the_clock)
        self._words()

    def on_current(self, *_args: Any) -> None:
        self._words()

    def acknowledge(self) -> None:
        self.host.alerts.acknowledge()
        self.host.printer_alerts.acknowledge()

    def _words(self, *_args: Any) -> None:
        for view in self.host.staff.views():
            tab = self._tabs.get(view.screen)
            if tab is not None:
                tab.text = tr._(view.title)
                tab.kind = "selected" if view.screen == self.current else "secondary"
        self._show_who()
        self._show_alerts()

    def _show_who(self, *_args: Any) -> None:
        staff_pass = self.host.staff.staff_pass
        self.who = staff_pass.display_name if staff_pass is not None else ""

    def _show_alerts(self, *_args: Any) -> None:
        # A printer that cannot print stops every client at its kiosk: those come first.
        alarms: list[PrinterAlarm] = list(self.host.printer_alerts.pending)
        alerts: list[Alert] = list(self.host.alerts.pending)
        lines = [alarm_line(alarm.kiosk_id, alarm.state) for alarm in alarms]
        lines += [self._alert_line(alert) for alert in alerts]
        self.has_alerts = bool(lines)
        more = len(lines) - ALERT_LINES
        lines = lines[:ALERT_LINES]
        if more > 0:
            lines.append(
                tr.ngettext("and {count} more", "and {count} more", more).format(count=more)
            )
        self.alert_words = "\n".join(lines)

    def _alert_line(self, alert: Alert) -> str:
        name = topic_name(self.host.settings, alert.topic)
        if alert.reason == NEW:
            return tr._("New help request {code}: {topic}").format(code=alert.code, topic=name)
        waited = self.host.ctx.clock.now() - alert.queued_at
        minutes = max(0, int(waited.total_seconds() // 60))
        return tr.ngettext(
            "{code} has waited {minutes} minute: {topic}",
            "{code} has waited {minutes} minutes: {topic}",
            minutes,
        ).format(code=alert.code, minutes=minutes, topic=name)


load_kv(Path(__file__).with_name("console_frame.kv"))
