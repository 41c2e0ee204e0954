"""`make grade`'s bundled sample class gets exactly its expected scores, with reasons, feedback
and a CSV, and the batch survives a dying kernel and an endless loop."""
import csv
import re
import subprocess

import pytest

from grader import autograde, course, export, feedback, report
from tests.conftest import QUICK_CELLS, environment, work_folder

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these (runs without a sandbox too)

A01 = "01_python_classes"
# student -> points per test cell of assignment 01
EXPECTED = {
    "ada_perfect":           [3, 3, 3, 3],
    "ben_untouched":         [0, 0, 0, 0],
    "cleo_partly_right":     [3, 0, 0, 0],
    "dev_nn_module_mistake": [3, 3, 3, 0],
    "eve_kernel_dies":       [3, 0, 3, 3],
    "finn_endless_loop":     [0, 3, 3, 3],
}


def _tracked_changes():
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=course.ROOT,
                          capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    before = _tracked_changes()
    with work_folder(tmp_path_factory.mktemp("sample")) as work, environment("NN_COURSE_CELL_TIMEOUT", QUICK_CELLS):
        assert autograde.main(assignments=[A01]) == 0
        assert feedback.main(assignments=[A01]) == 0
        assert export.main(to=work / "grades.csv") == 0
        rows = {row.student: row for row in report.rows([A01])}
    assert _tracked_changes() == before, "grading changed tracked files"
    return work, rows


def test_expected_scores(sample):
    _, rows = sample
    assert sorted(rows) == sorted(EXPECTED)
    for student, points in EXPECTED.items():
        assert [score for score, _ in rows[student].cells.values()] == points, (student, rows[student].reasons)


def test_kernel_death_and_endless_loop_are_recorded(sample):
    _, rows = sample
    assert any("KernelDied" in r for r in rows["eve_kernel_dies"].reasons)
    assert any("CellTimeoutError" in r for r in rows["finn_endless_loop"].reasons)


def test_grades_csv_has_a_row_per_student(sample):
    work, _ = sample
    with open(work / "grades.csv") as f:
        table = {row["student"]: row for row in csv.DictReader(f)}
    assert {s: float(table[s]["score"]) for s in EXPECTED} == {s: sum(p) for s, p in EXPECTED.items()}
    assert all(table[s]["max_score"] == "12" for s in EXPECTED)
    assert "KernelDied" in table["eve_kernel_dies"]["reasons"]


def test_feedback_explains_without_hidden_tests(sample):
    work, _ = sample
    page = (work / "feedback" / "cleo_partly_right" / A01 / f"{A01}.html").read_text()
    assert "repr(Scale(2.0)) should be" in page          # the diagnosis is shown
    assert "BEGIN HIDDEN TESTS" not in page and "_Shift" not in page   # the hidden tests are not


def test_feedback_pages_open_offline(sample):
    """Nothing is fetched from another site: nbgrader's template loads MathJax from a CDN."""
    work, _ = sample
    for page in (work / "feedback").glob("*/*/*.html"):
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page.read_text()), page
