"""A class of hostile and broken submissions, graded in one batch through the real autograder.

Each student answers assignment 01 correctly except for one thing they did; the test checks
that the batch finishes, that each gets exactly the points that are honestly theirs, with a
reason, and that the sandbox kept them away from what they must not touch.
"""
import json
import os

import nbformat
import pytest

from grader import course, sandbox, submissions
from grader.submissions import SOLUTION
from tests.conftest import grade_class
from tests.test_warnings import WARNS

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]   # tiers: make test-fast skips these

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
FULL = {"ex1_1_running_mean_test": 3, "ex1_2_block_and_scale_test": 3,
        "ex1_3_tiny_module_test": 3, "ex1_3_tiny_module_test_2": 3}
WITHOUT_1_1 = {**FULL, "ex1_1_running_mean_test": 0}
WITHOUT_1_3 = {**FULL, "ex1_3_tiny_module_test": 0, "ex1_3_tiny_module_test_2": 0}
NOTHING = dict.fromkeys(FULL, 0)
# In the checkout (which, under /tmp, the sandbox covers with its private /tmp), then surely outside.
OUTSIDE = [course.ROOT / "pwned.txt", "/var/tmp/pwned-by-a-student.txt"]



def answers(ex1_1=SOLUTION, ex1_3=SOLUTION):
    return {"ex1_1_running_mean": ex1_1, "ex1_2_block_and_scale": SOLUTION, "ex1_3_tiny_module": ex1_3}


def before_running_mean(code):
    """Hostile code, then the correct RunningMean: ex 1.1 is lost only if the code stops it."""
    solution = submissions.solution_answers(A01, NOTEBOOK)["ex1_1_running_mean"]
    return answers(ex1_1=f"{code}\n{solution}")


def after_tiny_module(code):
    """The correct TinyModule, then code that tampers with what its tests call."""
    return submissions.solution_answers(A01, NOTEBOOK)["ex1_3_tiny_module"] + "\n" + code


def notebook(edit, unanswered=None):
    """The correct answers (but `unanswered`), with the cells then edited as a student might."""
    nb = submissions.build(A01, NOTEBOOK, {k: v for k, v in answers().items() if k != unanswered})
    edit(nb.cells)
    return nb


def with_json_cell(cell):
    """The correct answers, with a cell added to the JSON that nbformat would refuse to write."""
    nb = json.loads(nbformat.writes(notebook(lambda cells: None)))
    nb["cells"].append(cell)
    return json.dumps(nb)


def copy_of(cell):
    copied = nbformat.from_dict(cell)
    copied.id = f"{cell.id}-copy"
    return copied


