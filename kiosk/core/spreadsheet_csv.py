"""CSV as a Finnish spreadsheet opens it, with no cell that a spreadsheet would run as a formula.

Semicolons between cells and a byte-order mark, so Excel set to Finnish reads columns and "ä"
right. A text cell that starts with "=", "+", "-", "@", a tab or a carriage return would be
taken as a formula by Excel and LibreOffice (a worker named "=HYPERLINK(...)" would run when
staff open the payout list), so it is written with a leading apostrophe, as OWASP's guidance on
CSV injection recommends. A plain number ("-3", "12,50") is still a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

Cell = str | int | float | None

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")


def safe_cell(cell: Cell) -> str | int | float:
    if cell is None:
        return ""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def spreadsheet_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
