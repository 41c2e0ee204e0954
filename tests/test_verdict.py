"""grader.verdict (difference, verdict, read_observation, kernel_code, judges, probe names) and
grader.preprocessors.TrustedVerdict, with the solution's answers put in its cache by hand, so
that no kernel runs. kernel_code is exec'd here on a plain namespace, as a kernel would."""
import contextlib
import io
import json
import math

import nbformat
import pytest
from nbformat.v4 import new_output

from grader import course, preprocessors, submissions, verdict

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
NO_ANSWER = "the grader's own check of this exercise got no answer from your code"
DRAWN = "the grader's own check of this exercise, on inputs drawn at grading time, "


# --- difference -------------------------------------------------------------------------------

@pytest.mark.parametrize("expected, got", [
    (1, 1), (1, 1.0), (0.1 + 0.2, 0.3), (1.0, 1.0 + 1e-5), (0.0, 1e-7), (float("nan"), float("nan")),
    (math.inf, math.inf), (True, True), (None, None), ("relu", "relu"), ([], []),
    ([1, [2.0, 3]], [1, [2.0, 3.0000001]]), ({"w": [1, 2], "b": 0.5}, {"b": 0.5, "w": [1.0, 2.0]})])
def test_agreeing_answers_have_no_difference(expected, got):
    assert verdict.difference(expected, got) == ""


@pytest.mark.parametrize("expected, got, where", [
    (1.0, 1.001, "answer"), (0.0, 1e-5, "answer"), (1.0, float("nan"), "answer"), (float("nan"), 1.0, "answer"),
    (math.inf, -math.inf, "answer"),
    (True, 1, "answer"), (1, True, "answer"), (False, 0.0, "answer"), (True, False, "answer"),
    (1, "1", "answer"), ("relu", "ReLU", "answer"), (None, 0, "answer"), (0, None, "answer"),
    ([1, 2], [1, 2, 3], "answer (length)"), ([1, 2], (1, 2), "answer"), ([1, [2, 3]], [1, [2, 4]], "answer[1][1]"),
    ({"w": 1}, {"w": 1, "extra": 2}, "answer (keys)"), ({"w": [1, 2]}, {"w": [1, 3]}, "answer['w'][1]"),
    ([{"a": [0, {"b": 1}]}], [{"a": [0, {"b": 2}]}], "answer[0]['a'][1]['b']"), ({"w": 1}, [1], "answer")])
def test_a_difference_names_the_first_place(expected, got, where):
    assert verdict.difference(expected, got) == where


def test_the_first_of_several_differences_is_named():
    assert verdict.difference([0, 1, 2, 3], [0, 9, 2, 9]) == "answer[1]"
    assert verdict.difference({"a": 1, "b": 2}, {"b": 9, "a": 9}) == "answer['a']"   # the expected's order


def test_where_and_tolerances_can_be_given():
    assert verdict.difference([1.0], [1.1], "x") == "x[0]"
    assert verdict.difference([1.0], [1.1], "x", rel=0.2) == ""
    assert verdict.difference(0.0, 0.01, abs=0.1) == ""
    assert verdict.difference([[1.0]], [[1.05]], rel=0.1, abs=0) == ""     # passed down to nested values


# --- verdict ----------------------------------------------------------------------------------

def test_an_agreeing_answer_has_no_verdict():
    assert verdict.verdict({"means": [1.0, 2.0]}, {"means": [1.0, 2.0]}) == ""


def test_no_observation_is_no_answer():
    assert verdict.verdict({"means": [1.0]}, None) == NO_ANSWER


def test_a_disagreeing_answer_says_where():
    assert verdict.verdict({"means": [1.0, 2.0]}, {"means": [1.0, 2.5]}) == DRAWN + "disagrees at answer['means'][1]"


def test_an_exception_in_the_student_s_code_is_named():
    assert verdict.verdict({"means": [1.0]}, {"raised": "ZeroDivisionError"}) == DRAWN + "raised ZeroDivisionError"


