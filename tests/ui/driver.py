"""Driving the real kiosk app in tests: frames, touches, what is on screen, screenshots.

The app runs in this process on a real window (under Xvfb). Instead of `App.run()`, the tests
turn the Kivy loop one frame at a time with `EventLoop.idle()`, so they can tap, wait for the
background thread and look at the screen between frames. Touches go through the same input
pipeline as a finger on the glass: window handlers first (idle watcher, staff gesture), then
the widgets.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kivy.base import EventLoop
from kivy.core.window import Window
from kivy.graphics import ClearBuffers, ClearColor, Fbo
from kivy.input.motionevent import MotionEvent
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget
from PIL import Image

from kiosk.ui.i18n import tr
from kiosk.ui.shell import ShellApp


class Finger(MotionEvent):
    """One finger on the screen, at window coordinates."""

    def __init__(self, x: float, y: float) -> None:
        super().__init__("test-finger", id(self), self._args(x, y), is_touch=True, type_id="touch")
        self.profile = ["pos"]

    @staticmethod
    def _args(x: float, y: float) -> dict[str, float]:
        return {"x": x / (Window.width - 1.0), "y": y / (Window.height - 1.0)}

    def depack(self, args: dict[str, float]) -> None:
        self.sx, self.sy = args["x"], args["y"]
        super().depack(args)

    def down(self) -> None:
        EventLoop.post_dispatch_input("begin", self)

    def move_to(self, x: float, y: float) -> None:
        self.move(self._args(x, y))
        EventLoop.post_dispatch_input("update", self)

    def up(self) -> None:
        EventLoop.post_dispatch_input("end", self)


def frames(count: int = 1) -> None:
    """Turn the loop as `EventLoop.mainloop` does: a frame, then the window's own events."""
    for _ in range(count):
        EventLoop.idle()
        Window.mainloop()


def settle(app: ShellApp, timeout: float = 10.0) -> None:
    """Turn frames until background work and its callbacks are done and the layout is still."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frames()
        if not app.runner.busy:
            frames(3)
            if not app.runner.busy:
                return
    raise AssertionError(f"the kiosk was still busy after {timeout} s")


def wait_until(condition: Callable[[], bool], app: ShellApp, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            frames(2)
            return
        frames()
    raise AssertionError(f"timed out after {timeout} s waiting for {condition}")


def shown(widget: Widget) -> bool:
    """On screen: in the window's tree, not hidden by opacity, not zero-sized, and not
    scrolled wholly out of a scrolling list's view."""
    node: Any = widget
    while node is not None and node is not Window:
        if node.opacity == 0 or node.width <= 0 or node.height <= 0:
            return False
        if isinstance(node.parent, ScrollView) and not _in_view(widget, node.parent):
            return False
        node = node.parent
    return node is Window


def _in_view(widget: Widget, scroll: ScrollView) -> bool:
    left, bottom = widget.to_window(widget.x, widget.y)
    view_left, view_bottom = scroll.to_window(scroll.x, scroll.y)
    return (
        left < view_left + scroll.width
        and left + widget.width > view_left
        and bottom < view_bottom + scroll.height
        and bottom + widget.height > view_bottom
    )


def widgets() -> Iterator[Widget]:
    for top in list(Window.children):
        yield from top.walk(restrict=True)


def labels() -> list[Label]:
    return [w for w in widgets() if isinstance(w, Label) and w.text and shown(w)]


def texts() -> list[str]:
    """Every visible text, icon glyphs left out, in tree order."""
    from kiosk.ui.widgets import Icon

    return [label.text for label in labels() if not isinstance(label, Icon)]


def screen_text() -> str:
    return "\n".join(texts())


def find_label(text: str, *, exact: bool = True) -> Label:
    found = [label for label in labels() if (label.text == text if exact else text in label.text)]
    if not found:
        raise AssertionError(f"no visible text {text!r}; the screen shows:\n{screen_text()}")
    return found[0]


