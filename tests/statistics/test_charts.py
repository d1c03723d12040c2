"""The statistics charts: PNG pictures of the asked size, words in the asked language, every bar
labelled with its value, two series told apart by fill and not by colour alone, high contrast,
and drawable on any thread without Kivy."""

from __future__ import annotations

import io
import subprocess
import sys
import threading

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from kiosk.settings.schema import Settings
from kiosk.ui import chart_drawing
from kiosk.ui.charts import CHARTS, ChartSize, chart_png
from kiosk.ui.theme import contrast_ratio, rgba
from tests.statistics.sample_figures import empty_day, week_of_figures


def words(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_chart_is_a_png_of_the_asked_size(
    settings: Settings, kind: str, language: str
) -> None:
    png = chart_png(week_of_figures(), kind, settings=settings, language=language)
    picture = Image.open(io.BytesIO(png)).convert("L")
    assert picture.size == (1600, 900)
    ink = sum(picture.histogram()[:80])  # dark pixels
    assert ink > 20_000  # bars and words, not an empty page
    small = chart_png(
        week_of_figures(), kind, settings=settings, language=language, size=ChartSize(800, 450)
    )
    assert Image.open(io.BytesIO(small)).size == (800, 450)


def test_the_words_are_in_the_asked_language(settings: Settings) -> None:
    def drawn(language: str) -> list[str]:
        return words(
            chart_drawing.figure(week_of_figures(), "waits", settings, language, ChartSize())
        )

    assert {
        "Waiting time for the first call",
        "Minutes",
        "A – Medication\ndispensing\n5 called",
        "Half waited at most",
        "9 in 10 waited at most",
    } <= set(drawn("en"))
    finnish = drawn("fi")
    assert {
        "Odotusaika ensimmäiseen kutsuun",
        "Minuutit",
        "A – Lääkkeenjako\n5 kutsuttua",
        "Puolet odotti enintään",
        "Viikko 47/2026: 16.11.2026 – 22.11.2026",
    } <= set(finnish)
    assert "Minutes" not in finnish
    assert {"Väntetid till första uppropet", "Minuter"} <= set(drawn("sv"))


def test_every_bar_carries_its_value_in_words(settings: Settings) -> None:
    hours = chart_drawing.figure(week_of_figures(), "hours", settings, "en", ChartSize()).axes[0]
    # Only 07 to 10, the hours with tickets, each with its count written on it.
    assert [t.get_text() for t in hours.get_xticklabels()] == ["07", "08", "09", "10"]
    assert [t.get_text() for t in hours.texts] == ["2", "3", "2", "2"]
    done = chart_drawing.figure(week_of_figures(), "help-done", settings, "fi", ChartSize())
    # Over three hours, the durations are in hours, in Finnish.
    assert [t.get_text() for t in done.axes[0].texts] == [
        "40 min",
        "20 min",
        "25 tuntia",
        "25 tuntia",
        "40 min",
        "25 tuntia",
    ]
    assert "Tunnit" in words(done)


def test_two_series_differ_in_fill_and_are_named_in_a_legend(settings: Settings) -> None:
    figure = chart_drawing.figure(week_of_figures(), "waits", settings, "en", ChartSize())
    axes = figure.axes[0]
    fills = [(bar.get_hatch(), bar.get_facecolor()) for bar in axes.patches]
    assert len(fills) == 4  # two services, median and 90th percentile
    hatched = [hatch for hatch, _ in fills if hatch]
    assert len(hatched) == 2  # the 90th percentile bars; the medians are solid
    legends = [legend for subfigure in figure.subfigs for legend in subfigure.legends]
    assert [t.get_text() for t in legends[0].get_texts()] == [
        "Half waited at most",
        "9 in 10 waited at most",
    ]


def test_ink_and_bars_stand_out_on_the_paper() -> None:
    paper = rgba(chart_drawing.PAPER)
    assert contrast_ratio(rgba(chart_drawing.INK), paper) >= 7
    assert contrast_ratio(rgba(chart_drawing.BAR), paper) >= 7
    assert contrast_ratio(rgba(chart_drawing.GRID), paper) < 3  # the grid stays in the back


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("hours", "No tickets in this period"),
        ("waits", "Nobody was called in this period"),
        ("help-topics", "No help requests in this period"),
        ("help-outcomes", "No help request ended in this period"),
        ("help-done", "No help request was done in this period"),
        ("peer-work", "No peer work in this period"),
    ],
)
def test_a_period_without_figures_says_so(settings: Settings, kind: str, message: str) -> None:
    drawn = words(chart_drawing.figure(empty_day(), kind, settings, "en", ChartSize()))
    assert message in drawn
    assert "Sunday, 22 November 2026 (today so far)" in drawn


def test_charts_drawn_at_once_on_two_threads_are_the_same_as_one_alone(
    settings: Settings,
) -> None:
    alone = chart_png(week_of_figures(), "waits", settings=settings, language="fi")
    drawn: list[bytes] = []
    threads = [
        threading.Thread(
            target=lambda: drawn.append(
                chart_png(week_of_figures(), "waits", settings=settings, language="fi")
            )
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert drawn == [alone, alone]


def test_each_chart_has_a_drawing_and_an_unknown_one_is_refused(settings: Settings) -> None:
    assert set(chart_drawing.DRAWINGS) == set(CHARTS)
    with pytest.raises(ValueError, match="unknown chart 'pie'"):
        chart_png(week_of_figures(), "pie", settings=settings, language="en")
    with pytest.raises(ValueError, match="320 to 4000 pixels"):
        ChartSize(100, 900)


def test_charts_need_no_kivy_and_the_command_line_loads_matplotlib_only_to_draw() -> None:
    script = (
        "import sys\n"
        "import kiosk.cli.main\n"
        "kiosk.cli.main.build_parser()\n"
        "print('matplotlib' in sys.modules, end=' ')\n"
        "import kiosk.ui.chart_drawing\n"
        "print('matplotlib' in sys.modules, any(n.split('.')[0] == 'kivy' for n in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True", "False"]
