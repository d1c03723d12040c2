from kiosk.core.spreadsheet_csv import safe_cell


def test_cells_a_spreadsheet_would_run_are_text_and_numbers_stay_numbers() -> None:
    for formula in ("=1+1", "+A1", "-A1", "@SUM(A1)", "\tx", "\rx", "-"):
        assert safe_cell(formula) == "'" + formula
    for plain in ("Liisa", "Åsa Öhman-Äijälä", "-3", "12,50", "-2.5", "", 7, 1.5):
        assert safe_cell(plain) == plain
    assert safe_cell(None) == ""
