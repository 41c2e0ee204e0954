"""Run All in the student release, with every exercise unanswered, runs every demo and figure:
executed top to bottom as JupyterLab's Run All does (stop at the first error of a cell not
tagged `raises-exception`; nbclient honours the tag the same way)."""
import nbformat
import nbclient
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from grader import course
from grader.run_all import TAG, exercise_cells


def _figures(nb):
    return sum(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", course.all_assignments())
def test_run_all_reaches_the_last_cell_with_every_exercise_unanswered(assignment):
    for name in course.notebook_names(assignment):
        release = nbformat.read(course.RELEASE / assignment / name, as_version=4)
        client = nbclient.NotebookClient(release, kernel_name="python3", timeout=120,
                                         resources={"metadata": {"path": str(course.RELEASE / assignment)}})
        client.execute()    # raises CellExecutionError at an untagged cell's error: Run All would stop there
        untagged_errors = [i for i, c in enumerate(release.cells) if c.cell_type == "code"
                           and TAG not in c.metadata.get("tags", [])
                           and any(o.output_type == "error" for o in c.outputs)]
        assert not untagged_errors
        assert release.cells[-1].cell_type != "code" or release.cells[-1].execution_count
        solution = nbformat.read(course.SOLUTIONS / assignment / name, as_version=4)
        assert _figures(release) == _figures(solution), "every figure of the solution is drawn"


def _nb(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


def _answer():
    return new_code_cell("raise NotImplementedError()", metadata={"nbgrader": {
        "solution": True, "grade": False, "locked": False, "grade_id": "a"}})


def _test(name):
    return new_code_cell("assert f()", metadata={"nbgrader": {
        "solution": False, "grade": True, "locked": True, "points": 1, "grade_id": name}})


def test_an_exercise_is_its_answer_the_cells_that_try_it_and_its_tests():
    nb = _nb(new_code_cell("demo"), new_markdown_cell("Exercise"), _answer(),
             new_code_cell("f()  # try it"), _test("t1"), _test("t2"),
             new_code_cell("figure"), new_markdown_cell("next"), new_code_cell("demo"))
    assert exercise_cells(nb.cells) == [2, 3, 4, 5]


def test_a_demo_between_two_exercises_is_not_tagged():
    nb = _nb(_answer(), _test("t1"), new_markdown_cell("text"), new_code_cell("demo"),
             _answer(), new_code_cell("try"), _test("t2"))
    assert exercise_cells(nb.cells) == [0, 1, 4, 5, 6]


def test_every_released_exercise_cell_carries_the_tag_and_no_demo_does():
    for assignment in course.all_assignments():
        for name in course.notebook_names(assignment):
            release = nbformat.read(course.RELEASE / assignment / name, as_version=4)
            tagged = [i for i, c in enumerate(release.cells) if TAG in c.metadata.get("tags", [])]
            assert tagged == exercise_cells(release.cells), f"{assignment}: run `python -m grader release`"
