"""Grading in parallel gives what grading one at a time gives: locally (--workers 2, also with a
worker killed mid-batch) and on a real Dask cluster (a scheduler and two workers on 127.0.0.1,
one killed mid-batch)."""
import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from grader import submissions
from grader.submissions import SOLUTION
from tests.catalog import Wrong, nb01
from tests.test_resume import grader   # python -m grader, unisolated only where no sandbox starts

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these

ADDRESS = re.compile(r"0x[0-9a-f]+")          # an object's address differs run to run
A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
WRONG = [a.source for a in nb01.ANSWERS["ex1_1_running_mean"] if isinstance(a, Wrong)]
PERFECT = {"ex1_1_running_mean": SOLUTION, "ex1_2_block_and_scale": SOLUTION, "ex1_3_tiny_module": SOLUTION}
SOLVED = submissions.solution_answers(A01, NOTEBOOK)["ex1_1_running_mean"]
CLASS = {
    "amy": PERFECT,
    "bob": {},
    "cal": {**PERFECT, "ex1_1_running_mean": WRONG[0]},
    "dan": {**PERFECT, "ex1_1_running_mean": WRONG[1]},
    "eli": {**PERFECT, "ex1_1_running_mean": "import os\nos._exit(1)\n" + SOLVED},
    "fay": {**PERFECT, "ex1_3_tiny_module": "torch.testing.assert_close = lambda *a, **k: None"},
    "gus": {**PERFECT, "ex1_1_running_mean": "get_ipython().ast_transformers.clear()\n" + WRONG[2]},
    "hal": "{ not a notebook",
}


def write_class(folder):
    for student, answers in CLASS.items():
        path = folder / student / A01 / NOTEBOOK
        if isinstance(answers, str):
            path.parent.mkdir(parents=True)
            path.write_text(answers)
        else:
            submissions.write(submissions.build(A01, NOTEBOOK, answers), folder, student, A01, NOTEBOOK)


def graded(work, tmp_path):
    """Every row of the export, and every test cell's outputs, per student."""
    out = tmp_path / f"{work.name}.csv"
    assert grader(work, "export", "--to", str(out), stdout=subprocess.DEVNULL).wait() == 0
    rows = {row["student"]: row for row in csv.DictReader(out.open())}
    cells = {}
    for student in rows:
        path = work / "autograded" / student / A01 / NOTEBOOK
        if path.exists():
            nb = nbformat.read(path, as_version=4)
            cells[student] = [(c.metadata.get("nbgrader", {}).get("grade_id"), shown(c))
                              for c in nb.cells if c.cell_type == "code"]
    return rows, cells


def shown(cell):
    """A cell's outputs as a reader sees them: a stream's text joined however it arrived in
    pieces, addresses masked, figures aside (the tests' kernels skip drawing, not always)."""
    seen = []
    for output in cell.get("outputs", []):
        if output.output_type == "display_data":
            continue
        text = ADDRESS.sub("0x", json.dumps(output, sort_keys=True))
        if output.output_type == "stream" and seen and seen[-1][0] == ("stream", output.name):
            seen[-1][1] += output.text
        else:
            seen.append([("stream", output.name) if output.output_type == "stream" else text,
                         output.get("text", "")])
    return [(kind, ADDRESS.sub("0x", text)) for kind, text in seen]


def assert_same(got, want):
    (rows, cells), (want_rows, want_cells) = got, want
    assert rows == want_rows
    for student, expected in want_cells.items():
        for (grade_id, outputs), (_, wanted) in zip(cells[student], expected):
            assert outputs == wanted, f"{student}, cell {grade_id}"
    assert cells.keys() == want_cells.keys()


@pytest.fixture(scope="module")
def one_at_a_time(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serial")
    write_class(tmp / "in")
    run = grader(tmp / "work", "autograde", A01, "--submissions", str(tmp / "in"), "--workers", "1",
                 stdout=subprocess.DEVNULL)
    assert run.wait() == 0
    return graded(tmp / "work", tmp)


def test_two_local_workers_grade_as_one(one_at_a_time, tmp_path):
    write_class(tmp_path / "in")
    run = grader(tmp_path / "work", "autograde", A01, "--submissions", str(tmp_path / "in"), "--workers", "2",
                 stdout=subprocess.PIPE)
    out, _ = run.communicate()
    assert run.returncode == 0
    assert "with 2 worker(s)" in out
    assert_same(graded(tmp_path / "work", tmp_path), one_at_a_time)


def pool_workers(pid):
    """The local pool's worker processes of the grader process `pid`."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if proc.name.isdigit() and parent == pid and b"spawn_main" in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except (OSError, ValueError, IndexError):
            continue                # gone meanwhile, or not a process
    return found


def test_a_local_worker_that_dies_costs_a_retry_not_a_grade(one_at_a_time, tmp_path):
    write_class(tmp_path / "in")
    run = grader(tmp_path / "work", "autograde", A01, "--submissions", str(tmp_path / "in"), "--workers", "2",
                 stdout=subprocess.PIPE)
    seen, killed = [], []
    for line in run.stdout:
        seen.append(line)
        if line.startswith("[2/") and not killed:     # the others under way on both workers
            killed = pool_workers(run.pid)[:1]
            for pid in killed:
                os.kill(pid, signal.SIGKILL)
    assert run.wait() == 0, "".join(seen)
    assert killed, "no pool worker was found to kill"
    assert_same(graded(tmp_path / "work", tmp_path), one_at_a_time)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_dask_cluster_grades_as_one_even_when_a_worker_dies(one_at_a_time, tmp_path):
    dask = os.path.join(os.path.dirname(sys.executable), "dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    # started by hand as the README says: from any folder, no PYTHONPATH (the venv finds the grader)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                 "--no-dashboard"], env=env, cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(3)
        workers = [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                                    env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                   for _ in range(2)]
        started += workers
        time.sleep(5)
        write_class(tmp_path / "in")
        run = grader(tmp_path / "work", "autograde", A01, "--submissions", str(tmp_path / "in"),
                     "--cluster", address, stdout=subprocess.PIPE)
        seen = []
        for line in run.stdout:
            seen.append(line)
            if line.startswith("[3/"):          # one graded, others under way on both workers
                workers[0].send_signal(signal.SIGKILL)
        assert run.wait() == 0, "".join(seen)
        assert workers[0].wait() == -signal.SIGKILL
        assert_same(graded(tmp_path / "work", tmp_path), one_at_a_time)
    finally:
        for process in started:
            process.kill()
            process.wait()
