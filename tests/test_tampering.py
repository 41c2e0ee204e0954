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


def solution(assignment=A01, name=NOTEBOOK):
    """The instructor's notebook: its test cells, hidden ones included, say what tests call."""
    return nbformat.read(course.SOLUTIONS / assignment / name, as_version=4)


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


@pytest.mark.parametrize("source", [
    "class FakeTorch:\n    pass\ntorch = FakeTorch()", "import numpy as torch", "nn = torch",
    "def isinstance(*args):\n    return True", "all = lambda *a: True", "from numpy import all",
    "def _patch():\n    global len\n    len = lambda x: 3", "if True:\n    sum = print"])
def test_rebinding_a_name_the_tests_call_is_caught(source):
    found = tampering.scan(perfect_with(ex1_3_tiny_module=source), solution())
    assert list(found) == ["ex1_3_tiny_module"] and "rebinds" in found["ex1_3_tiny_module"]


def test_rebinding_a_helper_the_tests_call_is_caught():
    A05, name = "05_parameters_and_training", "05_parameters_and_training.ipynb"
    nb = submissions.build(A05, name, {"ex5_3_fit": "def digits_split():\n    return None"})
    assert "rebinds digits_split (a helper the tests use)" in tampering.scan(nb, solution(A05, name))["ex5_3_fit"]


@pytest.mark.parametrize("source", [
    "sum = 0", "len = len([1])", "import torch", "from torch import nn", "import torch.nn as nn",
    "import torch.nn.functional as F", "def helper(isinstance):\n    return isinstance",
    "def f():\n    sum = print\n    return sum", "torch.backends.cudnn.deterministic = True"])
def test_a_plain_value_or_the_same_import_is_not_tampering(source):
    """Shadowing `sum` with a number is a mistake the tests catch on their own; re-importing
    the notebook's modules, or a local name inside a function, is fine."""
    assert tampering.scan(perfect_with(ex1_3_tiny_module=source), solution()) == {}


@pytest.mark.parametrize("assignment", course.all_assignments())
def test_no_solution_or_right_answer_is_flagged(assignment):
    for name in course.notebook_names(assignment):
        source = solution(assignment, name)
        assert tampering.scan(source, source) == {}
        catalog = catalogs().get(assignment)
        for grade_id, entries in (catalog.ANSWERS.items() if catalog else []):
            for right in (e for e in entries if isinstance(e, Right)):
                nb = submissions.build(assignment, name, {grade_id: right.source})
                assert tampering.scan(nb, source) == {}, f"{grade_id}: {right.way}"
