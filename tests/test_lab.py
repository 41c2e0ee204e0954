"""`make lab`: JupyterLab on the course, with nbgrader's Validate for students and formgrader
for instructors, writing nothing outside the repository."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from grader.course import ROOT

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these

TOKEN = "test-token"
NOTEBOOK = "course/01_python_classes/01_python_classes.ipynb"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, path, data=None):
    """(status, body) of one request to the server; redirects are not followed."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                 headers={"Authorization": f"token {TOKEN}"})
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")      # an empty $HOME shows whether lab writes there
    port = free_port()
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab",
         f"LAB_ARGS=--no-browser --ip=127.0.0.1 --port={port} --ServerApp.token={TOKEN}"],
        cwd=ROOT, env={**os.environ, "HOME": str(home)}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                if request(port, "/api/status")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        yield port, home
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_students_see_the_course(lab):
    port, _ = lab
    status, body = request(port, "/api/contents/course")
    assert status == 200
    assert {"01_python_classes", "07_hooks"} <= {item["name"] for item in json.loads(body)["content"]}


def test_validate_runs_the_visible_tests_of_a_student_notebook(lab):
    port, _ = lab
    status, body = request(port, "/assignments/validate",
                           data=f"path={NOTEBOOK}".encode())
    assert status == 200
    result = json.loads(body)
    assert result["success"], result
    assert "failed" in result["value"], "the untouched release must fail its visible tests"


def test_validate_leaves_the_release_folder_alone(lab):
    port, _ = lab
    before = sorted((ROOT / "course").rglob("*"))
    assert request(port, "/assignments/validate", data=f"path={NOTEBOOK}".encode())[0] == 200
    assert sorted((ROOT / "course").rglob("*")) == before, "the kernel wrote files into course/"


def test_the_lab_extension_has_validate_and_formgrader(lab):
    port, _ = lab
    status, body = request(port, "/lab/api/extensions")
    assert status == 200
    assert "@jupyter/nbgrader" in body or "jupyter-nbgrader" in body
    assert request(port, "/formgrader")[0] in (200, 302)


def test_nothing_is_written_to_home(lab):
    _, home = lab
    assert list(home.iterdir()) == []
