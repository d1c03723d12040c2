"""Staff accounts: add, list, new PIN, deactivate. Managing them is an admin's job.

Each staff member has an account of their own: a login ("anna", the name in the audit log), a
display name (shown to staff only), a role (`staff` or `admin`, kiosk.services.staff_access)
and a PIN, kept as an argon2id hash like the peer workers' PINs. The first admin is made from
the command line, which may do everything. An account is deactivated, never deleted, so the
audit log's "staff:anna" always means the same person. Logging in, and the lockout after wrong
PINs, is kiosk.services.staff_auth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.pins import hash_pin
from kiosk.core.typed_text import without_control_characters
from kiosk.db.staff_models import StaffAccount
from kiosk.db.worker_models import PinLock
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services import audit
from kiosk.services.audit import Subject
from kiosk.services.context import Context
from kiosk.services.staff_access import ROLES, require_staff
from kiosk.services.views import JsonView

LOGIN_MAX_LENGTH = 32
LOGIN_PATTERN = re.compile(rf"[a-z0-9._-]{{2,{LOGIN_MAX_LENGTH}}}")
MAX_NAME_LENGTH = 60
# The pin_locks scope of an account's wrong PINs (kiosk.services.staff_auth locks it).
ACCOUNT_LOCK = "account"


@dataclass(frozen=True)
class StaffAccountView(JsonView):
    """An account as staff see it: never its PIN or hash."""

    login: str
    display_name: str
    role: str  # staff | admin
    active: bool
    created_at: datetime
    deactivated_at: datetime | None = None
    locked_until: datetime | None = None  # wrong PINs locked it until then


def normalise_login(login: str) -> str:
    """A login as stored: lower case, without surrounding spaces."""
    return login.strip().lower()


def check_login(login: str) -> str:
    cleaned = normalise_login(login)
    if not LOGIN_PATTERN.fullmatch(cleaned):
        raise KioskError(
            "a login is 2 to 32 letters a-z, digits, dots, dashes or underscores",
            code="staff.login_invalid",
            login=login,
        )
    return cleaned


def add_account(
    ctx: Context, *, login: str, display_name: str, role: str, pin: str, by: Actor
) -> StaffAccountView:
    """A new staff account. Admin only; the first one is made from the command line."""
    name = _clean_name(display_name)
    _check_role(role)
    cleaned = check_login(login)
    pin_hash = hash_pin(pin)  # slow on purpose: outside the transaction, which locks the database
    try:
        with ctx.transaction() as session:
            require_staff(session, by, admin=True)
            if account_or_none(session, cleaned) is not None:
                raise _login_taken(cleaned)
            account = StaffAccount(
                login=cleaned,
                display_name=name,
                role=role,
                pin_hash=pin_hash,
                active=True,
                created_at=ctx.clock.now(),
            )
            session.add(account)
            session.flush()
            audit.record(
                session, ctx, "staff.add", subject(account), actor=by, details={"role": role}
            )
            return _view(account)
    except IntegrityError:
        # Another admin added the same login between our check and our insert.
        raise _login_taken(cleaned) from None


def list_accounts(
    ctx: Context, *, by: Actor, include_inactive: bool = False
) -> list[StaffAccountView]:
    """The accounts by login, with any lock wrong PINs put on them. Admin only."""
    now = ctx.clock.now()
    with ctx.reading() as session:
        require_staff(session, by, admin=True)
        query = select(StaffAccount).order_by(StaffAccount.login)
        if not include_inactive:
            query = query.where(StaffAccount.active.is_(True))
        locks = {
            lock.key: lock.locked_until
            for lock in session.scalars(select(PinLock).where(PinLock.scope == ACCOUNT_LOCK))
            if lock.locked_until is not None and lock.locked_until > now
        }
        return [_view(a, locks.get(a.login)) for a in session.scalars(query)]


def set_pin(ctx: Context, login: str, pin: str, *, by: Actor) -> StaffAccountView:
    """A new PIN: an admin for anyone, or a staff member for their own account."""
    pin_hash = hash_pin(pin)
    cleaned = normalise_login(login)
    with ctx.transaction() as session:
        require_staff(session, by, admin=by != Actor("staff", cleaned))
        account = find_account(session, cleaned, for_update=True)
        account.pin_hash = pin_hash
        audit.record(session, ctx, "staff.set_pin", subject(account), actor=by)
        return _view(account)


def deactivate(ctx: Context, login: str, *, by: Actor) -> StaffAccountView:
    """The account stops working at once, also where it is logged in. Admin only."""
    with ctx.transaction() as session:
        require_staff(session, by, admin=True)
        account = find_account(session, normalise_login(login), for_update=True)
        if not account.active:
            raise Refused(
                "this staff account is already deactivated",
                code="staff.already_inactive",
                login=account.login,
            )
        account.active = False
        account.deactivated_at = ctx.clock.now()
        audit.record(session, ctx, "staff.deactivate", subject(account), actor=by)
        return _view(account)


def find_account(session: Session, login: str, *, for_update: bool = False) -> StaffAccount:
    """The account with `login`, for staff, who may know which logins exist."""
    account = account_or_none(session, login, for_update=for_update)
    if account is None:
        raise NotFound("there is no such staff account", code="staff.not_found", login=login)
    return account


def subject(account: StaffAccount) -> Subject:
    """How the audit log names an account: by its login, never its display name."""
    return Subject("staff_account", account.login, account.id)


def account_or_none(
    session: Session, login: str, *, for_update: bool = False
) -> StaffAccount | None:
    """The account with `login` as stored (normalise_login), or None. A text that cannot be a
    login is nobody's and is not looked up: the database may not even take it (a NUL byte, or
    what a command line makes of bytes that are not UTF-8, crashed the lookup)."""
    if not LOGIN_PATTERN.fullmatch(login):
        return None
    query = select(StaffAccount).where(StaffAccount.login == login)
    return session.scalars(query.with_for_update() if for_update else query).first()


def _clean_name(name: str) -> str:
    cleaned = " ".join(without_control_characters(name).split())
    if not 1 <= len(cleaned) <= MAX_NAME_LENGTH:
        raise KioskError(
            f"a display name is 1 to {MAX_NAME_LENGTH} characters",
            code="staff.name_length",
            max_length=MAX_NAME_LENGTH,
        )
    return cleaned


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise KioskError(
            f'there is no role "{role}"; choose {" or ".join(ROLES)}',
            code="staff.role_unknown",
            role=role,
        )


def _login_taken(login: str) -> Refused:
    return Refused("that login is taken; choose another", code="staff.login_taken", login=login)


def _view(account: StaffAccount, locked_until: datetime | None = None) -> StaffAccountView:
    return StaffAccountView(
        login=account.login,
        display_name=account.display_name,
        role=account.role,
        active=account.active,
        created_at=account.created_at,
        deactivated_at=account.deactivated_at,
        locked_until=locked_until,
    )
