"""Staff accounts: who may use the staff console and the kiosk's staff screens, and as what.

A login is the account's name in the audit log ("staff:anna"); the display name is shown to
staff only. The PIN is an argon2id hash (kiosk.core.pins): nothing here gives it back. An
account is never deleted, only deactivated, so every name in the audit log keeps its meaning.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.db.models import Base
from kiosk.db.types import UTCDateTime


class StaffAccount(Base):
    __tablename__ = "staff_accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Lower case [a-z0-9._-], 2 to 32 characters (kiosk.services.staff_accounts checks it).
    login: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(8))  # staff | admin
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
