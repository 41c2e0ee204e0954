"""Fast unit tests (no kernel, no nbgrader app): the configuration every entry point reads,
lint on broken notebooks, the report's table and summary, and the trusted verdict's parts."""
import copy

import nbformat
import pytest

from grader import course, lint, report, verdict
from grader.report import Row

A01 = "01_python_classes"


def solution():
    return nbformat.read(course.SOLUTIONS / A01 / f"{A01}.ipynb", as_version=4)


# --- nbgrader_config.py: one configuration for nbgrader, formgrader and python -m grader

def test_student_code_runs_in_the_sandbox_from_every_entry_point():
    config = course.load_config()
    assert config.Execute.kernel_manager_class == "grader.sandbox.SandboxedKernelManager"
    assert config.HTMLExporter.sanitize_html is True


def test_the_grading_steps_come_in_order():
    config = course.load_config()
    sanitize, autograde = config.Autograde.sanitize_preprocessors, config.Autograde.autograde_preprocessors
    assert "grader.preprocessors.Intake" in sanitize
    steps = ["grader.surviving_execute.SurvivingExecute", "grader.preprocessors.FlagTampering",
             "grader.preprocessors.TrustedVerdict", "grader.preprocessors.NoActiveContent",
             "grader.preprocessors.RecordOutcome", "nbgrader.preprocessors.SaveAutoGrades"]
    assert [autograde.index(s) for s in steps] == sorted(autograde.index(s) for s in steps)


def test_environment_chooses_bwrap_and_gradebook(monkeypatch, tmp_path):
    monkeypatch.setenv("NN_COURSE_BWRAP", "system")
    monkeypatch.setenv("NN_COURSE_DB_URL", "postgresql+psycopg://grader@db/course")
    monkeypatch.setenv("NN_COURSE_WORK", str(tmp_path))
    config = course.load_config()
    assert config.SandboxedKernelManager.bwrap == "system"
    assert config.CourseDirectory.db_url == "postgresql+psycopg://grader@db/course"
    assert course.work_dir(config) == tmp_path


def test_every_trait_the_config_sets_exists():
    from grader.sandbox import SandboxedKernelManager
    from grader.surviving_execute import SurvivingExecute

    config = course.load_config()
    for cls in (SandboxedKernelManager, SurvivingExecute):
        for name in config.get(cls.__name__, {}):
            assert cls.class_traits(config=True).get(name), f"{cls.__name__}.{name} is not a trait"


# --- lint

def test_lint_passes_the_solutions():
    assert lint.check(solution(), A01) == []


def test_lint_names_each_broken_rule():
    nb = solution()
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ex1_1_running_mean_test")
    test.metadata.nbgrader["locked"] = False
    test.source = test.source.replace("### BEGIN HIDDEN TESTS", "")
    copied = copy.deepcopy(test)
    nb.cells.append(copied)
    problems = lint.check(nb, A01)
    assert any("test cell is not locked" in p for p in problems)
    assert any("test cell has no hidden tests" in p for p in problems)
    assert any("grade_id repeats" in p for p in problems)


# --- report

def test_the_table_and_summary_say_what_happened(capsys):
    rows = [Row("ana", A01, "graded", {"ex1_1_running_mean_test": (3.0, 3.0)}),
            Row("bo", A01, "graded", {"ex1_1_running_mean_test": (0.0, 3.0)}, ["ex1_1_running_mean_test: NotImplementedError"]),
            Row("cy", A01, "flagged", {"ex1_1_running_mean_test": (0.0, 3.0)}, ["tampering"])]
    report.print_table(rows)
    report.print_summary(rows)
    out = capsys.readouterr().out
    assert "ex 1.1" in out and "3/3" in out and "- ex1_1_running_mean_test: NotImplementedError" in out
    assert f"summary {A01}: 1 flagged, 1 full marks, 1 no points" in out


# --- verdict: the comparison made outside the student's process

@pytest.mark.parametrize("expected, got, where", [
    ([1.0, 2.0], [1.0, 2.00001], ""),
    ([1.0, 2.0], [1.0, 2.1], "answer[1]"),
    ({"a": 1}, {"a": 1, "b": 2}, "answer (keys)"),
    ([1, 2], [1], "answer (length)"),
    (True, 1, "answer"),
    (float("nan"), float("nan"), ""),
    ("x", "x", ""),
])
def test_difference(expected, got, where):
    assert verdict.difference(expected, got) == where


def test_verdict_explains_in_one_line():
    assert verdict.verdict([1], None).endswith("got no answer from your code")
    assert "raised ZeroDivisionError" in verdict.verdict([1], {"raised": "ZeroDivisionError"})
    assert verdict.verdict([1], [1]) == ""
    assert "malformed" in verdict.verdict([1], [1], judge=lambda e, g: 1 / 0)


def test_an_observation_is_the_one_marked_line():
    line = verdict.MARKER + '{"a": [1, 2]}'
    assert verdict.read_observation([{"output_type": "stream", "name": "stdout", "text": f"hi\n{line}\n"}]) == {"a": [1, 2]}
    assert verdict.read_observation([{"output_type": "stream", "name": "stdout", "text": f"{line}\n{line}\n"}]) is None
    assert verdict.read_observation([{"output_type": "stream", "name": "stderr", "text": line}]) is None


def test_every_graded_test_cell_has_a_probe_and_judges_are_found():
    for assignment in course.all_assignments():
        tests = {t for name in course.notebook_names(assignment)
                 for ts in course.tests_by_answer(assignment, name).values() for t in ts}
        assert tests <= verdict.probe_names(assignment), f"{assignment}: {tests - verdict.probe_names(assignment)}"
    assert "ex3_4_tower_test_2" in verdict.judges("03_module_registration")


def test_student_text_printed_to_a_terminal_has_its_control_characters_escaped():
    from grader.terminal import printable
    assert printable("ana\x1b[2J\rforged line\nok") == "ana\\x1b[2J\\rforged line\\nok"
    assert printable("Zoë 学生") == "Zoë 学生"


def test_progress_in_a_log_is_one_line_per_submission_and_problems_are_escaped(capsys):
    from types import SimpleNamespace

    from grader.progress import Progress
    shown = Progress(2, live=False)
    shown.problem(SimpleNamespace(student="eve\x1b[2J", assignment="01"), "autograde failed", "boom\rforged")
    shown.done(SimpleNamespace(student="eve\x1b[2J", assignment="01"))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "eve\\x1b[2J / 01: autograde failed: boom\\rforged"
    assert lines[1].startswith("[1/2] eve\\x1b[2J / 01  (") and "left)" in lines[1]
