"""How each chart of kiosk.ui.charts is drawn, with matplotlib (its Agg canvas; no pyplot)."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date, get_day_names
from babel.numbers import format_decimal
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kiosk.core.feedback import FACES
from kiosk.services.statistics_views import Statistics
from kiosk.settings.schema import Settings
from kiosk.ui.catalogs import BABEL_LOCALES, translations
from kiosk.ui.charts import ChartSize
from kiosk.ui.feedback_words import FACE_WORDS

DPI = 100
# The kiosk's ink and deep blue (kiosk.ui.theme) on white: 16:1 for the words, 10:1 for the bars,
# which stand out even on a washed-out projector. Words are never drawn on a bar.
INK = "#1B1F24"
BAR = "#1D3F73"
PAPER = "#FFFFFF"
GRID = "#B8BCC2"
HATCH = "//"
# A name longer than this wraps onto a second line beside its bar.
NAME_WIDTH = 24
# Values are written on the bars up to this many bars; beyond, along the bars, smaller.
LABEL_ALL_UP_TO = 26
# Upright bars are laid out as if there were at least this many.
FEWEST_SLOTS = 5


class _Words:
    """One language's words for a chart."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.locale = BABEL_LOCALES[language]
        self._catalog = translations(language)

    def _(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._catalog.ngettext(singular, plural, count)

    def number(self, value: float) -> str:
        return format_decimal(round(value, 1), format="#,##0.#", locale=self.locale)

    def day(self, day: date, form: str = "short") -> str:
        return format_date(day, form, locale=self.locale)

    def minutes(self, minutes: int | None) -> str:
        if minutes is None:
            return "–"
        if minutes < 120:
            return self._("{minutes} min").format(minutes=minutes)
        return self._("{hours} h").format(hours=self.number(minutes / 60))


@dataclass(frozen=True)
class _Type:
    """Font sizes in points for one picture size."""

    title: float
    text: float
    small: float

    @property
    def header_px(self) -> int:
        """Room for the title and the period line under it."""
        return round((self.title + self.text) * 1.75 * DPI / 72)

    @classmethod
    def for_size(cls, size: ChartSize) -> _Type:
        scale = max(size.scale, 0.5)
        return cls(title=30 * scale, text=21 * scale, small=16 * scale)


def png(figure: Figure) -> bytes:
    picture = io.BytesIO()
    FigureCanvasAgg(figure).print_png(picture)
    return picture.getvalue()


def figure(
    stats: Statistics, kind: str, settings: Settings, language: str, size: ChartSize
) -> Figure:
    """One chart (a kind in DRAWINGS) as a matplotlib Figure."""
    words = _Words(language)
    sizes = _Type.for_size(size)
    drawn = Figure(
        figsize=(size.width_px / DPI, size.height_px / DPI),
        dpi=DPI,
        facecolor=PAPER,
        layout="constrained",
    )
    # The title and the period above, from the left edge whatever the names beside the bars;
    # the chart below, laid out by matplotlib around its words.
    header_px = sizes.header_px
    rows = drawn.add_gridspec(2, 1, height_ratios=[header_px, size.height_px - header_px])
    header, body = drawn.add_subfigure(rows[0]), drawn.add_subfigure(rows[1])
    draw = _Chart(header, body, body.add_subplot(), stats, settings, words, sizes)
    DRAWINGS[kind](draw)
    return drawn


class _Chart:
    """What every chart shares: its title and period line, bars with their values written on
    them, the axis words, and the message when there is nothing to draw."""

    def __init__(
        self,
        header: SubFigure,
        body: SubFigure,
        axes: Axes,
        stats: Statistics,
        settings: Settings,
        words: _Words,
        sizes: _Type,
    ) -> None:
        self.header, self.body, self.axes, self.stats = header, body, axes, stats
        self.settings, self.words, self.sizes = settings, words, sizes
        axes.set_facecolor(PAPER)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            axes.spines[side].set_color(INK)
            axes.spines[side].set_linewidth(1.5)
        axes.tick_params(colors=INK, labelsize=sizes.text, width=1.5, length=6)
        axes.set_axisbelow(True)
        # The scale's numbers written as the language writes them: 32 000 and 2,5 in Finnish.
        self.numbers = FuncFormatter(lambda value, _position: words.number(value))

    # --- words --------------------------------------------------------------------------

    def titled(self, title: str) -> None:
        header = self.header
        header.text(
            0.01, 0.92, title, va="top", fontsize=self.sizes.title, fontweight="bold", color=INK
        )
        header.text(
            0.01, 0.05, self.period_line(), va="bottom", fontsize=self.sizes.text, color=INK
        )

    def period_line(self) -> str:
        stats, words = self.stats, self.words
        first, last = stats.first_day, stats.last_day
        _ = words._
        if stats.kind == "day":
            line = words.day(first, "full")
        elif stats.kind == "week":
            year, week, _weekday = first.isocalendar()
            line = _("Week {week}/{year}: {first} – {last}").format(
                week=week, year=year, first=words.day(first), last=words.day(last)
            )
        elif stats.kind == "month":
            line = format_date(first, "LLLL y", locale=words.locale)
        else:
            line = f"{words.day(first)} – {words.day(last)}"
        # Finnish and Swedish write weekdays and months in lower case; a line starts upper.
        line = line[:1].upper() + line[1:]
        if stats.includes_today:
            line += " " + _("(today so far)")
        return line

    def axis_words(self, x: str, y: str) -> None:
        self.axes.set_xlabel(x, fontsize=self.sizes.text, color=INK, labelpad=10)
        self.axes.set_ylabel(y, fontsize=self.sizes.text, color=INK, labelpad=10)

    def service_name(self, service: str) -> str:
        found = self.settings.service(service)
        name = found.names.get(self.words.language) if found else ""
        return f"{service} – {name}" if name else service

    def topic_name(self, topic: str) -> str:
        if not topic:
            return self.words._("All topics")
        found = self.settings.help.topic(topic)
        return found.names.get(self.words.language) if found else topic

    def nothing_to_show(self, message: str) -> None:
        self.axes.set_xticks([])
        self.axes.set_yticks([])
        for side in ("left", "bottom"):
            self.axes.spines[side].set_visible(False)
        self.axes.text(
            0.5,
            0.5,
            message,
            transform=self.axes.transAxes,
            ha="center",
            va="center",
            fontsize=self.sizes.title,
            color=INK,
        )

    # --- bars ---------------------------------------------------------------------------

    def columns(self, names: Sequence[str], values: Sequence[float], labels: Sequence[str]) -> None:
        """Upright bars, each with its value written above it."""
        axes = self.axes
        positions = range(len(names))
        bars = axes.bar(positions, values, color=BAR, edgecolor=INK, linewidth=1, width=0.7)
        axes.set_xticks(list(positions), list(names))
        axes.yaxis.grid(True, color=GRID, linewidth=1)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(self.numbers)
        crowded = len(names) > LABEL_ALL_UP_TO
        axes.bar_label(
            bars,
            labels=list(labels),
            padding=4,
            fontsize=self.sizes.small if crowded else self.sizes.text,
            rotation=90 if crowded else 0,
            color=INK,
        )
        if crowded:
            # Every fourth name under the bars: all of them would run into each other.
            axes.set_xticks(list(positions)[::4], list(names)[::4])
        axes.margins(y=0.15)
        if len(names) < FEWEST_SLOTS:
            # A bar or two keep a bar's width, centred, rather than fill the whole chart.
            spare = (FEWEST_SLOTS - len(names)) / 2
            axes.set_xlim(-0.5 - spare, len(names) - 0.5 + spare)

    def rows(self, names: Sequence[str], values: Sequence[float], labels: Sequence[str]) -> None:
        """Bars lying down, one per name (first at the top), each with its value at its end."""
        axes = self.axes
        positions = range(len(names))
        bars = axes.barh(positions, values, color=BAR, edgecolor=INK, linewidth=1, height=0.6)
        axes.set_yticks(list(positions), [_wrapped(n) for n in names])
        axes.invert_yaxis()
        axes.xaxis.grid(True, color=GRID, linewidth=1)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(self.numbers)
        axes.bar_label(bars, labels=list(labels), padding=6, fontsize=self.sizes.text, color=INK)
        axes.margins(x=0.18)

    def paired_rows(
        self,
        names: Sequence[str],
        pairs: Sequence[tuple[int | None, int | None]],
        legend: tuple[str, str],
        in_hours: bool,
    ) -> None:
        """Two bars lying down per name: the median solid, the 90th percentile hatched, each
        with its duration written at its end, and a legend drawn with the same fills."""
        axes = self.axes
        height = 0.38
        unit = 60 if in_hours else 1
        for offset, index, fill, hatch in (
            (-height / 2, 0, BAR, None),
            (height / 2, 1, PAPER, HATCH),
        ):
            values = [(pair[index] or 0) / unit for pair in pairs]
            bars = axes.barh(
                [n + offset for n in range(len(names))],
                values,
                height=height,
                color=fill,
                hatch=hatch,
                edgecolor=INK,
                linewidth=1.5,
                label=legend[index],
            )
            axes.bar_label(
                bars,
                labels=[self.words.minutes(pair[index]) for pair in pairs],
                padding=6,
                fontsize=self.sizes.text,
                color=INK,
            )
        axes.set_yticks(list(range(len(names))), [_wrapped(n) for n in names])
        axes.invert_yaxis()
        axes.xaxis.grid(True, color=GRID, linewidth=1)
        axes.xaxis.set_major_formatter(self.numbers)
        axes.margins(x=0.2)
        # Under the chart, where it covers no bar.
        self.body.legend(
            loc="outside lower center",
            ncols=2,
            fontsize=self.sizes.text,
            frameon=False,
            handleheight=1.4,
            handlelength=2.4,
        )


def _wrapped(name: str) -> str:
    return "\n".join(textwrap.fill(line, NAME_WIDTH) for line in name.splitlines())


# --- the charts ------------------------------------------------------------------------------


def _hours(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("Tickets taken per hour"))
    busy = [row.hour for row in chart.stats.by_hour if row.taken]
    if not busy:
        chart.nothing_to_show(_("No tickets in this period"))
        return
    rows = [row for row in chart.stats.by_hour if min(busy) <= row.hour <= max(busy)]
    chart.columns(
        [f"{row.hour:02d}" for row in rows],
        [row.taken for row in rows],
        [chart.words.number(row.taken) for row in rows],
    )
    chart.axis_words(_("Hour of the day (07 = 07:00–07:59)"), _("Tickets taken"))


def _weekdays(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("Tickets per day, by weekday"))
    rows = chart.stats.by_weekday
    if not any(row.taken for row in rows):
        chart.nothing_to_show(_("No tickets in this period"))
        return
    names = get_day_names("wide", context="stand-alone", locale=chart.words.locale)
    chart.columns(
        [names[row.weekday - 1].capitalize() for row in rows],
        [row.per_day for row in rows],
        [chart.words.number(row.per_day) if row.days else "–" for row in rows],
    )
    chart.axis_words(_("Weekday"), _("Tickets per day, on average"))


def _waits(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("Waiting time for the first call"))
    services = [s for s in chart.stats.by_service if s.called]
    if not services:
        chart.nothing_to_show(_("Nobody was called in this period"))
        return
    names = [
        chart.service_name(s.service)
        + "\n"
        + chart.words.ngettext("{count} called", "{count} called", s.called).format(
            count=chart.words.number(s.called)
        )
        for s in services
    ]
    pairs = [(s.median_wait_minutes, s.p90_wait_minutes) for s in services]
    in_hours = _in_hours(pairs)
    chart.paired_rows(
        names, pairs, (_("Half waited at most"), _("9 in 10 waited at most")), in_hours
    )
    chart.axis_words(_("Hours") if in_hours else _("Minutes"), "")


def _help_topics(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("Help requests by topic"))
    topics = chart.stats.help_by_topic
    if not any(t.opened for t in topics):
        chart.nothing_to_show(_("No help requests in this period"))
        return
    chart.rows(
        [chart.topic_name(t.topic) for t in topics],
        [t.opened for t in topics],
        [chart.words.number(t.opened) for t in topics],
    )
    chart.axis_words(_("Requests opened"), "")


def _help_outcomes(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("How help requests ended"))
    total = chart.stats.help_total
    counts = [total.done, total.not_present, total.cancelled]
    if not any(counts):
        chart.nothing_to_show(_("No help request ended in this period"))
        return
    chart.columns(
        [_("Done"), _("Not present"), _("Cancelled")],
        counts,
        [chart.words.number(n) for n in counts],
    )
    chart.axis_words("", _("Requests"))


def _help_done(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("Time from asking for help to done"))
    topics = [t for t in chart.stats.help_by_topic if t.done]
    if not topics:
        chart.nothing_to_show(_("No help request was done in this period"))
        return
    everything = chart.stats.help_total
    shown = [everything, *topics] if len(topics) > 1 else topics
    names = [
        chart.topic_name(t.topic)
        + "\n"
        + chart.words.ngettext("{count} done", "{count} done", t.done).format(
            count=chart.words.number(t.done)
        )
        for t in shown
    ]
    pairs = [(t.median_minutes_to_done, t.p90_minutes_to_done) for t in shown]
    in_hours = _in_hours(pairs)
    chart.paired_rows(
        names, pairs, (_("Half were done within"), _("9 in 10 were done within")), in_hours
    )
    chart.axis_words(_("Hours") if in_hours else _("Minutes"), "")


def _peer_work(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("Peer-work hours per week"))
    weeks = chart.stats.peer_work
    if not any(w.minutes for w in weeks):
        chart.nothing_to_show(_("No peer work in this period"))
        return
    chart.columns(
        [w.week.split("-W")[1].lstrip("0") for w in weeks],
        [w.minutes / 60 for w in weeks],
        [chart.words.number(w.minutes / 60) for w in weeks],
    )
    chart.axis_words(_("Week number"), _("Hours worked"))


def _in_hours(pairs: Sequence[tuple[int | None, int | None]]) -> bool:
    """Whether the durations read better in hours: any over three hours."""
    return max((value or 0 for pair in pairs for value in pair), default=0) > 180


def _feedback(chart: _Chart) -> None:
    _ = chart.words._
    chart.titled(_("How did your visit go today?"))
    counts = chart.stats.feedback_by_day
    totals = [sum(day.faces[i] for day in counts) for i in range(len(FACES))]
    if not any(totals):
        chart.nothing_to_show(_("No answers in this period"))
        return
    chart.columns(
        [_(FACE_WORDS[face][0]) for face in FACES],
        totals,
        [chart.words.number(total) for total in totals],
    )
    chart.axis_words("", _("Answers"))


DRAWINGS: dict[str, Callable[[_Chart], None]] = {
    "hours": _hours,
    "weekdays": _weekdays,
    "waits": _waits,
    "help-topics": _help_topics,
    "help-outcomes": _help_outcomes,
    "help-done": _help_done,
    "peer-work": _peer_work,
    "feedback": _feedback,
}
