"""The payout list as a CSV file and as a printable cash-payment list (PDF, A4).

The CSV is for a spreadsheet on the staff PC: UTF-8 with a byte-order mark, semicolons and
decimal commas, which is what Excel with Finnish or Swedish settings opens as columns. Machines
read `kiosk report allowance --json` instead.

The PDF is signed on paper when the cash is handed over: one row per worker with room for a
signature, the totals, and a line for whoever paid. DejaVu Sans is embedded so names in any
European script print as written.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.numbers import format_currency, format_decimal
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from kiosk.core.allowance import format_minutes
from kiosk.core.spreadsheet_csv import Cell, spreadsheet_csv
from kiosk.paths import ASSETS
from kiosk.services.worker_views import PayoutList

FONTS = ASSETS / "fonts"
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "title": "Toiminta-avustus: käteismaksulista",
        "period": "Maksukausi {label} ({first}–{last})",
        "basis": "{rate} tunnilta, enintään {cap} päivässä; {rounding}",
        "minute": "ajat minuutin tarkkuudella",
        "quarter_hour_down": "ajat pyöristetty alas vartteihin",
        "number": "Nro",
        "name": "Nimi",
        "days": "Päivät",
        "hours": "Tunnit",
        "amount": "Summa",
        "signature": "Kuittaus (allekirjoitus)",
        "total": "Yhteensä",
        "paid_by": "Maksanut",
        "date": "Päivämäärä",
        "not_paid": "Kautta ei ole vielä merkitty maksetuksi.",
        "paid": "Kausi on merkitty maksetuksi.",
        "reopened": "Kausi on avattu uudelleen korjauksia varten.",
        "open_sessions": "Huom: {count} työjaksoa on yhä kesken; niitä ei ole laskettu mukaan.",
        "to_review": "Huom: {count} automaattista uloskirjausta odottaa tarkistusta.",
        "empty": "Kaudella ei ole laskettavia työtunteja.",
        "printed": "Tulostettu {when}",
        "page": "Sivu {page}/{pages}",
    },
    "sv": {
        "title": "Verksamhetspenning: lista för kontant utbetalning",
        "period": "Betalningsperiod {label} ({first}–{last})",
        "basis": "{rate} per timme, högst {cap} per dag; {rounding}",
        "minute": "tider på minuten",
        "quarter_hour_down": "tider avrundade nedåt till kvartar",
        "number": "Nr",
        "name": "Namn",
        "days": "Dagar",
        "hours": "Timmar",
        "amount": "Belopp",
        "signature": "Kvittering (underskrift)",
        "total": "Totalt",
        "paid_by": "Utbetalt av",
        "date": "Datum",
        "not_paid": "Perioden är ännu inte markerad som betald.",
        "paid": "Perioden är markerad som betald.",
        "reopened": "Perioden har öppnats på nytt för rättelser.",
        "open_sessions": "Obs: {count} arbetspass pågår ännu och är inte medräknade.",
        "to_review": "Obs: {count} automatiska utloggningar väntar på granskning.",
        "empty": "Perioden har inga arbetstimmar att räkna.",
        "printed": "Utskriven {when}",
        "page": "Sida {page}/{pages}",
    },
    "en": {
        "title": "Peer-work allowance: cash payment list",
        "period": "Pay period {label} ({first}–{last})",
        "basis": "{rate} per hour, at most {cap} a day; {rounding}",
        "minute": "times to the minute",
        "quarter_hour_down": "times rounded down to quarter hours",
        "number": "No.",
        "name": "Name",
        "days": "Days",
        "hours": "Hours",
        "amount": "Amount",
        "signature": "Received (signature)",
        "total": "Total",
        "paid_by": "Paid by",
        "date": "Date",
        "not_paid": "This period has not been marked paid yet.",
        "paid": "This period is marked paid.",
        "reopened": "This period has been re-opened for corrections.",
        "open_sessions": "Note: {count} sessions are still open and not counted.",
        "to_review": "Note: {count} automatic sign-outs wait for review.",
        "empty": "No working hours to count in this period.",
        "printed": "Printed {when}",
        "page": "Page {page}/{pages}",
    },
}

# Column widths in millimetres on A4 portrait with 15 mm margins (180 mm in all).
_COLUMNS = (
    ("number", 12, "R"),
    ("name", 52, "L"),
    ("days", 16, "R"),
    ("hours", 20, "R"),
    ("amount", 28, "R"),
    ("signature", 52, "L"),
)
_SMALLEST_NAME_POINTS = 8
_ROW_HEIGHT = 12.0  # room for a signature
_HEADER_HEIGHT = 8.0


def payout_csv(payout: PayoutList) -> bytes:
    rows: list[list[Cell]] = [
        [
            row.number,
            row.display_name,
            row.days,
            format_minutes(row.minutes),
            row.minutes,
            _comma(row.amount),
        ]
        for row in payout.rows
    ]
    total: list[Cell] = [
        "",
        "TOTAL",
        payout.total_days,
        format_minutes(payout.total_minutes),
        payout.total_minutes,
        _comma(payout.total_amount),
    ]
    header = ["number", "name", "days", "hours", "minutes", "allowance_eur"]
    return spreadsheet_csv(header, [*rows, total])


def payout_pdf(
    payout: PayoutList, *, clinic: str, language: str, printed_at: datetime, zone: ZoneInfo
) -> bytes:
    texts = TEXTS.get(language, TEXTS["fi"])
    locale = LOCALES.get(language, "fi_FI")
    pdf = _Document(texts, printed_at.astimezone(zone).strftime("%d.%m.%Y %H:%M"))
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(15, 15, 15)
    pdf.c_margin = 1.5  # room between a number and the cell border
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(f"{texts['title']} {payout.period}")
    pdf.set_author(clinic)
    pdf.add_page()

    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 9, texts["title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(0, 6, clinic, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    first = f"{payout.first_day.day}.{payout.first_day.month}."
    last = f"{payout.last_day.day}.{payout.last_day.month}.{payout.last_day.year}"
    pdf.cell(
        0,
        6,
        texts["period"].format(label=payout.period, first=first, last=last),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    basis = texts["basis"].format(
        rate=format_currency(payout.rate_per_hour, "EUR", locale=locale),
        cap=format_currency(payout.daily_cap, "EUR", locale=locale),
        rounding=texts[payout.rounding],
    )
    pdf.cell(0, 6, basis, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    status = {"paid": "paid", "reopened": "reopened"}.get(payout.status, "not_paid")
    pdf.cell(0, 6, texts[status], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "B", 11)
    for key, count in (
        ("open_sessions", payout.open_sessions),
        ("to_review", payout.sessions_to_review),
    ):
        if count:
            pdf.cell(0, 6, texts[key].format(count=count), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)

    pdf.table_header()
    pdf.set_font("DejaVu", "", 11)
    for row in payout.rows:
        if pdf.will_page_break(_ROW_HEIGHT):
            pdf.add_page()
            pdf.table_header()
            pdf.set_font("DejaVu", "", 11)
        pdf.table_row(
            [
                str(row.number),
                row.display_name,
                str(row.days),
                format_minutes(row.minutes),
                format_currency(row.amount, "EUR", locale=locale),
                "",
            ],
            signature=True,
        )
    if not payout.rows:
        pdf.cell(0, _ROW_HEIGHT, texts["empty"], border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "B", 11)
    if pdf.will_page_break(_ROW_HEIGHT * 3):
        pdf.add_page()
    pdf.table_row(
        [
            "",
            texts["total"],
            str(payout.total_days),
            format_minutes(payout.total_minutes),
            format_currency(payout.total_amount, "EUR", locale=locale),
            "",
        ],
        signature=False,
    )
    pdf.ln(14)
    pdf.set_font("DejaVu", "", 11)
    paid_by, dated = f"{texts['paid_by']}: ", f"{texts['date']}: "
    pdf.cell(pdf.get_string_width(paid_by) + 2, 7, paid_by)
    pdf.cell(90 - pdf.get_string_width(paid_by), 7, "", border="B")
    pdf.cell(10, 7, "")
    pdf.cell(pdf.get_string_width(dated) + 2, 7, dated)
    pdf.cell(0, 7, "", border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _comma(amount: Decimal) -> str:
    return format_decimal(amount, format="0.00", locale="fi_FI")


class _Document(FPDF):
    def __init__(self, texts: dict[str, str], printed: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._texts = texts
        self._printed = printed

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", "", 9)
        self.cell(90, 6, self._texts["printed"].format(when=self._printed))
        page = self._texts["page"].format(page=self.page_no(), pages="{nb}")
        self.cell(0, 6, page, align="R")

    def table_header(self) -> None:
        self.set_font("DejaVu", "B", 10)
        self.set_fill_color(225, 225, 225)
        for key, width, align in _COLUMNS:
            self.cell(width, _HEADER_HEIGHT, self._texts[key], border=1, align=align, fill=True)
        self.ln(_HEADER_HEIGHT)

    def table_row(self, values: list[str], *, signature: bool) -> None:
        points = self.font_size_pt
        for (key, width, align), value in zip(_COLUMNS, values, strict=True):
            if key == "name":
                self._fitted_name(value, width)
                self.set_font_size(points)
            else:
                self.cell(width, _ROW_HEIGHT, value, border=1, align=align)
            if key == "signature" and signature:
                # A line to sign on, a little above the cell's bottom border.
                y = self.get_y() + _ROW_HEIGHT - 3
                self.line(self.get_x() - width + 3, y, self.get_x() - 3, y)
        self.ln(_ROW_HEIGHT)

    def _fitted_name(self, name: str, width: float) -> None:
        """The name whole if at all possible, since the person signs against it: smaller type
        first; a name too long even so is cut with an ellipsis rather than run over."""
        room = width - 2 * self.c_margin
        points = self.font_size_pt
        while self.get_string_width(name) > room and points > _SMALLEST_NAME_POINTS:
            points -= 0.5
            self.set_font_size(points)
        if self.get_string_width(name) > room:
            while name and self.get_string_width(name + "…") > room:
                name = name[:-1]
            name += "…"
        self.cell(width, _ROW_HEIGHT, name, border=1, align="L")
