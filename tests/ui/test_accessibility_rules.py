"""The numbers behind "calm, large, obvious": contrast, sizes in millimetres, icons."""

from __future__ import annotations

import pytest

from kiosk.settings.loader import load_settings
from kiosk.settings.schema import ScreenSettings
from kiosk.ui import theme
from kiosk.ui.icons import ICON_DIR, ICON_FONT, is_icon
from kiosk.ui.sizing import (
    MIN_BODY_TEXT_MM,
    MIN_TARGET_MM,
    Sizing,
    px_per_mm,
    window_scale,
)
from kiosk.ui.widgets import KioskButton, Notice
from tests.support import default_toml, settings_from
from tests.ui.conftest import Kiosk

SHIPPED_CONFIGS = ("kiosk/config/kiosk.toml", "kiosk/config/demo.toml")


@pytest.mark.parametrize("surface", sorted(theme.SURFACES))
def test_every_text_colour_has_seven_to_one_contrast_on_its_background(surface: str) -> None:
    background, texts = theme.SURFACES[surface]
    for text in texts:
        ratio = theme.contrast_ratio(text, background)
        assert ratio >= theme.MIN_CONTRAST, f"{surface}: {theme.to_hex(text)} is {ratio:.2f}:1"


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    black, white = theme.rgba("#000000"), theme.rgba("#FFFFFF")
    assert theme.contrast_ratio(black, white) == pytest.approx(21.0)
    assert theme.contrast_ratio(white, white) == pytest.approx(1.0)
    # WCAG's own example: #777777 on white is just under 4.5:1.
    assert theme.contrast_ratio(theme.rgba("#777777"), white) == pytest.approx(4.48, abs=0.01)


def test_pixels_per_millimetre_come_from_the_configured_screen() -> None:
    full_hd_215 = ScreenSettings(width_px=1920, height_px=1080, diagonal_inches=21.5)
    assert px_per_mm(full_hd_215) == pytest.approx(4.03, abs=0.01)
    small_156 = ScreenSettings(width_px=1920, height_px=1080, diagonal_inches=15.6)
    assert px_per_mm(small_156) > px_per_mm(full_hd_215)


@pytest.mark.parametrize(
    "screen",
    [
        ScreenSettings(width_px=1920, height_px=1080, diagonal_inches=21.5),
        ScreenSettings(width_px=1080, height_px=1920, diagonal_inches=21.5),
        ScreenSettings(width_px=1366, height_px=768, diagonal_inches=15.6),
        ScreenSettings(width_px=3840, height_px=2160, diagonal_inches=32),
    ],
)
def test_targets_and_text_are_large_enough_on_the_configured_screen(
    screen: ScreenSettings,
) -> None:
    sizing = Sizing.for_window(screen, screen.width_px, screen.height_px)
    assert sizing.button / sizing.px_per_mm >= MIN_TARGET_MM
    assert sizing.cap_height_mm(sizing.font_body) >= MIN_BODY_TEXT_MM


def test_a_portrait_window_is_the_same_panel_turned() -> None:
    landscape = ScreenSettings(width_px=1920, height_px=1080, diagonal_inches=21.5)
    assert window_scale(landscape, 1080, 1920) == 1.0
    assert window_scale(landscape, 1280, 720) == pytest.approx(2 / 3)


@pytest.mark.parametrize("path", SHIPPED_CONFIGS)
def test_every_configured_help_topic_icon_is_in_the_icon_font(path: str) -> None:
    settings = load_settings(path)
    missing = [t.icon for t in settings.help.topics if not is_icon(t.icon)]
    assert missing == []


@pytest.mark.parametrize("path", SHIPPED_CONFIGS)
def test_each_service_has_its_own_icon_from_the_icon_font(path: str) -> None:
    icons = [service.icon for service in load_settings(path).services]
    assert all(is_icon(icon) for icon in icons), icons
    assert len(set(icons)) == len(icons), f"two services share an icon: {icons}"
    assert "hand-heart" not in icons  # the help tile's


@pytest.mark.parametrize("kind", theme.BUTTON_KINDS)
@pytest.mark.parametrize("state", theme.BUTTON_STATES)
def test_every_kind_of_button_is_readable_in_every_state(kind: str, state: str) -> None:
    background, text = theme.button_colours(kind, state)
    ratio = theme.contrast_ratio(text, background)
    least = theme.MIN_CONTRAST_DISABLED if state == "disabled" else theme.MIN_CONTRAST
    assert ratio >= least, f"{kind} {state}: {ratio:.2f}:1"


