"""The statistics as charts in PNG images: for the staff console, which asks for them off the
main loop (ShellScreen.ask), and for `kiosk stats chart`. The drawing is kiosk.ui.chart_drawing.

Made to be read on a staff PC and on a projector across a meeting room: large type sized to the
picture, dark ink on white, every bar labelled with its value in words, and where two series
share a chart (the median and the 90th percentile) they differ in fill (solid, hatched) and are
named in a legend drawn with the same fills, never told apart by colour alone. The words come
from the screens' gettext catalogue in the language asked for, service and topic names from
the configuration. A period without figures says so instead of drawing empty axes.

No Kivy, and no pyplot: each chart is a Figure with its own Agg canvas, sharing no state with
any other, so charts can be drawn on any thread, two at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.services.statistics_views import Statistics
from kiosk.settings.schema import Settings

CHARTS = (
    "hours",
    "weekdays",
    "waits",
    "help-topics",
    "help-outcomes",
    "help-done",
    "peer-work",
    "feedback",
)


@dataclass(frozen=True)
class ChartSize:
    """The picture's size in pixels. Type grows and shrinks with it (1600x900 is the reference)."""

    width_px: int = 1600
    height_px: int = 900

    def __post_init__(self) -> None:
        for side in (self.width_px, self.height_px):
            if not 320 <= side <= 4000:
                raise ValueError(f"a chart is 320 to 4000 pixels a side, not {side}")

    @property
    def scale(self) -> float:
        return min(self.width_px / 1600, self.height_px / 900)


def chart_png(
    stats: Statistics,
    kind: str,
    *,
    settings: Settings,
    language: str,
    size: ChartSize = ChartSize(),
) -> bytes:
    """One of CHARTS for `stats` as a PNG image of `size`, its words in `language` (fi, sv, en).
    Takes a fraction of a second: call it off the main loop."""
    if kind not in CHARTS:
        raise ValueError(f"unknown chart {kind!r}; choose one of {', '.join(CHARTS)}")
    # matplotlib is loaded on the first drawing, on the thread that draws: neither the console's
    # start nor every other command of the command line waits for it.
    from kiosk.ui import chart_drawing

    return chart_drawing.png(chart_drawing.figure(stats, kind, settings, language, size))
