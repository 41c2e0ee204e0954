"""The gradebook on a real PostgreSQL server (NN_COURSE_DB_URL): grading, a SIGKILL mid-batch
and a rerun, export. The server is a throw-away cluster in a temporary folder, from the
machine's PostgreSQL binaries (skipped, with why, where there are none)."""
import glob
import os
import shutil
import socket
import subprocess
import tempfile

import pytest

from tests import test_resume

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these

BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), None) or (
    os.path.dirname(shutil.which("initdb")) if shutil.which("initdb") else None)


def as_owner(*command):
    """Run a PostgreSQL command as the postgres user when we are root (postgres refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + list(command), check=True, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def server():
    if BIN is None:
        pytest.skip("no PostgreSQL binaries on this machine (initdb, pg_ctl)")
    folder = tempfile.mkdtemp(prefix="nn-course-pg-", dir="/tmp")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = os.path.join(folder, "data")
    as_owner(f"{BIN}/initdb", "-D", data, "-A", "trust", "-U", "grader")
    as_owner(f"{BIN}/pg_ctl", "-D", data, "-w", "-l", os.path.join(folder, "log"),
             "-o", f"-h 127.0.0.1 -p {port} -k {folder}", "start")
    try:
        yield f"postgresql+psycopg://grader@127.0.0.1:{port}/postgres"
    finally:
        as_owner(f"{BIN}/pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def test_grading_resume_and_export_on_postgresql(server, tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_DB_URL", server)
    test_resume.test_sigkill_mid_batch_then_rerun(tmp_path)
