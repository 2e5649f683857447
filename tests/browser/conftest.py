"""Real-browser tests: Debian's Chromium driven by Playwright against a live local server.

The server runs the real app (uvicorn) on a free loopback port over a fresh SQLite file; each
test gets its own database. Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from goodword import migrate
from goodword.config import Settings
from goodword.db import make_engine
from goodword.web import create_app

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]


def _chromium() -> str:
    path = os.environ.get("GOODWORD_TEST_CHROMIUM") or shutil.which("chromium") or ""
    if not path or not Path(path).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI; .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@dataclass
class LiveServer:
    url: str
    database_url: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    database_url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    engine.dispose()
    port = _free_port()
    app = create_app(Settings(database_url=database_url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    yield LiveServer(url=f"http://127.0.0.1:{port}", database_url=database_url)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
