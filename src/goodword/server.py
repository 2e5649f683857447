"""Running the web app under uvicorn, as `goodword serve` does.

Ctrl+C once stops the server cleanly: uvicorn waits for the requests under way to finish,
and an import running in the background is one of them, which could take minutes. So the
first Ctrl+C (or SIGTERM) also asks every running import to stop; each rolls back at its
next step, saving nothing, and the server then exits. A second Ctrl+C exits at once, as
uvicorn's always does.
"""

from __future__ import annotations

import sys
from types import FrameType

import uvicorn
from fastapi import FastAPI

from goodword.importers.views import app_jobs


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


def serve(app: FastAPI, *, host: str, port: int) -> None:
    """Serve `app` until Ctrl+C or SIGTERM."""
    # No access log: the calendar feed's URL carries its secret token.
    Server(uvicorn.Config(app, host=host, port=port, access_log=False)).run()
