"""Running the web app under uvicorn, as `goodword serve` does.

Ctrl+C once stops the server cleanly: uvicorn waits for the requests under way to finish,
and an import running in the background is one of them, which could take minutes. So the
first Ctrl+C (or SIGTERM) also asks every running import to stop; each rolls back at its
next step, saving nothing, and the server then exits. A second Ctrl+C exits at once, as
uvicorn's always does.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import stat
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

import uvicorn
from fastapi import FastAPI

from goodword.importers.running import app_jobs


class Server(uvicorn.Server):
    """uvicorn's server, which also stops running imports when asked to shut down."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if not self.should_exit:
            app = self.config.app
            if isinstance(app, FastAPI) and app_jobs(app).stop_all():
                print(
                    "Stopping the import that is running; nothing of it will be saved.",
                    file=sys.stderr,
                    flush=True,
                )
        super().handle_exit(sig, frame)


class CannotListen(Exception):
    """The address and port cannot be listened on; the message says why, in words."""


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to the address and port, taken before Goodword says it is running
    there (so a port in use is said plainly, not after the announcement)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        raise CannotListen(f"{host} is not a name or address Goodword can listen on.") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise CannotListen(_why(exc, host, port)) from None
    return sock


def _why(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"Port {port} is in use (by another program, or a Goodword already running). "
            "Choose another with --port, or GOODWORD_PORT (GOODWORD_PORT=8766 make run)."
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"{host} is not an address of this machine. Use 127.0.0.1 for this machine "
            "only, or 0.0.0.0 for every address it has."
        )
    if exc.errno == errno.EACCES:
        return f"Port {port} needs administrator rights here; choose one above 1023 with --port."
    return f"Goodword cannot listen on {host}, port {port}: {exc.strerror or exc}."


def serve(app: FastAPI, sock: socket.socket) -> None:
    """Serve `app` on the bound socket (see `listen`) until Ctrl+C or SIGTERM."""
    host, port = sock.getsockname()[:2]
    # No access log: the calendar feed's URL carries its secret token.
    Server(uvicorn.Config(app, host=host, port=port, access_log=False)).run(sockets=[sock])


# An upload folder `importers.uploads.save_uploads` makes: tempfile's prefix and 8 characters.
UPLOAD_FOLDER = re.compile(r"goodword-import-[a-z0-9_]{8}")
# No import runs this long, so a folder untouched for longer is no running import's (another
# Goodword's on this machine included): it was left by a server killed mid-import.
STALE_AFTER = 6 * 60 * 60  # seconds


def sweep_stale_uploads(folder: Path | None = None, *, now: float | None = None) -> int:
    """Remove the upload folders a Goodword killed mid-import left behind (a clean stop
    removes its own): each still holds someone's uploaded file. Only folders clearly ours
    (named and laid out as `save_uploads` makes them, owned by this user, no links) and
    untouched for STALE_AFTER. Return how many were removed."""
    folder = Path(tempfile.gettempdir()) if folder is None else folder
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = [p for p in folder.iterdir() if UPLOAD_FOLDER.fullmatch(p.name)]
    except OSError:
        return 0
    for candidate in candidates:
        if _stale_upload(candidate, now=now):
            shutil.rmtree(candidate, ignore_errors=True)
            removed += not candidate.exists()
    return removed


def _stale_upload(folder: Path, *, now: float) -> bool:
    """Whether `folder` is an upload folder of ours, untouched for STALE_AFTER: numbered
    folders (one per file uploaded) each holding plain files."""
    uid = os.getuid() if hasattr(os, "getuid") else None  # (Windows has no owners here)
    try:
        entries = [folder, *folder.iterdir()]
        entries += [
            f for sub in entries[1:] if sub.is_dir() and not sub.is_symlink() for f in sub.iterdir()
        ]
        for entry in entries:
            info = entry.lstat()
            depth = len(entry.relative_to(folder).parts)
            expected = stat.S_ISDIR if depth < 2 else stat.S_ISREG
            if not expected(info.st_mode) or (uid is not None and info.st_uid != uid):
                return False
            if depth == 1 and not entry.name.isdigit():
                return False
            if now - info.st_mtime < STALE_AFTER:
                return False
    except OSError:
        return False
    return True
