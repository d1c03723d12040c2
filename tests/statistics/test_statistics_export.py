"""Where the console saves the statistics' CSV files, and what it says when it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.errors import KioskError
from kiosk.services.statistics_export import export_folder, write_csv_files
from kiosk.services.statistics_tables import TABLES, table_csv
from tests.statistics.sample_figures import week_of_figures
from tests.support import around_the_clock_toml, settings_from


def with_export_dir(folder: str):
    settings = settings_from(around_the_clock_toml())
    console = settings.console.model_copy(update={"export_dir": folder})
    return settings.model_copy(update={"console": console})


def test_the_documents_folder_by_default_else_home_else_the_setting(tmp_path: Path) -> None:
    settings = with_export_dir("")
    assert export_folder(settings, home=tmp_path) == tmp_path
    (tmp_path / "Documents").mkdir()
    assert export_folder(settings, home=tmp_path) == tmp_path / "Documents"
    assert export_folder(with_export_dir(str(tmp_path / "aula")), home=tmp_path) == (
        tmp_path / "aula"
    )
    assert export_folder(with_export_dir("~/aula")) == Path.home() / "aula"


def test_every_table_is_one_file_in_a_folder_named_after_the_period(tmp_path: Path) -> None:
    stats = week_of_figures()
    exported = write_csv_files(stats, tmp_path)
    assert exported.folder == tmp_path / f"aula-statistics-{stats.period}"
    assert [p.name for p in exported.files] == [f"{name}.csv" for name in TABLES]
    for name, path in zip(TABLES, exported.files, strict=True):
        assert path.read_bytes() == table_csv(stats, name)


def test_a_folder_that_cannot_be_made_is_named_in_the_refusal(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(KioskError) as refused:
        write_csv_files(week_of_figures(), blocked)
    assert refused.value.code == "statistics.export_failed"
    assert refused.value.facts["folder"].startswith(str(blocked))
    assert blocked.read_text() == "not a folder"
