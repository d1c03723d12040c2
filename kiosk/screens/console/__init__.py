"""The staff console's screens: each is `kiosk/screens/console/<name>.py` beside `<name>.kv`.

The console on a staff PC (`kiosk console`, kiosk.ui.console_app) shows them, and so does the
kiosk after its hidden gesture and a staff login (kiosk.ui.app), inside the kiosk's window. In
both, a screen here is shown by the name `console_<name>` and its class is `Console<Name>Screen`
(`queue.py` → `ConsoleQueueScreen`, shown as "console_queue"), so neither its name nor its `.kv`
rules meet the kiosk's own.

- `login`: the one staff login, for both: on a PC the keyboard works throughout (name, Tab,
  PIN, Enter); on the kiosk's touchscreen large on-screen keys and the PIN pad.
- the views (kiosk.ui.console_views lists them, in the order of the bar): each derives from
  `ConsoleScreen` (kiosk.ui.console_screen) and puts its content inside a `ConsoleFrame`. Adding a
  view is adding its two files and one line to `CONSOLE_VIEWS`.

A screen here knows its app through `kiosk.ui.host.ConsoleHost`: `self.app.staff` (who is logged
in), `self.app.alerts`, `self.app.log_out()`, `self.app.shared_screen`, and everything of
`ScreenHost`.
"""
