"""grader.report: rows (from a temporary gradebook, outcome files and autograded notebooks
in a scratch NN_COURSE_WORK), the reasons read from error outputs, the table and the summary.
The gradebook is filled with nbgrader.api.Gradebook in-process; nothing is graded."""
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.tests import create_grade_cell, create_locked_cell, create_solution_cell

from grader import course, outcomes, report
from grader.report import Row
from tests.conftest import work_folder

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's own, as in course.api
TESTS = ["ex1_1_running_mean_test", "ex1_2_block_and_scale_test", "ex1_3_tiny_module_test",
         "ex1_3_tiny_module_test_2"]


def error(ename, evalue=""):
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


# --- test_cells, Row, _column, _fmt ----------------------------------------------------------

def test_test_cells_are_the_solution_s_tests_in_order_with_their_points():
    assert list(report.test_cells(A01).items()) == [(gid, 3.0) for gid in TESTS]


@pytest.mark.parametrize("assignment", course.all_assignments())
def test_every_assignment_has_scored_test_cells_only(assignment):
    points = report.test_cells(assignment)
    assert points and all(p > 0 for p in points.values())
    answers = {gid for name in course.notebook_names(assignment)
               for gid in course.tests_by_answer(assignment, name)}
    assert not answers & points.keys()


def test_a_row_adds_up_its_cells():
    row = Row("zoe", A01, "graded", {"a": (1.5, 3.0), "b": (0.0, 2.0), "c": (1.0, 1.0)})
    assert (row.score, row.max_score) == (2.5, 6.0)
    assert (Row("zoe", A01, "graded").score, Row("zoe", A01, "graded").max_score) == (0, 0)


@pytest.mark.parametrize("grade_id, column", [
    ("ex1_3_tiny_module_test_2", "ex 1.3 #2"), ("ex1_1_running_mean_test", "ex 1.1"),
    ("ex12_10_x_test_11", "ex 12.10 #11"), ("ex1_1_running_mean", "ex1_1_runnin"), ("setup", "setup")])
def test_column_names(grade_id, column):
    assert report._column(grade_id) == column


@pytest.mark.parametrize("score, points, text", [(3.0, 3.0, "3/3"), (1.5, 3, "1.5/3"), (0.0, 2.0, "0/2")])
def test_scores_are_written_short(score, points, text):
    assert report._fmt(score, points) == text


# --- _reasons: one line per failed cell ------------------------------------------------------

def autograded(tmp_path, cells):
    path = tmp_path / NOTEBOOK
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_reasons_name_failed_answers_tests_and_lost_kernels(tmp_path):
    answer = create_solution_cell("x = 1", "code", "ex1_1_running_mean")
    answer.outputs = [error("NameError", "name 'y' is not defined")]
    test = create_grade_cell("assert x == 2", "code", "ex1_1_running_mean_test", 3)
    test.outputs = [new_output("stream", name="stdout", text="checking\n"),
                    error("AssertionError", "RunningMean.update(2.0)\n   returned   2.5,\n not 2.0")]
    ordinary = new_code_cell("1 / 0", outputs=[error("ZeroDivisionError", "division by zero")])
    died = new_code_cell("import os; os._exit(1)", outputs=[error("KernelDied", "the kernel died")])
    timed = create_grade_cell("while True: pass", "code", "ex1_2_block_and_scale_test", 3)
    timed.outputs = [error("KeyboardInterrupt"), error("CellTimeoutError", "ran too long")]
    bare = create_grade_cell("raise SystemExit", "code", "ex1_3_tiny_module_test", 3)
    bare.outputs = [error("SystemExit")]
    locked = create_locked_cell("raise ValueError('x')", "code", "ex1_1_check")
    locked.outputs = [error("ValueError", "x")]
    passed = create_grade_cell("assert True", "code", "ex1_3_tiny_module_test_2", 3)
    path = autograded(tmp_path, [new_markdown_cell("# 01"), answer, test, ordinary, died, timed, bare, locked, passed])
    assert report._reasons(path) == [
        "ex1_1_running_mean: NameError: name 'y' is not defined",
        "ex1_1_running_mean_test: AssertionError: RunningMean.update(2.0) returned 2.5, not 2.0",
        "cell 5: KernelDied: the kernel died",
        "ex1_2_block_and_scale_test: CellTimeoutError: ran too long",   # the last error, not the interrupt
        "ex1_3_tiny_module_test: SystemExit",
    ]