def index(cells, grade_id):
    return next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def hostile_class(work):
    """student -> (what they submit, expected points per test cell, status, a word of the reason)."""
    secret = course.SOLUTIONS / A01 / NOTEBOOK
    return {
        "honest": (answers(), FULL, "graded", ""),
        "endless_loop": (before_running_mean("while True:\n    pass"), WITHOUT_1_1, "graded", "CellTimeoutError"),
        "loop_ignoring_interrupts": (before_running_mean(
            "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
            WITHOUT_1_1, "graded", "ignored the interrupt"),
        "os_exit": (before_running_mean("import os\nos._exit(1)"), WITHOUT_1_1, "graded", "KernelDied"),
        # every process of its own user but itself: none where bwrap started the kernel, the
        # placeholder that holds the sandbox of a forked one (which ends it)
        "kills_every_process_it_can": (before_running_mean("import os, signal\nos.kill(-1, signal.SIGKILL)"),
                                       WITHOUT_1_1, "graded", ("KernelDied", "No such process")),
        "segfault": (before_running_mean("import ctypes\nctypes.string_at(0)"), WITHOUT_1_1, "graded", "KernelDied"),
        "allocates_50_gb": (before_running_mean("_big = torch.ones(50 * 2**30, dtype=torch.uint8)"),
                            WITHOUT_1_1, "graded", "can't allocate memory"),
        # the process limit stops it, or (children dying and freeing slots on a busy machine) the time limit
        "fork_bomb": (before_running_mean("import os\nwhile True:\n    os.fork()"), WITHOUT_1_1, "graded",
                      ("Resource temporarily unavailable", "CellTimeoutError")),
        # 50 times the cell's output limit: 200 MB took 3.3 s alone here, and past the 10 s cell
        # limit at the test suite's load (the cell then times out: its own points, not a grader's fault)
        "prints_50_mb": (before_running_mean("for _ in range(500):\n    print('x' * 100_000)"),
                         FULL, "graded", ""),
        "reads_a_solution": (before_running_mean(f"open({str(secret)!r}).read()"), WITHOUT_1_1, "graded",
                             "No such file"),
        "reads_the_gradebook": (before_running_mean(f"open({str(work / 'gradebook.db')!r}, 'rb').read()"),
                                WITHOUT_1_1, "graded", "No such file"),
        "reads_another_student": (before_running_mean(
            f"open({str(work / 'submitted' / 'honest' / A01 / NOTEBOOK)!r}).read()"),
            WITHOUT_1_1, "graded", "No such file"),
        "writes_outside_its_folder": (before_running_mean("".join(
            f"open({str(path)!r}, 'w').write('x')\n" for path in OUTSIDE)), WITHOUT_1_1, "graded", "Error"),
        "opens_a_network_connection": (before_running_mean(
            "import socket\nsocket.create_connection(('pypi.org', 443), timeout=5)"), WITHOUT_1_1, "graded",
            "Error"),
        "monkeypatches_torch": (answers(ex1_3="torch.testing.assert_close = lambda *args, **kwargs: None\n"
                                        "nn.Module.named_parameters = lambda self, *a, **k: iter(())"),
                                WITHOUT_1_3, "flagged", "tampering"),
        "monkeypatches_builtins": (answers(ex1_3="import builtins\nbuiltins.sorted = lambda x, **k: list(x)"),
                                   WITHOUT_1_3, "flagged", "tampering"),
        "shadows_builtins_the_tests_call": (answers(ex1_3=after_tiny_module(
            "def isinstance(*args):\n    return True\nall = lambda *args: True")), WITHOUT_1_3, "flagged", "rebinds"),
        "replaces_the_torch_module": (answers(ex1_3=after_tiny_module(
            "import types\ntorch = types.SimpleNamespace(**vars(torch))")), WITHOUT_1_3, "flagged", "rebinds torch"),
        "patches_torch_in_an_added_cell": (notebook(lambda cells: cells.insert(
            index(cells, "ex1_1_running_mean"), nbformat.v4.new_code_cell(
                "torch.testing.assert_close = lambda *args, **kwargs: None"))),
            NOTHING, "flagged", "tampering"),
        "edits_a_test_cell": (notebook(lambda cells: setattr(cells[index(cells, "ex1_1_running_mean_test")],
                                                             "source", "pass"), unanswered="ex1_1_running_mean"),
                              WITHOUT_1_1, "flagged", "read-only cell edited"),
        "deletes_a_test_cell": (notebook(lambda cells: cells.pop(index(cells, "ex1_2_block_and_scale_test"))),
                                FULL, "flagged", "read-only cell deleted (put back"),
        "duplicates_a_test_cell": (notebook(lambda cells: cells.append(
            copy_of(cells[index(cells, "ex1_2_block_and_scale_test")]))),
            FULL, "flagged", "cell copied"),
        "copies_an_answer_cell": (notebook(lambda cells: cells.insert(
            index(cells, "ex1_1_running_mean") + 1, copy_of(cells[index(cells, "ex1_1_running_mean")]))),
            FULL, "flagged", "cell copied"),
        "edits_nbgrader_metadata": (notebook(lambda cells: [
            cells[index(cells, "ex1_1_running_mean_test")].metadata.nbgrader.update(points=100),
            cells[index(cells, "ex1_2_block_and_scale")].metadata.nbgrader.update(grade=True, points=50)]),
            FULL, "flagged", "nbgrader metadata edited"),
        "renames_an_answer_cell": (notebook(lambda cells: cells[index(cells, "ex1_1_running_mean")]
                                            .metadata.nbgrader.update(grade_id="my_answer")),
                                   FULL, "flagged", "not a cell of the release"),
        "strips_all_nbgrader_metadata": (notebook(lambda cells: [c.metadata.pop("nbgrader", None) for c in cells]),
                                         FULL, "flagged", "lost its metadata"),
        "adds_a_cell_of_no_known_type": (with_json_cell({"cell_type": "widget", "metadata": {}, "source": ""}),
                                         FULL, "flagged", "no known type"),
        "json_but_not_a_notebook": ("[]", NOTHING, "not gradable", "not a readable notebook"),
        "warns_but_is_right": ({**answers(), "ex1_2_block_and_scale": WARNS}, FULL, "graded", ""),
        "malformed_json": ("{ not json", NOTHING, "not gradable", "not a readable notebook"),
        "empty_file": ("", NOTHING, "not gradable", "empty file"),
        "wrong_name": (("renamed.ipynb", answers()), NOTHING, "not gradable", "no notebook named"),
        "old_nbformat": (("v3", answers()), FULL, "graded", ""),
        "symlinks_the_solution": (("symlink", secret), NOTHING, "not gradable", "symbolic link"),
        "symlinks_the_solution_folder": (("folder symlink", secret.parent), NOTHING, "not gradable",
                                         "symbolic link"),
    }


def write(folder, student, submission):
    path = folder / student / A01 / NOTEBOOK
    if isinstance(submission, tuple) and submission[0] == "folder symlink":
        path.parent.parent.mkdir(parents=True)
        path.parent.symlink_to(submission[1])
        return
    path.parent.mkdir(parents=True)
    if isinstance(submission, str):                       # raw bytes of a broken file
        path.write_text(submission)
    elif isinstance(submission, tuple) and submission[0] == "symlink":
        path.symlink_to(submission[1])
    elif isinstance(submission, tuple) and submission[0] == "v3":
        nb = submissions.build(A01, NOTEBOOK, submission[1])
        path.write_text(nbformat.writes(nbformat.convert(nb, 3), version=3))
    elif isinstance(submission, tuple):                   # saved under another name
        nbformat.write(submissions.build(A01, NOTEBOOK, submission[1]), path.with_name(submission[0]))
    else:
        nb = submission if isinstance(submission, nbformat.NotebookNode) else submissions.build(A01, NOTEBOOK, submission)
        nbformat.write(nb, path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    work = tmp / "work"
    students = hostile_class(work)
    folder = tmp / "submitted-by-students"
    for student, (submission, *_) in students.items():
        write(folder, student, submission)
    return grade_class(tmp, {}, folder=folder, assignments=[A01]), students


@pytest.mark.parametrize("student", list(hostile_class(course.ROOT / "work")))
def test_gets_the_points_that_are_honestly_theirs(graded, student):
    result, students = graded
    _, points, status, says = students[student]
    row = result.row(student, A01)
    assert row.status == status, row.reasons
    assert {test: score for test, (score, _) in row.cells.items()} == points, row.reasons
    if says:
        alternatives = says if isinstance(says, tuple) else (says,)
        assert any(word in reason for reason in row.reasons for word in alternatives), row.reasons
    if status != "graded":
        assert row.reasons, "a flagged or ungradable submission must say why"


def test_nothing_was_written_outside_the_sandbox(graded):
    assert not any(os.path.exists(path) for path in OUTSIDE)
