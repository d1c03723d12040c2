"""PostgreSQL restarted mid-use: while it is down the kiosk's use cases refuse with
DatabaseBusy (code database.busy, which the kiosk's screens word as "try again in a moment",
kiosk.ui.refusals) and nothing is half-saved; once it is back they work again by themselves
(pool_pre_ping), with the next number after the last one given.

The server stopped and started here is one of the test's own, made with initdb in a temporary
folder on a free port: the shared test server (scripts/start-test-postgres) serves other test
runs meanwhile, and a restart of it would fail theirs. It needs root (to run the server as the
postgres user) and the PostgreSQL server programs."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.core.clock import FixedClock
from kiosk.db.storage_errors import DatabaseBusy
from kiosk.services import help_requests, tickets
from tests.support import TUESDAY_MORNING, default_toml, migrated_context, settings_from

PROGRAMS = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))


def _postgres_user_exists() -> bool:
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


@dataclass
class Server:
    """A PostgreSQL server of this test's own, run as the postgres user."""

    programs: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *words: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(self.programs / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-l",
                str(self.folder / "log"),
                "-o",
                options,
                "-w",
                *words,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )


@pytest.fixture
def server() -> Iterator[Server]:
    if os.environ.get("KIOSK_REQUIRE_POSTGRES") != "1":
        pytest.skip("PostgreSQL tests skipped: set KIOSK_REQUIRE_POSTGRES=1")
    if os.geteuid() != 0 or not PROGRAMS or not _postgres_user_exists():
        pytest.skip("restarting a server needs root and the PostgreSQL server programs")
    folder = Path(tempfile.mkdtemp(prefix="aula-pg-restart-"))
    shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    found = Server(PROGRAMS[-1].parent, folder, port)
    try:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(found.programs / "initdb"),
                "-D",
                str(folder / "data"),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        found.pg_ctl("start")
        yield found
    finally:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(found.programs / "pg_ctl"),
                "-D",
                str(folder / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


def test_a_server_down_is_busy_and_back_up_it_works_again_by_itself(
    server: Server, tmp_path: Path
) -> None:
    ctx = migrated_context(
        settings_from(default_toml()), tmp_path, FixedClock(TUESDAY_MORNING), server.url
    )
    assert tickets.take_number(ctx, "A").code == "A001"
    server.pg_ctl("-m", "fast", "stop")  # ends every connection the kiosk's pool holds
    for use_case in (
        lambda: tickets.take_number(ctx, "A"),
        lambda: help_requests.help_queue(ctx),  # what the home screen reads
    ):
        with pytest.raises(DatabaseBusy) as refused:
            use_case()
        assert refused.value.code == "database.busy"
    server.pg_ctl("start")
    assert tickets.take_number(ctx, "A").code == "A002"
    # A restart between two takes, the pool's connections now dead: the next take does not
    # notice it.
    server.pg_ctl("-m", "fast", "restart")
    assert tickets.take_number(ctx, "A").code == "A003"
    assert help_requests.help_queue(ctx).waiting == 0
    ctx.engine.dispose()
