"""grader.tampering: which exercises a student's cells tamper with (static, no kernel)."""
import nbformat
import pytest

from grader import course, submissions, tampering
from tests.catalog import Right
from tests.conftest import catalogs

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"


def perfect_with(**answers):
    return submissions.build(A01, NOTEBOOK, {**dict.fromkeys(submissions.answer_cells(
        submissions.perfect(A01, NOTEBOOK)), submissions.SOLUTION), **answers})


def test_a_tampering_answer_costs_its_exercise_and_those_after_it():
    nb = perfect_with(ex1_2_block_and_scale="torch.testing.assert_close = lambda *a, **k: None")
    assert set(tampering.scan(nb)) == {"ex1_2_block_and_scale", "ex1_3_tiny_module"}


def test_an_added_cell_counts_too():
    nb = perfect_with()
    first = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution"))
    nb.cells.insert(first, nbformat.v4.new_code_cell("import builtins\nbuiltins.len = lambda x: 3"))
    assert set(tampering.scan(nb)) == {"ex1_1_running_mean", "ex1_2_block_and_scale", "ex1_3_tiny_module"}


@pytest.mark.parametrize("source", [
    "setattr(torch.testing, 'assert_close', print)", "import sys\nsys.modules['torch'] = None",
    "nn.Module.__call__ = lambda self, *a: 0", "del nn.functional.relu", "__builtins__.print = None"])
def test_the_plain_ways_are_caught(source):
    assert tampering.scan(perfect_with(ex1_3_tiny_module=source))


@pytest.mark.parametrize("assignment", course.all_assignments())
def test_no_solution_or_right_answer_is_flagged(assignment):
    for name in course.notebook_names(assignment):
        assert tampering.scan(nbformat.read(course.SOLUTIONS / assignment / name, as_version=4)) == {}
        catalog = catalogs().get(assignment)
        for grade_id, entries in (catalog.ANSWERS.items() if catalog else []):
            for right in (e for e in entries if isinstance(e, Right)):
                nb = submissions.build(assignment, name, {grade_id: right.source})
                assert tampering.scan(nb) == {}, f"{grade_id}: {right.way}"
