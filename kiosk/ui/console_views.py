"""The staff console's views: the tabs along its top bar, in order.

A view is a screen of `kiosk/screens/console/` (or, for an app's own view, of that app's
package) that shows its content inside the console's frame (`kiosk.ui.console_frame`), under
the bar with the views, who is logged in, "Log out" and the alerts. Adding a view is adding its
screen (`kiosk/screens/console/<name>.py` with `class Console<Name>Screen(ConsoleScreen)`, and
`<name>.kv` whose rule puts its content in a `ConsoleFrame`) and one line below. A view is
listed once it works end to end: the tab order is also the Ctrl+number order staff learn.

The console on a staff PC shows `CONSOLE_VIEWS`; the kiosk shows them after a staff login too,
plus its own (kiosk.ui.app). A view marked `admin_only` is shown to admins only; hiding it is a
courtesy, the use cases it calls check the role themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.ui.i18n import N_

# The console's screens are shown under this prefix, in the console and in the kiosk alike.
SCREEN_PREFIX = "console_"


@dataclass(frozen=True)
class ConsoleView:
    screen: str  # the screen's name, e.g. "console_queue"
    title: str  # an English msgid, marked with N_ and translated when shown
    icon: str  # a Material Design Icons name (kiosk/assets/icons/codepoints.txt)
    admin_only: bool = False


CONSOLE_VIEWS: tuple[ConsoleView, ...] = (
    ConsoleView(f"{SCREEN_PREFIX}queue", N_("Help requests"), "hand-heart"),
    ConsoleView(f"{SCREEN_PREFIX}window", N_("Calling numbers"), "bullhorn"),
    ConsoleView(f"{SCREEN_PREFIX}people", N_("People"), "account-group"),
    ConsoleView(f"{SCREEN_PREFIX}printers", N_("Printers"), "printer"),
    ConsoleView(f"{SCREEN_PREFIX}activities", N_("Activities"), "calendar-star"),
    ConsoleView(f"{SCREEN_PREFIX}statistics", N_("Statistics"), "chart-bar"),
    ConsoleView(f"{SCREEN_PREFIX}audit", N_("Audit log"), "shield-search", admin_only=True),
)


def views_for(views: Sequence[ConsoleView], *, admin: bool) -> list[ConsoleView]:
    """The views a person with this role is shown, in order."""
    return [view for view in views if admin or not view.admin_only]