def test_raising_what_the_solution_raises_agrees():
    assert verdict.verdict({"raised": "ValueError"}, {"raised": "ValueError"}) == ""
    assert verdict.verdict({"raised": "ValueError"}, {"raised": "TypeError"}) == DRAWN + "raised TypeError"


@pytest.mark.parametrize("expected, got, where", [
    (1.0, 10**400, "answer (malformed)"), ({"means": [1.0]}, {"means": [10**400]}, "answer (malformed)"),
    (1.0, [{"raised": 1}], "answer")], ids=["huge-int", "nested-huge-int", "list"])
def test_a_malformed_answer_is_a_disagreement_not_a_crash(expected, got, where):
    """JSON holds integers no float can (OverflowError inside math.isclose)."""
    assert verdict.verdict(expected, got) == DRAWN + f"disagrees at {where}"


def test_a_judge_decides_and_its_errors_are_malformed_answers():
    assert verdict.verdict(1, 2, judge=lambda expected, got: "") == ""
    assert verdict.verdict(1, 1, judge=lambda expected, got: "the accuracy") == DRAWN + "disagrees at the accuracy"
    assert verdict.verdict({"a": 1}, {"b": 1}, judge=lambda expected, got: got["a"]) == DRAWN + "disagrees at answer (malformed)"


# --- read_observation -------------------------------------------------------------------------

def stdout(text):
    return new_output("stream", name="stdout", text=text)


def test_the_marked_line_is_read():
    outputs = [stdout("student prints\n"), stdout(verdict.MARKER + '{"means": [1.5, 2]}\n'), stdout("more\n")]
    assert verdict.read_observation(outputs) == {"means": [1.5, 2]}


def test_a_line_split_across_stream_chunks_is_read():
    line = verdict.MARKER + json.dumps({"x": list(range(5))})
    assert verdict.read_observation([stdout(line[:10]), stdout(line[10:30]), stdout(line[30:] + "\n")]) == {"x": [0, 1, 2, 3, 4]}


@pytest.mark.parametrize("outputs", [
    [], [stdout("no marker\n")], [stdout(verdict.MARKER + "{not json\n")],
    [stdout(verdict.MARKER + "1\n" + verdict.MARKER + "2\n")],          # a second marked line: the student's
    [new_output("stream", name="stderr", text=verdict.MARKER + "1\n")],
    [new_output("execute_result", data={"text/plain": verdict.MARKER + "1"}, execution_count=1)],
    [stdout("  " + verdict.MARKER + "1\n")],                                # not at the line's start
    [stdout(verdict.MARKER + "1" * 5000 + "\n")]],                         # over Python's int-digits limit
    ids=["none", "unmarked", "bad-json", "two-lines", "stderr", "result", "indented", "huge-int"])
def test_anything_else_is_no_observation(outputs):
    assert verdict.read_observation(outputs) is None


def test_deeply_nested_json_is_no_observation_not_a_crash():
    assert verdict.read_observation([stdout(verdict.MARKER + "[" * 100_000 + "]" * 100_000 + "\n")]) is None


# --- kernel_code ------------------------------------------------------------------------------

PROBES = '''
def answer_test(seed):
    return {"seed": seed, "double": double(seed), "tensor": Tensorish(), "other": object()}

def raising_test(seed):
    return 1 // 0

def _helper():
    return 1
'''


class Tensorish:
    def tolist(self):
        return [1, 2]


