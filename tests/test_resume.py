"""Killing the grader mid-batch loses nothing, and re-grading one student changes only that one."""
import pytest
import csv
import os
import signal
import subprocess
import sys

from grader import course, submissions
from grader.submissions import SOLUTION
from tests.catalog import Wrong, nb01
from tests.conftest import sandbox_missing

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these (runs without a sandbox too)

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
# A wrong answer from the catalog: the mean of the last two values only.
RUNNING_MEAN_WRONG = next(answer.source for answer in nb01.ANSWERS["ex1_1_running_mean"]
                          if isinstance(answer, Wrong) and "old mean" in answer.mistake)
PERFECT = {"ex1_1_running_mean": SOLUTION, "ex1_2_block_and_scale": SOLUTION, "ex1_3_tiny_module": SOLUTION}
CLASS = {
    "amy": PERFECT, "bob": {}, "cal": {**PERFECT, "ex1_1_running_mean": RUNNING_MEAN_WRONG},
    "dan": PERFECT, "eli": {"ex1_1_running_mean": SOLUTION}, "fay": PERFECT,
}


def write_class(folder, students):
    for student, answers in students.items():
        submissions.write(submissions.build(A01, NOTEBOOK, answers), folder, student, A01, NOTEBOOK)


def grader(work, *args, **popen):
    env = {**os.environ, "NN_COURSE_WORK": str(work)}
    if args[0] == "autograde" and sandbox_missing():
        args = (*args, "--no-sandbox")        # our own answers: they may run unisolated
    return subprocess.Popen([sys.executable, "-m", "grader", *args], cwd=course.ROOT, env=env,
                            text=True, start_new_session=True, **popen)


def grades(work, tmp_path):
    out = tmp_path / "grades.csv"
    assert grader(work, "export", "--to", str(out), stdout=subprocess.DEVNULL).wait() == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == len({row["student"] for row in rows}), "a student appears twice"
    return {row["student"]: (float(row["score"]), row["status"]) for row in rows}


def gradebook_scores(work):
    from nbgrader.api import Gradebook

    with Gradebook(os.environ.get("NN_COURSE_DB_URL") or f"sqlite:///{work / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.find_assignment(A01).submissions}


def test_sigkill_mid_batch_then_rerun(tmp_path):
    folder, work = tmp_path / "in", tmp_path / "work"
    write_class(folder, CLASS)
    batch = grader(work, "autograde", A01, "--submissions", str(folder), stdout=subprocess.PIPE)
    for line in batch.stdout:
        if line.startswith("[4/6]"):          # three graded, the fourth under way
            os.killpg(batch.pid, signal.SIGKILL)
            break
    batch.wait()
    assert batch.returncode == -signal.SIGKILL

    assert grader(work, "autograde", A01, "--submissions", str(folder), stdout=subprocess.DEVNULL).wait() == 0
    after = grades(work, tmp_path)
    assert after == {"amy": (12.0, "graded"), "bob": (0.0, "graded"), "cal": (9.0, "graded"),
                     "dan": (12.0, "graded"), "eli": (3.0, "graded"), "fay": (12.0, "graded")}
    assert gradebook_scores(work) == {student: score for student, (score, _) in after.items()}

    # cal fixes ex 1.1 and is graded again, alone: nobody else's grade moves.
    again = tmp_path / "again"
    write_class(again, {"cal": PERFECT})
    assert grader(work, "autograde", A01, "--submissions", str(again), stdout=subprocess.DEVNULL).wait() == 0
    assert grades(work, tmp_path) == {**after, "cal": (12.0, "graded")}
