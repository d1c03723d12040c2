"""The app shell without the kiosk: a bare app on its own package of test screens.

The staff console and the board will be such apps. What every app gets from the shell is
checked here on one that has nothing of the kiosk's: its screens found in its own package (and
never in a sub-package, where another app's live), the lock-down, going home after a bug, and
the one guarded call by which a screen asks for work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from kivy.base import ExceptionManager
from kivy.core.window import Window

from kiosk.core.clock import FixedClock
from kiosk.errors import KioskError
from kiosk.ui.navigation import ScreenPackage
from kiosk.ui.screen import ShellScreen
from kiosk.ui.shell import ShellApp, _KeepRunning
from tests.support import TUESDAY_MORNING, around_the_clock_toml, migrated_context, settings_from
from tests.ui.conftest import FakeTime, forget_stopped_app
from tests.ui.driver import frames, settle, stop, texts

pytestmark = pytest.mark.ui

SCREENS = ScreenPackage("tests.ui.shell_screens", class_prefix="Bare")


@pytest.fixture
def shell(tmp_path: Path) -> Iterator[ShellApp]:
    settings = settings_from(around_the_clock_toml())
    url = f"sqlite:///{tmp_path / 'shell.sqlite3'}"
    ctx = migrated_context(settings, tmp_path, FixedClock(TUESDAY_MORNING), url)
    ctx.device = "test-board"
    app = ShellApp(ctx, screens=SCREENS, monotonic=FakeTime())
    forget_stopped_app()
    app._run_prepare()
    settle(app)
    yield app
    stop(app)


def asking(app: ShellApp) -> ShellScreen:
    app.show("asking")
    settle(app)
    return app.current_screen


def held(gate: threading.Event, answer: str) -> str:
    gate.wait(10)
    return answer


def refused_when(gate: threading.Event, error: Exception) -> str:
    gate.wait(10)
    raise error


# --- finding screens ------------------------------------------------------------------------


def test_an_app_s_screens_are_its_modules_and_never_its_sub_packages() -> None:
    assert SCREENS.names() == ["asking", "home", "no_class"]
    assert "console" not in SCREENS
    kiosk = ScreenPackage("kiosk.screens")
    assert "take_number" in kiosk and "home" in kiosk


def test_an_unknown_screen_says_which_files_to_add() -> None:
    with pytest.raises(
        LookupError, match=r'no screen "nowhere"; add tests/ui/shell_screens/nowhere\.py'
    ):
        SCREENS.screen_class("nowhere")


def test_a_screen_module_without_its_class_is_refused() -> None:
    with pytest.raises(LookupError, match=r"no_class\.py must define class BareNoClassScreen"):
        SCREENS.screen_class("no_class")


# --- the shell ------------------------------------------------------------------------------


def test_a_bare_shell_app_shows_its_own_home_and_stays_locked(shell: ShellApp) -> None:
    assert shell.current == "home"
    assert type(shell.current_screen).__name__ == "BareHomeScreen"
    assert "Test home" in texts()
    assert shell.device == "test-board"
    assert not hasattr(shell, "printer")  # nothing of the kiosk's
    for key in (27, 282):  # Escape, F1
        assert Window.dispatch("on_keyboard", key, 0, None, []) is True
    assert Window.dispatch("on_request_close") is True  # refused: the window stays
    assert shell.open_settings() is False


def test_after_a_bug_on_the_main_loop_any_shell_app_goes_home(shell: ShellApp) -> None:
    asking(shell)
    handled = _KeepRunning().handle_exception(RuntimeError("a bug in a callback"))
    assert handled == ExceptionManager.PASS  # the app keeps running
    assert shell.current == "home"


# --- asking for work ------------------------------------------------------------------------


def test_asking_locks_input_until_the_answer_is_handled(shell: ShellApp) -> None:
    screen = asking(shell)
    answers: list[str] = []
    gate = threading.Event()
    screen.ask(lambda: held(gate, "first"), answers.append)
    assert screen.busy and screen.ids.send.disabled
    screen.ask(lambda: "second", answers.append)  # a double tap: ignored while locked
    gate.set()
    settle(shell)
    assert answers == ["first"]
    assert not screen.busy and not screen.ids.send.disabled


def test_an_answer_for_an_earlier_visit_is_dropped(shell: ShellApp) -> None:
    screen = asking(shell)
    answers: list[str] = []
    gate = threading.Event()
    screen.ask(lambda: held(gate, "for the one who left"), answers.append)
    shell.go_home()
    # Back on the screen while the first visit's work is still held: no settle() here, which
    # would wait for that work and race its 10 s gate against its own 10 s limit.
    shell.show("asking")
    frames(2)
    assert shell.current_screen is screen and not screen.busy  # the next visit starts unlocked
    gate.set()
    settle(shell)
    assert answers == []


def test_a_refusal_reaches_the_screen_and_unlocks_it(shell: ShellApp) -> None:
    screen = asking(shell)
    answers: list[str] = []
    refusals: list[Exception] = []
    refusal = KioskError("the clinic is closed")
    opened = threading.Event()
    opened.set()
    screen.ask(lambda: refused_when(opened, refusal), answers.append, refusals.append)
    settle(shell)
    assert (answers, refusals) == ([], [refusal]) and not screen.busy


def test_a_bug_is_logged_even_after_its_visit_ended(
    shell: ShellApp, caplog: pytest.LogCaptureFixture
) -> None:
    screen = asking(shell)
    answers: list[str] = []
    refusals: list[Exception] = []
    gate = threading.Event()
    screen.ask(lambda: refused_when(gate, ValueError("a bug")), answers.append, refusals.append)
    shell.go_home()
    gate.set()
    settle(shell)
    assert (answers, refusals) == ([], [])
    assert "asking, after the visit ended failed" in caplog.text and "a bug" in caplog.text


def test_an_answer_that_moves_on_leaves_the_screen_locked(shell: ShellApp) -> None:
    screen = asking(shell)
    screen.ask(lambda: "done", lambda _answer: shell.go_home())
    settle(shell)
    # Locked while it is being left, so a late tap on it sends nothing; unlocked when shown.
    assert shell.current == "home" and screen.busy
    assert asking(shell) is screen and not screen.busy


def test_a_future_already_under_way_is_followed_like_work(shell: ShellApp) -> None:
    screen = asking(shell)
    answers: list[str] = []
    slip: Future[str] = Future()
    screen.ask(slip, answers.append)
    assert screen.busy
    threading.Thread(target=slip.set_result, args=("printed",)).start()
    settle(shell)
    assert answers == ["printed"] and not screen.busy


def test_a_quiet_read_does_not_lock_input(shell: ShellApp) -> None:
    screen = asking(shell)
    answers: list[str] = []
    gate = threading.Event()
    screen.ask(lambda: held(gate, "read"), answers.append, lock=False)
    assert not screen.busy and not screen.ids.send.disabled
    screen.ask(lambda: "sent", answers.append)  # input is open: this one goes too
    gate.set()
    settle(shell)
    assert answers == ["read", "sent"]