def run_in_kernel(namespace, grade_id, seed=7):
    """Run kernel_code in `namespace` as a kernel would, and read its stdout back."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(verdict.kernel_code(PROBES, grade_id, seed), "<cell>", "exec"), namespace)
    return verdict.read_observation([stdout(out.getvalue())])


def test_kernel_code_runs_the_probe_on_the_notebook_s_names():
    namespace = {"double": lambda x: 2 * x, "Tensorish": Tensorish}
    assert run_in_kernel(namespace, "answer_test") == {"seed": 7, "double": 14, "tensor": [1, 2], "other": "<object>"}
    assert set(namespace) == {"double", "Tensorish", "__builtins__"}   # the probes' names stay out


def test_kernel_code_reports_what_the_student_s_code_raises():
    assert run_in_kernel({}, "raising_test") == {"raised": "ZeroDivisionError"}
    assert run_in_kernel({}, "answer_test") == {"raised": "NameError"}       # no `double` defined


def test_kernel_code_is_one_marked_line_and_compiles():
    code = verdict.kernel_code(PROBES, "answer_test", 123)
    compile(code, "<cell>", "exec")
    assert "answer_test" in code and "(123)" in code and verdict.MARKER in code


# --- probes and judges ------------------------------------------------------------------------

@pytest.mark.parametrize("assignment", course.all_assignments())
def test_every_probe_is_a_test_cell_and_every_judge_a_probe(assignment):
    tests = {c.metadata.nbgrader["grade_id"] for name in course.notebook_names(assignment)
             for c in nbformat.read(course.SOLUTIONS / assignment / name, as_version=4).cells
             if preprocessors._is_test(c)}
    probes = verdict.probe_names(assignment)
    assert probes and probes <= tests
    assert set(verdict.judges(assignment)) <= probes
    assert all(callable(judge) for judge in verdict.judges(assignment).values())


def test_the_judges_are_those_the_probes_files_define():
    assert set(verdict.judges("03_module_registration")) == {"ex3_4_tower_test_2"}
    assert set(verdict.judges("05_parameters_and_training")) == {"ex5_3_fit_test_2"}
    assert verdict.judges(A01) == {}


def test_no_probes_file_means_no_probes():
    assert verdict.source("99_no_such_assignment") == ""
    assert verdict.probe_names("99_no_such_assignment") == set()


def test_the_fit_judge_accepts_any_accurate_answer():
    judge = verdict.judges("05_parameters_and_training")["ex5_3_fit_test_2"]
    expected = {"labels": [0, 1] * 10, "predicted": [0, 1] * 10, "history": [1.0] * 10}
    good = {"labels": [0, 1] * 10, "predicted": [0, 1] * 9 + [1, 1], "history": [1.0] * 9 + [0.4]}
    assert judge(expected, good) == ""
    assert judge(expected, {**good, "predicted": [1, 0] * 10}) == "answer['predicted'] (accuracy below 0.90)"
    assert judge(expected, {**good, "predicted": [0]}) == "answer['predicted'] (length)"
    assert judge(expected, {**good, "history": [1.0] * 10}) == "answer['history']"
    assert verdict.verdict(expected, {"predicted": [0]}, judge) == DRAWN + "disagrees at answer (malformed)"


def test_the_seed_is_drawn_once_per_process_or_given_by_the_batch(monkeypatch):
    monkeypatch.setattr(verdict, "_SEED", [])
    seed = verdict.process_seed()
    assert 1 <= seed < 2**31 and verdict.process_seed() == seed
    verdict.use_seed(12345)
    assert verdict.process_seed() == 12345


# --- TrustedVerdict ---------------------------------------------------------------------------

TESTS = ["ex1_1_running_mean_test", "ex1_2_block_and_scale_test", "ex1_3_tiny_module_test", "ex1_3_tiny_module_test_2"]
SOLUTION_SAW = {gid: {"answer": [i, 1.5]} for i, gid in enumerate(TESTS)}


def judged(monkeypatch, seen, expected=SOLUTION_SAW, failed=()):
    """Run TrustedVerdict on a perfect notebook whose test cells printed, returned a value and
    (those in `failed`) raised; the solution's probes "saw" `expected`."""
    monkeypatch.setitem(preprocessors._REFERENCE, (A01, A01, verdict.process_seed()), expected)
    nb = submissions.perfect(A01, NOTEBOOK)
    for cell in nb.cells:
        if preprocessors._is_test(cell):
            cell.outputs = [stdout("checking\n"), new_output("execute_result", data={"text/plain": "3"}, execution_count=1)]
            if cell.metadata.nbgrader["grade_id"] in failed:
                cell.outputs.append(new_output("error", ename="AssertionError", evalue="wrong", traceback=[]))
    resources = {"nbgrader": {"assignment": A01, "notebook": A01}, "nn_course_observations": seen}
    out, _ = preprocessors.TrustedVerdict().preprocess(nb, resources)
    cells = {c.metadata.nbgrader["grade_id"]: c for c in out.cells if preprocessors._is_test(c)}
    return out, {gid: [f"{o.ename}: {o.evalue}" for o in c.outputs if o.output_type == "error"] for gid, c in cells.items()}, cells


