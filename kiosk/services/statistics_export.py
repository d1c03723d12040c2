"""The statistics' CSV files on the staff PC: one file per table (kiosk.services.statistics_tables,
which every front door shares), in a folder named after the period, in the export folder.

The export folder is `[console] export_dir`, else the Documents folder of whoever runs the
console, else their home folder: where a nurse looks for a file to open in a spreadsheet. The
files hold anonymous daily totals only, no client data. Exporting the same period again
replaces its files, which are made afresh from the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.services.statistics_tables import TABLES, table_csv
from kiosk.services.statistics_views import Statistics
from kiosk.settings.schema import Settings


@dataclass(frozen=True)
class ExportedFiles:
    folder: Path
    files: tuple[Path, ...]


def export_folder(settings: Settings, home: Path | None = None) -> Path:
    """Where exports go on this machine (see the module text)."""
    chosen = settings.console.export_dir.strip()
    if chosen:
        return Path(chosen).expanduser()
    home = home or Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def write_csv_files(stats: Statistics, into: Path) -> ExportedFiles:
    """Every table of `stats` as CSV in a folder of `into` named after the period."""
    # A range's label has "..", which some file managers hide or refuse in a name.
    folder = into / f"aula-statistics-{stats.period.replace('..', '_to_')}"
    files = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            path = folder / f"{name}.csv"
            path.write_bytes(table_csv(stats, name))
            files.append(path)
    except OSError as error:
        raise KioskError(
            f"the statistics could not be saved in {folder} ({error.strerror}); nothing else "
            "was changed, choose another folder for the export",
            code="statistics.export_failed",
            folder=str(folder),
        ) from None
    return ExportedFiles(folder=folder, files=tuple(files))
