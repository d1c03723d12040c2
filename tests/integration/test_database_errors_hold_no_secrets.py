"""A database error's message may reach a crash log or a terminal: it names the statement,
never what was in it (a worker's name, a PIN hash)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kiosk.services.context import Context

SECRET_NAME = "Salainen Nimi"
SECRET_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0"


def test_a_failed_insert_does_not_echo_its_values(ctx: Context) -> None:
    insert = text(
        "INSERT INTO staff_accounts (login, display_name, role, pin_hash, active, created_at)"
        " VALUES (:l, :n, 'staff', :h, TRUE, CURRENT_TIMESTAMP)"
    )
    values = {"l": "anna", "n": SECRET_NAME, "h": SECRET_HASH}
    with ctx.engine.begin() as connection:
        connection.execute(insert, values)
    with pytest.raises(IntegrityError) as raised, ctx.engine.begin() as connection:
        connection.execute(insert, values)
    message = str(raised.value)
    assert "staff_accounts" in message
    assert SECRET_NAME not in message and SECRET_HASH not in message