@pytest.mark.parametrize("kind", theme.BUTTON_KINDS)
def test_a_disabled_button_looks_unlike_any_button_that_can_be_pressed(kind: str) -> None:
    background, text = theme.button_colours(kind, "disabled")
    live = [theme.button_colours(k, "normal") for k in theme.BUTTON_KINDS]
    assert all(background != b for b, _ in live)
    assert all(text != t for _, t in live)
    # Greyed, not merely lighter: the words are quieter than on any live button.
    assert theme.contrast_ratio(text, background) < min(
        theme.contrast_ratio(t, b) for b, t in live
    )
    assert not theme.button_outlined(kind, "disabled")


@pytest.mark.parametrize("kind", sorted(theme.NOTICE_STYLES))
def test_every_notice_is_readable_and_marked_by_its_edge(kind: str) -> None:
    style = theme.NOTICE_STYLES[kind]
    # Words on the band, and a badge's icon (the band's tint on a spot of the words' colour).
    assert theme.contrast_ratio(style.text, style.background) >= theme.MIN_CONTRAST
    # The edge bar stands out from the band it borders.
    assert theme.contrast_ratio(style.edge, style.background) >= 3.0


def test_information_and_problems_differ_in_more_than_colour() -> None:
    info, problem = theme.NOTICE_STYLES["info"], theme.NOTICE_STYLES["problem"]
    assert problem.edge_mm >= 2 * info.edge_mm
    assert problem.badge and not info.badge


def test_a_notice_is_not_drawn_like_a_button(kiosk: Kiosk) -> None:
    """Buttons are rounded and outlined; a notice band has square corners and no outline."""
    notice = Notice(kind="problem", text="Printer", icon="printer-alert")
    band = [type(i).__name__ for i in notice.canvas.before.children]
    assert "Rectangle" in band
    assert "RoundedRectangle" not in band and "Line" not in band
    button = KioskButton(text="OK", kind="secondary")
    drawn = [type(i).__name__ for i in button.canvas.before.children]
    assert "RoundedRectangle" in drawn and "Line" in drawn


@pytest.mark.parametrize("kind", theme.BUTTON_KINDS)
def test_a_disabled_button_draws_its_words_greyed_yet_readable(kiosk: Kiosk, kind: str) -> None:
    """Kivy fades a disabled label to 30 % white, which vanished on a white button and left
    2.3:1 on a blue one; the kiosk's buttons draw their words in the disabled colour instead."""
    button = KioskButton(text="OK", icon="check-bold", kind=kind, disabled=True)
    label, icon = button.ids.label, button.ids.icon
    assert tuple(button.background) == theme.DISABLED
    for drawn in (label, icon):
        colour = tuple(drawn.disabled_color if drawn.disabled else drawn.color)
        assert colour == theme.ON_DISABLED
        assert theme.contrast_ratio(colour, theme.DISABLED) >= theme.MIN_CONTRAST_DISABLED
    button.disabled = False
    assert tuple(button.background) == theme.button_colours(kind, "normal")[0]
    assert tuple(label.color) == theme.button_colours(kind, "normal")[1]


def test_the_icon_font_and_its_licence_are_recorded_under_assets() -> None:
    assert ICON_FONT.stat().st_size > 100_000
    licence = (ICON_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Apache" in licence
    assert "@mdi/font" in (ICON_DIR / "README.md").read_text(encoding="utf-8")


def test_the_demo_configuration_is_the_defaults_open_around_the_clock() -> None:
    shipped = settings_from(default_toml())
    demo = load_settings("kiosk/config/demo.toml")
    for service in demo.services:
        assert service.last_ticket_minutes_before_close == 0
        assert set(service.hours) == {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
        assert all(
            span.opens.hour == 0 and span.closes.hour == 23 for span in service.hours.values()
        )
    assert demo.printer.transport == "virtual"
    # Peer work too runs around the clock: closing just before the next business day starts.
    assert demo.peer_work.closing_time.isoformat() == "03:59:00"
    assert demo.peer_work.model_copy(update={"closing_time": shipped.peer_work.closing_time}) == (
        shipped.peer_work
    )
    # The demo's board shows two activities from the configuration; the rest is the default.
    assert demo.board.activities
    assert demo.board.model_copy(update={"activities": []}) == shipped.board
    differ = {"services", "printer", "peer_work", "board"}
    for key in type(shipped).model_fields:
        if key not in differ:
            assert getattr(demo, key) == getattr(shipped, key), f"demo.toml differs in [{key}]"
    assert [s.names for s in demo.services] == [s.names for s in shipped.services]
