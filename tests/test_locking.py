"""The lock file of an interactive session: never followed through a planted link, never
anything but a regular file, and a lock another user left behind in a shared folder blocks
nobody."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_RUBRIC, app


def _audit(runner: CliRunner, folder: Path) -> tuple[int, str]:
    result = runner.invoke(
        app, ["audit", "-r", str(folder / "mini.yaml"), "-o", str(folder / "q.yaml")], input="q\n"
    )
    return result.exit_code, result.stderr


def test_a_link_planted_at_the_lock_name_is_refused_and_never_followed(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere" / "victim"
    elsewhere.parent.mkdir()
    (tmp_path / ".q.yaml.lock").symlink_to(elsewhere)
    code, message = _audit(runner, tmp_path)
    assert code == 2
    assert "is a symbolic link; svccheck never follows one there" in message
    assert not elsewhere.exists()
    assert not (tmp_path / "q.yaml").exists()


def test_a_fifo_at_the_lock_name_is_refused_at_once(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / ".q.yaml.lock")
    code, message = _audit(runner, tmp_path)
    assert code == 2
    assert "is not a regular file; remove it" in message


def test_the_lock_file_is_readable_by_all_whatever_the_umask(
    mini_rubric: Path, tmp_path: Path
) -> None:
    from svccheck.core.locking import Locks, lock_path

    previous = os.umask(0o077)
    try:
        with Locks() as locks:
            locks.claim(str(tmp_path / "q.yaml"))
            mode = stat.S_IMODE(os.stat(lock_path(str(tmp_path / "q.yaml"))).st_mode)
    finally:
        os.umask(previous)
    assert mode == 0o644


_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user may write in, as /tmp is (sticky), that another user can reach."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to act as two other users")
    folder = Path(tempfile.mkdtemp(prefix="svccheck-shared-", dir="/tmp"))
    folder.chmod(0o1777)
    probe = subprocess.run(
        [*_NOBODY, sys.executable, "-c", "import svccheck"],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:  # this Python or the checkout is in a folder nobody cannot enter
        shutil.rmtree(folder)
        pytest.skip("user nobody cannot run svccheck from here")
    (folder / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    (folder / "mini.yaml").chmod(0o644)
    yield folder
    shutil.rmtree(folder)


def _as_nobody(folder: Path) -> subprocess.CompletedProcess[str]:
    """An audit session run by user nobody, who answers the first item and stops."""
    return subprocess.run(
        [*_NOBODY, sys.executable, "-m", "svccheck", "audit", "-r", "mini.yaml", "-o", "q.yaml"],
        input="3\n\nq\n", capture_output=True, text=True, cwd=folder, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.may_skip
@pytest.mark.parametrize(
    ("mode", "blocks"),
    [(0o644, False), (0o600, True)],  # as svccheck leaves it; as older versions left it
)
def test_a_lock_another_user_left_in_a_shared_folder(shared: Path, mode: int, blocks: bool) -> None:
    lock = shared / ".q.yaml.lock"
    lock.touch()
    os.chown(lock, 12345, 12345)  # a colleague whose session was killed
    lock.chmod(mode)
    done = _as_nobody(shared)
    if blocks:
        assert done.returncode == 2
        assert "was left by another user and only they can read it" in done.stderr
        assert not (shared / "q.yaml").exists()
    else:
        assert done.returncode == 0, done.stderr
        assert "  greet: 3\n" in (shared / "q.yaml").read_text()
    assert lock.stat().st_uid == 12345  # nobody can neither remove nor replace it
