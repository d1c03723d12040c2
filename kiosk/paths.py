"""Where the kiosk keeps its data (the database, printed slips, logs), and where its own files
are: the shipped configuration and the assets (icons, fonts, sounds, with their licences).

The assets and the configuration live inside the package, so an installed wheel has them too
(`pip install aula-kiosk` on a staff PC), not only a checkout of the repository.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE / "assets"
SHIPPED_CONFIG = PACKAGE / "config"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins, then `KIOSK_DATA_DIR`, then `$XDG_DATA_HOME/aula-kiosk`."""
    if explicit:
        return Path(explicit)
    if os.environ.get("KIOSK_DATA_DIR"):
        return Path(os.environ["KIOSK_DATA_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "aula-kiosk"


# Files this program makes are readable by its own user only (0600, folders 0700): the
# database, its write-ahead log, the logs, printed slips and payout lists hold client data, and
# a kiosk machine may have other local accounts.
PRIVATE_UMASK = 0o077


def keep_private(directory: Path) -> None:
    """From now on make files private, and close the data directory to other accounts if an
    earlier version left it open (0755): what is inside cannot be reached through a closed
    folder, so the files in it need not be visited one by one."""
    os.umask(PRIVATE_UMASK)
    try:
        if directory.is_dir() and directory.stat().st_mode & 0o077:
            directory.chmod(0o700)
    except OSError:
        pass  # not ours to change (another user's folder): opening it will say what is wrong


def cache_dir(name: str) -> Path:
    """A folder for what can be made again but is slow to make: `$XDG_CACHE_HOME/aula-kiosk/NAME`
    (default ~/.cache), private to this user; the system's temporary folder if that fails."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = Path(base) / "aula-kiosk" / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        folder = Path(tempfile.gettempdir())
    return folder


def database_url(directory: Path) -> str:
    """`KIOSK_DATABASE_URL` wins; otherwise an SQLite file in the data directory."""
    return os.environ.get("KIOSK_DATABASE_URL") or f"sqlite:///{directory / 'kiosk.sqlite3'}"