def test_a_long_message_is_cut_to_300_characters(tmp_path):
    test = create_grade_cell("assert False", "code", "ex1_1_running_mean_test", 3)
    test.outputs = [error("AssertionError", "x" * 5000)]
    assert report._reasons(autograded(tmp_path, [test])) == ["ex1_1_running_mean_test: AssertionError: " + "x" * 300]


def test_no_autograded_notebook_means_no_reasons(tmp_path):
    assert report._reasons(tmp_path / "missing.ipynb") == []


# --- rows, from a gradebook ------------------------------------------------------------------

def alembic_head():
    """The gradebook schema's revision, found in-process (nbgrader runs the `alembic` command)."""
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    return ScriptDirectory(ALEMBIC_DIR).get_current_head()


def gradebook(config, scores):
    """A gradebook with assignment 01 and its test cells; scores: student -> {grade_id: auto score}."""
    from nbgrader.api import Gradebook

    with Gradebook(config.CourseDirectory.db_url) as gb:
        gb.add_assignment(A01)
        gb.update_or_create_notebook(A01, A01)
        for gid, points in report.test_cells(A01).items():
            gb.update_or_create_grade_cell(gid, A01, A01, max_score=points, cell_type="code")
        for student, by_cell in scores.items():
            gb.add_student(student)
            gb.add_submission(A01, student)
            for gid, score in by_cell.items():
                gb.find_grade(gid, A01, A01, student).auto_score = score
            gb.db.commit()


@pytest.fixture
def graded_class(tmp_path, monkeypatch):
    """alice: full marks; bob: half, one test failed; carl: not gradable; dana: graded by the
    outcome but absent from the gradebook; erin: flagged with full marks; fay: outcome file damaged."""
    import nbgrader.api

    monkeypatch.setattr(nbgrader.api, "get_alembic_version", alembic_head)   # no subprocess
    monkeypatch.delenv("NN_COURSE_DB_URL", raising=False)     # a scratch SQLite file, never a server
    with work_folder(tmp_path / "work") as work:
        config = course.load_config()
        gradebook(config, {"alice": dict.fromkeys(TESTS, 3.0),
                           "bob": {TESTS[0]: 3.0, TESTS[1]: 3.0, TESTS[2]: 0.0},
                           "erin": dict.fromkeys(TESTS, 3.0)})
        for student in ("alice", "bob", "dana"):
            outcomes.record(work, A01, student, "graded")
        outcomes.record(work, A01, "carl", "not gradable", f"{NOTEBOOK} is an empty file")
        outcomes.record(work, A01, "erin", "flagged", "ex1_1_check: read-only cell edited (graded with the original)")
        outcomes.record(work, A01, "fay", "graded")
        outcomes.path(work, A01, "fay").write_text("{")
        test = create_grade_cell("assert False", "code", TESTS[2], 3)
        test.outputs = [error("AssertionError", "TinyModule registers no parameters")]
        folder = work / "autograded" / "bob" / A01
        folder.mkdir(parents=True)
        nbformat.write(new_notebook(cells=[test]), folder / NOTEBOOK)
        yield {row.student: row for row in report.rows([A01], config)}


def test_rows_come_per_student_with_an_outcome(graded_class):
    assert list(graded_class) == ["alice", "bob", "carl", "dana", "erin", "fay"]
    assert all(row.assignment == A01 and list(row.cells) == TESTS for row in graded_class.values())


def test_a_graded_row_has_the_gradebook_s_scores(graded_class):
    alice = graded_class["alice"]
    assert (alice.status, alice.score, alice.max_score, alice.reasons) == ("graded", 12.0, 12.0, [])
    assert alice.cells == dict.fromkeys(TESTS, (3.0, 3.0))