def test_agreeing_probes_keep_the_points_and_test_cells_keep_only_streams(monkeypatch):
    nb, errors, cells = judged(monkeypatch, dict(SOLUTION_SAW))
    assert errors == dict.fromkeys(TESTS, [])
    assert all([o.output_type for o in c.outputs] == ["stream"] for c in cells.values())   # no execute_result
    assert "nn_course" not in nb.metadata


def test_a_disagreeing_probe_fails_a_passed_test_cell(monkeypatch):
    seen = {**SOLUTION_SAW, TESTS[1]: {"answer": [1, 2.5]}, TESTS[2]: None}
    nb, errors, _ = judged(monkeypatch, seen)
    assert errors == {TESTS[0]: [], TESTS[1]: [f"GraderCheck: {DRAWN}disagrees at answer['answer'][1]"],
                      TESTS[2]: [f"GraderCheck: {NO_ANSWER}"], TESTS[3]: []}
    assert nb.metadata.nn_course["remarks"] == [
        f"{TESTS[1]}: the test cell passed but {DRAWN}disagrees at answer['answer'][1]",
        f"{TESTS[2]}: the test cell passed but {NO_ANSWER}"]


def test_a_missing_observation_is_no_answer(monkeypatch):
    seen = {gid: v for gid, v in SOLUTION_SAW.items() if gid != TESTS[3]}
    _, errors, _ = judged(monkeypatch, seen)
    assert errors[TESTS[3]] == [f"GraderCheck: {NO_ANSWER}"]


def test_a_test_cell_that_failed_on_its_own_is_not_failed_twice(monkeypatch):
    nb, errors, _ = judged(monkeypatch, {**SOLUTION_SAW, TESTS[0]: {"raised": "NameError"}}, failed={TESTS[0]})
    assert errors[TESTS[0]] == ["AssertionError: wrong"]
    assert "nn_course" not in nb.metadata


def test_a_probe_that_could_not_run_on_the_solution_fails_the_cell_and_says_so(monkeypatch):
    expected = {gid: v for gid, v in SOLUTION_SAW.items() if gid != TESTS[0]}
    nb, errors, _ = judged(monkeypatch, dict(SOLUTION_SAW), expected=expected)
    why = "the grader's own check could not run on the solution (tell your instructor)"
    assert errors[TESTS[0]] == [f"GraderCheck: {why}"]
    assert nb.metadata.nn_course["remarks"] == [f"{TESTS[0]}: the test cell passed but {why}"]


# --- the solution's run, before anything is judged against it -------------------------------

def solution_run(failed=()):
    nb = submissions.perfect(A01, NOTEBOOK)
    for cell in nb.cells:
        if preprocessors._is_test(cell) and cell.metadata.nbgrader["grade_id"] in failed:
            cell.outputs = [new_output("error", ename="CellTimeoutError", evalue="busy", traceback=[])]
    return nb


def test_a_sound_solution_run_has_no_problems():
    assert preprocessors.reference_problems(solution_run(), dict(SOLUTION_SAW), TESTS) == []


def test_a_solution_run_with_a_failed_test_or_a_raising_probe_is_refused():
    seen = {**SOLUTION_SAW, TESTS[1]: {"raised": "NameError"}, TESTS[2]: None}
    assert preprocessors.reference_problems(solution_run(failed={TESTS[0]}), seen, TESTS) == [
        f"{TESTS[0]}: CellTimeoutError", f"{TESTS[1]}'s probe: raised NameError", f"{TESTS[2]}'s probe: no answer"]


def test_probes_of_test_cells_another_notebook_holds_are_not_asked_for():
    assert preprocessors.reference_problems(solution_run(), dict(SOLUTION_SAW), [*TESTS, "ex9_9_elsewhere_test"]) == []
