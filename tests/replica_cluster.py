"""A PostgreSQL primary and its streaming replica, built from the binaries of the pgserver wheel.

Both listen on a Unix socket in one temporary folder only (no TCP port to collide with anything).
PostgreSQL refuses to run as root, so as root (CI) the clusters run as the unprivileged system
user the embedded server uses, the way pgserver itself does it (regionalprogram/embedded_db.py).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess  # noqa: S404 - starting PostgreSQL is the point
import tempfile
import time
import warnings
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import psycopg2

PRIMARY_PORT = 5491
REPLICA_PORT = 5492
DATABASE = "portal"
SERVER_SETTINGS = """
listen_addresses = ''
unix_socket_directories = '{sockets}'
port = {port}
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
shared_buffers = 32MB
"""


def _binaries() -> Path:
    # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; it is noise here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin"


# Some PostgreSQL builds (the shared development server's) tag columns with attribute options
# that stock PostgreSQL refuses; the schema is the same without them.
_FOREIGN_COLUMN_OPTION = re.compile(r"^ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(pg_\w+=\w+\);$")


# A source on a packaged server has pg_trgm and the plan's trigram index (measures migration
# 0016); the pgserver build has no pg_trgm, and its migration leaves both out, as here.
_TRIGRAM_STATEMENT = re.compile(
    r"^(CREATE EXTENSION|COMMENT ON EXTENSION) .*\bpg_trgm\b|gin_trgm_ops"
)


def _drop_unknown_column_options(dump: Path) -> None:
    lines = dump.read_text().splitlines(keepends=True)
    dump.write_text(
        "".join(
            line
            for line in lines
            if not _FOREIGN_COLUMN_OPTION.match(line) and not _TRIGRAM_STATEMENT.search(line)
        )
    )


class PrimaryAndReplica:
    """``with PrimaryAndReplica() as clusters:`` — both running and streaming inside the block,
    both stopped and their folder removed after it, whatever happened."""

    def __init__(self) -> None:
        # Short: the socket's path must fit in 107 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="rpl-", dir="/tmp"))
        self.primary = self.folder / "primary"
        self.replica = self.folder / "replica"
        self.bin = _binaries()
        self.user = None
        if os.geteuid() == 0:
            self._prepare_unprivileged_user()

    def _prepare_unprivileged_user(self) -> None:
        import pwd
        import stat

        from pgserver.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        self.user = "pgserver"
        entry = ensure_user_exists(self.user)
        ensure_prefix_permissions(self.folder)
        ensure_prefix_permissions(self.bin)
        readable = stat.S_IRGRP | stat.S_IROTH
        ensure_folder_permissions(self.bin, readable | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(self.bin.parent / "lib", readable)
        os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        assert pwd.getpwnam(self.user).pw_uid == entry.pw_uid

    # --- running the tools ---

    def tool(self, name: str, *args: str, timeout: int = 120) -> None:
        """Run a PostgreSQL program as the clusters' user; its output goes to a log file (a pipe
        inherited by the postmaster that pg_ctl starts would never close)."""
        log = self.folder / f"{name}.out"
        with log.open("a") as out:
            result = subprocess.run(  # noqa: S603
                [str(self.bin / name), *args],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                user=self.user,
                timeout=timeout,
                check=False,
                cwd=self.folder,
            )
        if result.returncode != 0:
            raise RuntimeError(f"{name} {' '.join(args)} failed:\n{self.logs()}")

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.folder.glob("*.out")) + sorted(self.folder.glob("*.log"))
        )

    # --- addresses ---

    def url(self, port: int, database: str = DATABASE) -> str:
        """A DATABASE_URL for dj-database-url and libpq alike."""
        return (
            f"postgres://postgres@/{database}?host={quote(str(self.folder), safe='')}&port={port}"
        )

    def connect(self, port: int, database: str = DATABASE):
        connection = psycopg2.connect(
            host=str(self.folder), port=port, user="postgres", dbname=database
        )
        connection.autocommit = True
        return connection

    def query(self, port: int, sql: str, params=(), *, database: str = DATABASE) -> tuple:
        with closing(self.connect(port, database)) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    # --- building ---

    def __enter__(self) -> PrimaryAndReplica:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        self.tool(
            "initdb",
            "-D",
            str(self.primary),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )
        settings = SERVER_SETTINGS.format(sockets=self.folder, port=PRIMARY_PORT)
        with (self.primary / "postgresql.conf").open("a") as conf:
            conf.write(settings)
        # Local connections only, replication among them (pg_basebackup and the standby's stream).
        (self.primary / "pg_hba.conf").write_text(
            "local all all trust\nlocal replication all trust\n"
        )
        self._pg_ctl(self.primary, "primary")
        self.tool(
            "pg_basebackup",
            "-h",
            str(self.folder),
            "-p",
            str(PRIMARY_PORT),
            "-U",
            "postgres",
            "-D",
            str(self.replica),
            "--write-recovery-conf",  # standby.signal and primary_conninfo
            "--wal-method=stream",
            "--no-sync",
        )
        with (self.replica / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {REPLICA_PORT}\n")
        self._pg_ctl(self.replica, "replica")
        streaming = "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
        self._wait(
            lambda: self.query(PRIMARY_PORT, streaming, database="postgres")[0] == 1,
            "the replica to stream",
        )

    def _pg_ctl(self, pgdata: Path, name: str) -> None:
        log = self.folder / f"{name}.log"
        self.tool("pg_ctl", "-D", str(pgdata), "-l", str(log), "-w", "-t", "60", "start")

    def _wait(self, ready, what: str, *, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                if ready():
                    return
            except psycopg2.Error:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}:\n{self.logs()}")
            time.sleep(0.1)

    def create_database(self) -> None:
        with closing(self.connect(PRIMARY_PORT, "postgres")) as connection:
            connection.cursor().execute(f"CREATE DATABASE {DATABASE}")

    def load(self, source_url: str) -> None:
        """Copy the schema and rows of ``source_url`` (an already migrated database) into the
        primary: seconds, where migrating from scratch takes a minute or more."""
        dump = self.folder / "source.sql"
        steps = [
            ["pg_dump", "--no-owner", "--no-privileges", "-f", str(dump), "--dbname", source_url],
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump)]
            + ["--dbname", self.url(PRIMARY_PORT)],
        ]
        for name, *args in steps:
            if name == "psql":
                _drop_unknown_column_options(dump)
            result = subprocess.run(  # noqa: S603
                [str(self.bin / name), *args],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            if result.returncode != 0:
                raise RuntimeError(f"{name} failed: {result.stderr[-3000:]}")

    # --- stopping ---

    def close(self) -> None:
        for pgdata in (self.replica, self.primary):
            self._stop(pgdata)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _stop(self, pgdata: Path) -> None:
        pidfile = pgdata / "postmaster.pid"
        if not pidfile.exists():
            return
        try:
            pid = int(pidfile.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        # Immediate shutdown (SIGQUIT): nothing here is worth a checkpoint.
        try:
            os.kill(pid, signal.SIGQUIT)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
