"""`goodword serve` beyond this machine warns that there is no sign-in, and at start it
removes the upload folders a Goodword killed mid-import left behind (and nothing else)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from goodword.server import STALE_AFTER, sweep_stale_uploads

NO_SIGN_IN = "Warning: Goodword has no sign-in yet. Anyone who can reach this address sees"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::"])
def test_serving_beyond_this_machine_warns_that_everyone_sees_everything(
    run, cli_url: str, served: list[dict[str, Any]], host: str
) -> None:
    result = run("serve", "--host", host)

    assert result.exit_code == 0, result.output
    assert NO_SIGN_IN in result.stderr
    assert "never to a job club's members or the internet" in result.stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_serving_on_this_machine_only_does_not_warn(
    run, cli_url: str, served: list[dict[str, Any]], host: str
) -> None:
    result = run("serve", "--host", host)

    assert result.exit_code == 0, result.output
    assert "sign-in" not in result.stderr
    with TestClient(served[0]["app"], base_url="http://localhost:8765") as client:
        footer = client.get("/").text.split('<footer class="bottom">')[1]
    assert "your data stays on this machine ·" in footer and "sign-in" not in footer


def test_the_footer_says_where_the_data_is_when_served_beyond_this_machine(
    run, cli_url: str, served: list[dict[str, Any]]
) -> None:
    assert run("serve", "--host", "192.168.1.5").exit_code == 0
    with TestClient(served[0]["app"], base_url="http://192.168.1.5:8765") as phone:
        footer = phone.get("/").text.split('<footer class="bottom">')[1]

    assert "your data stays on this machine" not in footer
    assert ", the computer running Goodword" in footer
    assert "no sign-in yet: anyone who can open this page sees and changes all of it" in footer


def _upload_folder(parent: Path, name: str, *, age: float) -> Path:
    folder = parent / name
    (folder / "0").mkdir(parents=True)
    upload = folder / "0" / "Connections.csv"
    upload.write_text("First Name,Last Name\nPriya,Raman\n")
    when = os.path.getmtime(upload) - age
    for path in (upload, folder / "0", folder):
        os.utime(path, (when, when))
    return folder


def test_serve_removes_upload_folders_left_by_a_killed_server(
    run, cli_url: str, served: list[dict[str, Any]], _private_temp_dir: Path
) -> None:
    stale = _upload_folder(_private_temp_dir, "goodword-import-2xl8yaza", age=STALE_AFTER + 60)

    result = run("serve")

    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert "Removed 1 upload folder that a Goodword stopped during an import" in result.stderr


def test_the_sweep_leaves_running_imports_and_anything_not_clearly_ours(tmp_path: Path) -> None:
    old = STALE_AFTER + 60
    running = _upload_folder(tmp_path, "goodword-import-abcd1234", age=60)
    not_ours = _upload_folder(tmp_path, "goodword-imports-abcd1234", age=old)
    odd_shape = _upload_folder(tmp_path, "goodword-import-zzzz9999", age=old)
    (odd_shape / "notes.txt").write_text("a file of someone else's")
    os.utime(odd_shape / "notes.txt", (0, 0))
    os.utime(odd_shape, (0, 0))
    linked = _upload_folder(tmp_path, "goodword-import-link1234", age=old)
    (linked / "1").symlink_to(tmp_path, target_is_directory=True)
    os.utime(linked / "1", (0, 0), follow_symlinks=False)
    os.utime(linked, (0, 0))
    stale = _upload_folder(tmp_path, "goodword-import-stale_12", age=old)

    assert sweep_stale_uploads(tmp_path) == 1

    assert not stale.exists()
    assert running.exists() and not_ours.exists() and odd_shape.exists() and linked.exists()