def button(text: str) -> Widget:
    """The visible button whose words are `text`."""
    label: Any = find_label(text)
    # The window is its own parent: words on no button end the walk there.
    while label is not None and label is not label.parent and not isinstance(label, ButtonBehavior):
        label = label.parent
    if not isinstance(label, ButtonBehavior):
        raise AssertionError(f"{text!r} is not on a button")
    return label


def tap(target: Widget | str, app: ShellApp, *, wait: bool = True) -> None:
    """Touch a widget (or the button with these words) and lift the finger; then, unless
    `wait` is False, let the work it started finish."""
    widget = button(target) if isinstance(target, str) else target
    assert shown(widget), f"{widget} is not on screen"
    assert not widget.disabled, f"{widget} is disabled"
    x, y = widget.to_window(*widget.center)
    finger = Finger(x, y)
    finger.down()
    frames()
    finger.up()
    if wait:
        settle(app)
    else:
        frames(2)


def press(key: int | str, *, ctrl: bool = False) -> None:
    """A key on a keyboard: a letter or digit ("c"), or a key code (13 is Enter, 9 Tab, 27
    Escape, 273 Up, 274 Down, 8 Backspace)."""
    code = ord(key) if isinstance(key, str) else key
    character = key if isinstance(key, str) else None
    modifiers = ["ctrl"] if ctrl else []
    if not Window.dispatch("on_key_down", code, 0, character, modifiers):
        Window.dispatch("on_keyboard", code, 0, character, modifiers)
    Window.dispatch("on_key_up", code, 0)
    frames()


def type_text(text: str) -> None:
    """Typing on a keyboard: each key down, then the text it makes."""
    for character in text:
        if not Window.dispatch("on_key_down", ord(character.lower()), 0, character, []):
            Window.dispatch("on_keyboard", ord(character.lower()), 0, character, [])
        Window.dispatch("on_textinput", character)
        Window.dispatch("on_key_up", ord(character.lower()), 0)
    frames()


def screenshot(path: Path) -> Path:
    """Everything the window shows (screen and any warning over it) as a PNG.

    The window's canvases are drawn into an off-screen buffer of the window's size rather than
    read back from the window: under Xvfb's software OpenGL, a window turned from landscape to
    portrait keeps a back buffer of the old size for a while, and reading it gives black bands
    that the kiosk never shows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames()
    size = (int(Window.width), int(Window.height))
    fbo = Fbo(size=size, with_stencilbuffer=True)
    with fbo:
        ClearColor(0, 0, 0, 1)
        ClearBuffers()
    canvases = [child.canvas for child in reversed(Window.children)]
    for canvas in canvases:
        Window.canvas.remove(canvas)
        fbo.add(canvas)
    try:
        fbo.draw()
        pixels = fbo.pixels
    finally:
        for canvas in canvases:
            fbo.remove(canvas)
            Window.canvas.add(canvas)
    image = Image.frombytes("RGBA", size, pixels).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    # Light compression: a screenshot is looked at, not archived.
    image.convert("RGB").save(path, compress_level=1)
    return path


def stop(app: ShellApp) -> None:
    """What App.stop() does, minus stopping Kivy's event loop, which the next test needs.

    No frame may run between on_stop and the next app: `app` in a .kv rule is looked up again
    after on_stop, and a rule run in between would bind it to this stopped app for good.

    A real stop ends the process and every timer with it. Here the screen on the glass is left
    instead, so its timers (a countdown home, home's refresh) stop too and do not fire into the
    next test's app. Its widgets' words stop following the language too: the next test's app
    switching language would run their rules again, now for an app that is not theirs (a
    console screen's rule asking a board for the console's parts)."""
    app.current_screen.dispatch("on_leave")
    for child in list(Window.children):
        Window.remove_widget(child)
    app.dispatch("on_stop")
    tr.forget_rules()