def test_a_partly_graded_row_says_why_points_were_lost(graded_class):
    bob = graded_class["bob"]
    assert (bob.status, bob.score, bob.max_score) == ("graded", 6.0, 12.0)
    assert bob.cells[TESTS[2]] == (0.0, 3.0) and bob.cells[TESTS[3]] == (0.0, 3.0)   # no score: 0
    assert bob.reasons == [f"{TESTS[2]}: AssertionError: TinyModule registers no parameters"]


def test_a_submission_that_could_not_be_graded_scores_0_with_its_reason(graded_class):
    carl = graded_class["carl"]
    assert (carl.status, carl.score, carl.max_score) == ("not gradable", 0.0, 12.0)
    assert carl.reasons == [f"{NOTEBOOK} is an empty file"]


def test_a_graded_outcome_without_gradebook_entries_is_missing(graded_class):
    dana = graded_class["dana"]
    assert (dana.status, dana.score, dana.reasons) == ("missing", 0.0, [f"{NOTEBOOK}: no grades in the gradebook"])


def test_a_flagged_submission_keeps_its_scores_and_says_why(graded_class):
    erin = graded_class["erin"]
    assert (erin.status, erin.score) == ("flagged", 12.0)
    assert erin.reasons == ["ex1_1_check: read-only cell edited (graded with the original)"]


def test_an_unreadable_outcome_is_unknown(graded_class):
    fay = graded_class["fay"]
    assert (fay.status, fay.score, fay.reasons) == ("unknown", 0.0, [])


# --- print_table, print_summary --------------------------------------------------------------

def rows():
    cells = {"ex1_1_running_mean_test": 3.0, "ex1_3_tiny_module_test_2": 2.0}
    return [
        Row("alice", A01, "graded", {g: (p, p) for g, p in cells.items()}),
        Row("bob", A01, "graded", {"ex1_1_running_mean_test": (3.0, 3.0), "ex1_3_tiny_module_test_2": (0.0, 2.0)},
            ["ex1_3_tiny_module_test_2: AssertionError: " + "y" * 200]),
        Row("carlotta", A01, "not gradable", {g: (0.0, p) for g, p in cells.items()}, [f"{NOTEBOOK} is an empty file"]),
        Row("dan", A01, "graded", {g: (0.0, p) for g, p in cells.items()}),
        Row("erin", A01, "flagged", {g: (p, p) for g, p in cells.items()}, ["tampering"]),
        Row("alice", "02_neural_network_model", "graded", {"ex2_1_linear_formula_test": (1.0, 1.0)}),
    ]


def test_the_table_has_a_column_per_test_and_a_line_per_reason(capsys):
    report.print_table(rows())
    assert capsys.readouterr().out.splitlines() == [
        "",
        A01,
        "student         ex 1.1     ex 1.3 #2        total  status",
        "alice              3/3           2/2          5/5  graded",
        "bob                3/3           0/2          3/5  graded",
        "            - ex1_3_tiny_module_test_2: AssertionError: " + "y" * (160 - 42),   # cut at 160
        "carlotta           0/3           0/2          0/5  not gradable",
        f"            - {NOTEBOOK} is an empty file",
        "dan                0/3           0/2          0/5  graded",
        "erin               3/3           2/2          5/5  flagged",
        "            - tampering",
        "",
        "02_neural_network_model",
        "student        ex 2.1        total  status",
        "alice             1/1          1/1  graded",
    ]


def test_columns_line_up_under_their_headers_with_short_names(capsys):
    report.print_table([Row("al", A01, "graded", {"ex1_1_running_mean_test": (3.0, 3.0)})])
    header, line = capsys.readouterr().out.splitlines()[2:4]
    assert header.index("ex 1.1") + len("ex 1.1") == line.index("3/3") + len("3/3")


def test_the_summary_counts_how_submissions_ended(capsys):
    report.print_summary(rows())
    assert capsys.readouterr().out.splitlines() == [
        "",
        f"summary {A01}: 1 flagged, 1 full marks, 1 no points, 1 not gradable, 1 partial",
        "summary 02_neural_network_model: 1 full marks",
    ]
