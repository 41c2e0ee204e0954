"""The class workflow through nbgrader's exchange, as its commands run it: the instructor
releases, a student fetches and submits, the instructor collects, grades and releases the
feedback, the student fetches it. And what a student can plant in the exchange, which every
student can write: links, FIFOs, names that are not a student id; collect neither follows nor
hangs on any of them, and the rest of the class is collected."""
import json
import os
import subprocess
import sys

import nbformat
import pytest

from grader import course, student_lab, submissions
from tests.conftest import work_folder

pytestmark = pytest.mark.slow

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"


def release_to_exchange(work):
    """The second half of `grader release`: the first regenerates course/, which the suite
    running alongside reads (`release --check` and tests/test_cli.py test that half)."""
    from grader import exchange

    with work_folder(work):
        exchange.release([A01])


def instructor(work, *args):
    run = subprocess.run([sys.executable, "-m", "grader", *args], cwd=course.ROOT, capture_output=True,
                         text=True, timeout=600, env={**os.environ, "NN_COURSE_WORK": str(work)})
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return run.stdout


def student(work, name, *args):
    """`nbgrader ARGS` from the student's folder, with the settings their lab uses."""
    with work_folder(work):
        home, env = student_lab.prepare(name)
    run = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=home, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return home


def inbound(work):
    return work / "exchange" / "inside-nn-module" / "inbound"


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """One walk of the whole workflow, with two students and the planted entries."""
    work = tmp_path_factory.mktemp("exchange") / "work"
    release_to_exchange(work)
    for name in ("ana", "bo"):
        home = student(work, name, "fetch_assignment", A01)
        path = home / A01 / NOTEBOOK
        nb = nbformat.read(path, as_version=4)
        if name == "ana":          # answers the first exercise only
            first = next(iter(submissions.answer_cells(nb)))
            submissions.answer_cells(nb)[first].source = submissions.solution_answers(A01, NOTEBOOK)[first]
        nbformat.write(nb, path)
        student(work, name, "submit", A01)
    stamp = "2026-12-01 10:00:00.000000 UTC"
    (inbound(work) / f"mallory+{A01}+{stamp}+aaaa").symlink_to(course.SOLUTIONS / A01)
    linked = inbound(work) / f"oscar+{A01}+{stamp}+bbbb"
    linked.mkdir()
    (linked / NOTEBOOK).symlink_to(course.SOLUTIONS / A01 / NOTEBOOK)
    fifo = inbound(work) / f"pat+{A01}+{stamp}+cccc"
    fifo.mkdir()
    (fifo / NOTEBOOK).write_text(nbformat.writes(submissions.build(A01, NOTEBOOK, {})))
    os.mkfifo(fifo / "hangs.fifo")
    (inbound(work) / f"\x1b[2Jeve+{A01}+{stamp}+dddd").mkdir()
    (inbound(work) / f"zed+{A01}+not-a-time+eeee").mkdir()
    collected = instructor(work, "collect", A01)
    graded = instructor(work, "autograde", A01, "--submissions", str(work / "collected"))
    instructor(work, "feedback", A01, "--release")
    return work, collected, graded


def test_the_student_fetches_feedback_that_names_a_lost_point(walked):
    work, _, _ = walked
    home = student(work, "ana", "fetch_feedback", A01)
    pages = list((home / A01 / "feedback").glob("*/*.html"))
    assert [p.name for p in pages] == [f"{A01}.html"]
    text = pages[0].read_text()
    assert "(Score: 3.0 / 12.0)" in text and "ex1_2_block_and_scale_test" in text   # 1.1 right, 1.2 lost


def test_every_honest_submission_is_collected_and_graded(walked):
    work, collected, graded = walked
    assert "collected 01_python_classes: 5 new or newer submission(s)" in collected   # with 3 planted
    assert all((work / "collected" / name / A01 / NOTEBOOK).is_file() for name in ("ana", "bo"))
    rows = {line.split()[0]: line.split() for line in graded.splitlines() if line.split()[:1] in (["ana"], ["bo"])}
    assert rows["ana"][-2] == "3/12" and rows["bo"][-2] == "0/12", graded


def test_a_planted_link_is_never_followed(walked):
    work, collected, graded = walked
    assert "'mallory+01_python_classes" in collected and "is a symbolic link" in collected
    assert not any((work / "collected" / "mallory" / A01).iterdir())
    assert "'01_python_classes.ipynb' in 'oscar+" in collected and not (work / "collected" / "oscar" / A01 / NOTEBOOK).exists()
    for name in ("mallory", "oscar"):
        row = next(line for line in graded.splitlines() if line.split()[:1] == [name] and "/12" in line)
        assert "0/12" in row and "not gradable" in row, graded


def test_a_fifo_does_not_hang_collect_and_the_rest_is_taken(walked):
    work, _, _ = walked
    assert (work / "collected" / "pat" / A01 / NOTEBOOK).is_file()
    assert not (work / "collected" / "pat" / A01 / "hangs.fifo").exists()


def test_a_name_that_is_no_student_id_is_refused_and_printed_escaped(walked):
    work, collected, _ = walked
    assert "\x1b" not in collected and "\\x1b[2Jeve" in collected
    assert not (work / "collected" / "\x1b[2Jeve").exists()
    assert "zed" in collected       # a time nbgrader cannot read: refused, not fatal


def test_collected_copies_are_not_writable_by_students(walked):
    work, _, _ = walked
    folder = work / "collected" / "ana" / A01
    assert folder.stat().st_mode & 0o022 == 0 and (folder / NOTEBOOK).stat().st_mode & 0o022 == 0


def test_the_student_lab_offers_no_instructor_tools(tmp_path):
    with work_folder(tmp_path / "work"):
        home, env = student_lab.prepare("ana")
    config = os.path.join(env["JUPYTER_CONFIG_DIR"])
    page = json.loads(open(os.path.join(config, "labconfig", "page_config.json")).read())
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"]
    server = json.loads(open(os.path.join(config, "jupyter_server_config.json")).read())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    assert home == tmp_path / "work" / "students" / "ana" and not str(config).startswith(str(home))


def test_the_roster_gives_formgrader_names(tmp_path):
    from nbgrader.api import Gradebook

    work = tmp_path / "work"
    assert "6 student(s)" in instructor(work, "roster", "students.csv")
    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
        ada = gb.find_student("ada_perfect")
        assert (ada.first_name, ada.last_name) == ("Ada", "Perfect")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,first_name,last_name,email\n../root,Eve,,\n")
    run = subprocess.run([sys.executable, "-m", "grader", "roster", str(bad)], cwd=course.ROOT, capture_output=True,
                         text=True, env={**os.environ, "NN_COURSE_WORK": str(work)})
    assert run.returncode == 2 and run.stderr.startswith("error: ") and "../root" in run.stderr
