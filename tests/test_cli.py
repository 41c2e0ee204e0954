"""`python -m grader`: every verb has --help; a user's mistake is one line and exit 2;
the release check and lint catch what they promise to. Runs in a copy of the course."""
import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest

from grader.course import ROOT

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these

VERBS = ["release", "collect", "roster", "autograde", "feedback", "export", "report", "student-lab", "lint"]
A01 = "01_python_classes"
SOLUTION = f"solutions/{A01}/{A01}.ipynb"
RELEASED = f"course/{A01}/{A01}.ipynb"


@pytest.fixture
def repo(tmp_path):
    """A copy of the course: what the grader reads, without the work folder."""
    for name in ["grader", "solutions", "course"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    return tmp_path


def grader(repo, *args, env=None):
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


def assert_one_line_error(run, *words):
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(repo, verb):
    run = grader(repo, verb, "--help")
    assert run.returncode == 0 and "usage: python -m grader " + verb in run.stdout


def test_unknown_assignment(repo):
    assert_one_line_error(grader(repo, "autograde", "08_nothing"), "unknown assignment", "08_nothing")
    assert_one_line_error(grader(repo, "release", "08_nothing"), "unknown assignment")


def test_missing_submissions_folder(repo):
    assert_one_line_error(grader(repo, "autograde", A01, "--submissions", "no/such/dir"), "no such folder")


def test_no_sandbox_tool_means_no_grading_unless_asked(repo, tmp_path):
    (tmp_path / "class").mkdir()
    without_tools = {**os.environ, "NN_COURSE_BWRAP": "/no/such/bwrap"}   # no sandbox can start
    run = grader(repo, "autograde", A01, "--submissions", str(tmp_path / "class"), env=without_tools)
    assert_one_line_error(run, "cannot isolate student code", "--no-sandbox")
    run = grader(repo, "autograde", A01, "--submissions", str(tmp_path / "class"), "--no-sandbox",
                 env=without_tools)
    assert "WITHOUT isolation" in run.stdout and "no submissions" in run.stderr


def test_the_bundled_sample_class_is_graded_unisolated_where_no_sandbox_starts(repo):
    without_tools = {**os.environ, "NN_COURSE_BWRAP": "/no/such/bwrap"}
    run = grader(repo, "autograde", A01, env=without_tools)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "the bundled sample class is graded without isolation" in run.stdout


def test_malformed_solution_notebook(repo):
    (repo / SOLUTION).write_text('{"cells": [')
    assert_one_line_error(grader(repo, "lint"), SOLUTION, "not a readable notebook")
    assert_one_line_error(grader(repo, "release", A01), "cannot release", A01)


def test_release_check_passes_on_an_untouched_copy(repo):
    run = grader(repo, "release", "--check")
    assert run.returncode == 0, run.stdout + run.stderr


def test_release_check_catches_a_hand_edited_release(repo):
    nb = nbformat.read(repo / RELEASED, as_version=4)
    nb.cells[0].source += "\nA line added by hand."
    nbformat.write(nb, repo / RELEASED)
    run = grader(repo, "release", "--check", A01)   # the one assignment it touched
    assert run.returncode == 1 and f"course/ is out of date: {RELEASED}" in run.stdout


def test_release_check_ignores_what_jupyter_leaves_behind(repo):
    checkpoints = repo / "course" / A01 / ".ipynb_checkpoints"
    checkpoints.mkdir(exist_ok=True)
    shutil.copy(repo / RELEASED, checkpoints / f"{A01}-checkpoint.ipynb")
    run = grader(repo, "release", "--check", A01)   # the one assignment it touched
    assert run.returncode == 0, run.stdout


def test_release_check_catches_a_forgotten_release(repo):
    nb = nbformat.read(repo / SOLUTION, as_version=4)
    nb.cells[0].source += "\nA line added to the solution, not released."
    nbformat.write(nb, repo / SOLUTION)
    run = grader(repo, "release", "--check", A01)   # the one assignment it touched
    assert run.returncode == 1 and RELEASED in run.stdout


def test_lint_catches_broken_structure(repo):
    nb = nbformat.read(repo / SOLUTION, as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests[0].metadata.nbgrader["points"] = 0
    tests[1].metadata.nbgrader["locked"] = False
    tests[2].source = tests[2].source.replace("### BEGIN HIDDEN TESTS", "")
    tests[3].metadata.nbgrader["grade_id"] = tests[2].metadata.nbgrader["grade_id"]
    tests[0].source += "\nassert _expected_by_the_test() == 1"
    nb.cells.insert(nb.cells.index(tests[0]), nbformat.v4.new_code_cell("def _expected_by_the_test():\n    return 1"))
    nb.cells = [c for c in nb.cells if "## Going further" not in c.source]
    nbformat.write(nb, repo / SOLUTION)
    run = grader(repo, "lint")
    assert run.returncode == 1
    for finding in ["test cell has no points", "test cell is not locked", "test cell has no hidden tests",
                    "grade_id repeats", "missing skeleton heading '## Going further'",
                    "test uses _expected_by_the_test, defined in editable cell"]:
        assert finding in run.stdout, f"lint missed: {finding}\n{run.stdout}"


def test_malformed_submission_is_recorded_not_fatal(repo, tmp_path):
    submitted = tmp_path / "submitted"
    (submitted / "zoe" / A01).mkdir(parents=True)
    (submitted / "zoe" / A01 / f"{A01}.ipynb").write_text("{ not json")
    run = grader(repo, "autograde", A01, "--submissions", str(submitted))
    assert run.returncode == 0, run.stdout + run.stderr
    outcome = json.loads((repo / "work" / "outcomes" / A01 / "zoe.json").read_text())
    assert outcome["status"] == "not gradable" and "JSON" in outcome["reason"]
    run = grader(repo, "export", "--to", str(tmp_path / "grades.csv"))
    assert run.returncode == 0 and "not gradable" in (tmp_path / "grades.csv").read_text()
