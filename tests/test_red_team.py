"""The red team's attacks, one student each, graded in one batch through the real autograder.

Each attack is added to a submission whose honest score we know (the untouched release, a
catalog mistake, or the solution): it must score exactly that, with its status and a reason,
and leave nothing changed outside the sandbox and nothing of the hidden tests or of its own
script in a feedback page. The categories are those of the grade-integrity issue: the kernel
grading itself, the static tampering check's bypasses, leaks into feedback, limits for the
whole sandbox, and reaching the grader's files.
"""
import os
import re
import stat

import pytest
from nbformat import NotebookNode

from grader import course, feedback, sandbox, submissions
from grader.submissions import SOLUTION
from tests.catalog import Wrong, nb01
from tests.conftest import QUICK_CELLS, grade_class, work_folder

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]   # tiers: make test-fast skips these

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
TESTS = ["ex1_1_running_mean_test", "ex1_2_block_and_scale_test", "ex1_3_tiny_module_test",
         "ex1_3_tiny_module_test_2"]
FULL = dict(zip(TESTS, [3, 3, 3, 3]))
WITHOUT_1_1 = {**FULL, "ex1_1_running_mean_test": 0}
NOTHING = dict.fromkeys(TESTS, 0)
STUB = submissions.answer_cells(submissions.build(A01, NOTEBOOK, {}))["ex1_1_running_mean"].source
SOLVED = submissions.solution_answers(A01, NOTEBOOK)["ex1_1_running_mean"]
# a catalog mistake that only the abs() check of the test cell catches
OLD_MEAN = next(a.source for a in nb01.ANSWERS["ex1_1_running_mean"]
                if isinstance(a, Wrong) and a.mistake == "averages the old mean with the new value")
# kernels forked from the zygote, whose imports are frozen (gc.freeze): out of gc's reach
FROZEN = sandbox.zygote.usable() and os.environ.get("NN_COURSE_FORK_KERNELS", "1") != "0"
HIDDEN_LINE = "store the new mean in self.mean as well as returning it"   # from ex1_1's hidden tests
# lies to the notebook's own code (the tests) only, so that torch, which calls abs too, still works;
# what it returns there is below and above every bound (the tests check `abs(got - 1.5) > 1e-9`
# too: a plain 0.0 would fail that check, and the test cell, not the verdict, would catch it)
FAKE_ABS = ("lambda x, _abs=abs, _sys=__import__('sys'), _always=type('_Always', (float,), {"
            "'__lt__': lambda s, o: True, '__gt__': lambda s, o: True, '__le__': lambda s, o: True, "
            "'__ge__': lambda s, o: True}): "
            "_always(0.0) if _sys._getframe(1).f_globals.get('__name__') == '__main__' else _abs(x)")


def first_answer(code, rest=SOLUTION):
    """`code` as the first answer cell, the other answers `rest` (the solution, or untouched)."""
    others = {} if rest is None else {"ex1_2_block_and_scale": SOLUTION, "ex1_3_tiny_module": SOLUTION}
    return {"ex1_1_running_mean": code, **others}


def tagged_to_skip():
    nb = submissions.build(A01, NOTEBOOK, {})
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.nbgrader.get("solution"):
            cell.metadata["tags"] = ["skip-execution", "raises-exception"]
    return nb


CALLER_SOURCE = '''
import linecache as _lc, sys as _sys
def _callers_source():
    return "".join(_lc.getlines(_sys._getframe(2).f_code.co_filename))
'''


def red_team(outside):
    """student -> (answers or a notebook, expected points per test cell, status, a word of the reason)."""
    secret, pth = outside["secret"], outside["pth"]
    return {
        "honest": (first_answer(SOLUTION), FULL, "graded", ""),
        # the kernel grades itself
        "input_transformer_passes_everything": (first_answer(
            "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n" + STUB, rest=None),
            NOTHING, "flagged", "got no answer"),
        "ast_transformer_drops_asserts": (first_answer(
            "import ast\nclass _Drop(ast.NodeTransformer):\n"
            "    def visit_Assert(self, node):\n        return ast.Pass()\n"
            f"get_ipython().ast_transformers.append(_Drop())\n{OLD_MEAN}"),
            WITHOUT_1_1, "flagged", "grader's own check"),
        "custom_exc_swallows_errors": (first_answer(
            f"get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)\n{OLD_MEAN}"),
            WITHOUT_1_1, "graded", "AssertionError"),       # the reply still says error
        "post_run_cell_clears_errors": (first_answer(
            "_ip = get_ipython()\n_ip.showtraceback = lambda *a, **k: None\n"
            "_ip.events.register('post_run_cell', lambda result: setattr(result, 'error_in_exec', None))\n"
            + OLD_MEAN), WITHOUT_1_1, "flagged", "grader's own check"),
        "displayhook_prints_full_marks": (first_answer(
            "import sys\nget_ipython().events.register('pre_run_cell', lambda *a: sys.displayhook('full marks'))\n"
            + STUB, rest=None), NOTHING, "graded", "NotImplementedError"),
        "tags_its_tests_skip_execution": (tagged_to_skip(), NOTHING, "flagged", "tags edited (put back)"),
        # the static tampering check's bypasses (each on a mistake that abs() alone catches)
        "walrus_rebinds_abs": (first_answer(f"{OLD_MEAN}\n_ = (abs := {FAKE_ABS})"), WITHOUT_1_1, "flagged",
                               "grader's own check"),
        "globals_rebinds_abs": (first_answer(f"{OLD_MEAN}\nglobals()['abs'] = {FAKE_ABS}"), WITHOUT_1_1,
                                "flagged", "grader's own check"),
        "builtins_by_import_abs": (first_answer(f"{OLD_MEAN}\n__import__('builtins').abs = {FAKE_ABS}"),
                                   WITHOUT_1_1, "flagged", "grader's own check"),
        "vars_of_builtins_abs": (first_answer(f"{OLD_MEAN}\nvars(__import__('builtins'))['abs'] = {FAKE_ABS}"),
                                 WITHOUT_1_1, "flagged", "grader's own check"),
        "builtins_through_abs_self_abs": (first_answer(f"{OLD_MEAN}\nvars(abs.__self__)['abs'] = {FAKE_ABS}"),
                                          WITHOUT_1_1, "flagged", "grader's own check"),
        # in a forked kernel gc finds no builtins dict (the zygote's imports are frozen), so the
        # mistake is graded as it is; in a started one the swap works and the verdict catches it
        "gc_referrers_swap_abs": (first_answer(
            f"{OLD_MEAN}\nimport gc\n_real, _fake = abs, {FAKE_ABS}\n"
            "for _d in gc.get_referrers(_real):\n"
            "    if isinstance(_d, dict) and _d.get('abs') is _real:\n        _d['abs'] = _fake\n"),
            WITHOUT_1_1, *(("graded", "average all values seen") if FROZEN else ("flagged", "grader's own check"))),
        # leaks into feedback
        "prints_its_callers_source": (first_answer(SOLVED.replace(
            "class RunningMean", CALLER_SOURCE + "\nclass RunningMean", 1).replace(
            "    def update(self, value):\n", "    def update(self, value):\n        print(_callers_source())\n", 1)),
            FULL, "graded", ""),
        "raises_its_callers_source": (first_answer(SOLVED.replace(
            "class RunningMean", CALLER_SOURCE + "\nclass RunningMean", 1).replace(
            "    def update(self, value):\n", "    def update(self, value):\n"
            "        raise RuntimeError(_callers_source())\n", 1)), WITHOUT_1_1, "graded", "RuntimeError"),
        "displays_script": (first_answer(
            "from IPython.display import HTML, Javascript, display\n"
            "display(HTML('<script>alert(\"owned\")</script><img src=x onerror=alert(1)>'))\n"
            "display(Javascript('alert(2)'))\n" + SOLVED), FULL, "graded", ""),
        # limits for the whole sandbox
        "three_processes_share_the_memory": (first_answer(
            "import os, time\n_kids = []\nfor _ in range(3):\n    _pid = os.fork()\n    if _pid == 0:\n"
            "        _block = b'x' * (2 * 2**30)\n        time.sleep(60)\n        os._exit(0)\n"
            "    _kids.append(_pid)\nfor _pid in _kids:\n    os.waitpid(_pid, 0)\n" + SOLVED),
            WITHOUT_1_1, "graded", ""),
        "fills_its_tmp": (first_answer(
            "for _i in range(5):\n    with open(f'/tmp/fill{_i}', 'wb') as _f:\n"
            "        _f.write(b'x' * 60 * 2**20)\n"
            + SOLVED), WITHOUT_1_1, "graded", "No space left"),
        "raises_a_20_mb_error": (first_answer("raise ValueError('x' * 20_000_000)\n" + SOLVED), WITHOUT_1_1,
                                 "graded", "ValueError"),
        "sleeps_through_every_cell": (first_answer(
            "import time\ntime.sleep(12)\n" + STUB, rest=None) | {
            "ex1_2_block_and_scale": "import time\ntime.sleep(12)",
            "ex1_3_tiny_module": "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                 "while True:\n    time.sleep(1)"}, NOTHING, "graded", "time limit"),
        # the grader's files
        "plants_links_where_it_can": (first_answer(
            "import glob, os\nfrom ipykernel import get_connection_file\n_conn = get_connection_file()\n"
            "for _folder in ['/tmp', os.path.dirname(_conn)] + glob.glob('/tmp/**/', recursive=True):\n"
            f"    for _name, _target in [('kernel.log', {str(pth)!r}), ('connection.json', {str(secret)!r})]:\n"
            "        try:\n            os.symlink(_target, os.path.join(_folder, _name + '.planted'))\n"
            "        except OSError:\n            pass\n"
            "try:\n    os.chmod(_conn, 0o666)\nexcept OSError:\n    pass\n"
            f"for _path in [{str(pth)!r}, {str(secret)!r}]:\n"
            "    try:\n        open(_path, 'a').write('import os; os.system(\"touch /tmp/owned\")\\n')\n"
            "    except OSError:\n        pass\n" + SOLVED), FULL, "graded", ""),
    }


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    """Files outside the sandbox a student would like to change, with their content and mode."""
    folder = tmp_path_factory.mktemp("outside")
    secret = folder / "root-only.txt"
    secret.write_text("secret\n")
    secret.chmod(0o600)
    site = next(p for p in (course.ROOT / ".venv" / "lib").glob("python3*/site-packages"))
    files = {"secret": secret, "pth": site / "nn-course-red-team.pth"}
    before = {name: (path.read_bytes() if path.exists() else None,
                     stat.S_IMODE(path.stat().st_mode) if path.exists() else None) for name, path in files.items()}
    return files, before


@pytest.fixture(scope="module")
def graded(tmp_path_factory, outside):
    files, _ = outside
    tmp = tmp_path_factory.mktemp("red-team")
    students = red_team(files)
    folder = tmp / "submitted-by-students"
    for student, (submission, *_) in students.items():
        nb = submission if isinstance(submission, NotebookNode) else submissions.build(A01, NOTEBOOK, submission)
        submissions.write(nb, folder, student, A01, NOTEBOOK)
    result = grade_class(tmp, {}, folder=folder, assignments=[A01], cell_timeout=QUICK_CELLS)
    with work_folder(result.work):
        assert feedback.main(assignments=[A01]) == 0
    return result, students


@pytest.mark.parametrize("student", list(red_team({"secret": "s", "pth": "p"})))
def test_scores_what_it_scores_without_the_attack(graded, student):
    result, students = graded
    _, points, status, says = students[student]
    row = result.row(student, A01)
    assert {test: score for test, (score, _) in row.cells.items()} == points, row.reasons
    assert row.status == status, row.reasons
    assert says in "; ".join(row.reasons), row.reasons


def pages(result):
    return {path: path.read_text(errors="replace") for path in (result.work / "feedback").rglob("*.html")}


def test_no_feedback_page_holds_a_hidden_test_or_a_script(graded):
    result, _ = graded
    found = pages(result)
    assert len(found) >= len(red_team({"secret": "s", "pth": "p"}))
    for path, text in found.items():
        assert HIDDEN_LINE not in text, f"{path} shows a hidden test"
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.DOTALL | re.IGNORECASE)
        assert not [s for s in scripts if "alert" in s], f"{path} carries the student's script"
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text, flags=re.IGNORECASE), f"{path} has an event handler"


def test_formgrader_sees_no_student_html_or_script(graded):
    import nbformat

    result, _ = graded
    for path in (result.work / "autograded").rglob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                assert not set(output.get("data", {})) & {"text/html", "application/javascript"}, path


def test_no_graded_notebook_or_feedback_page_exceeds_5_mb(graded):
    result, _ = graded
    for folder in ("autograded", "feedback"):
        for path in (result.work / folder).rglob("*.*"):
            assert path.stat().st_size < 5 * 2**20, f"{path} is {path.stat().st_size} bytes"


def test_nothing_outside_changed(graded, outside):
    files, before = outside
    for name, path in files.items():
        after = (path.read_bytes() if path.exists() else None,
                 stat.S_IMODE(path.stat().st_mode) if path.exists() else None)
        assert after == before[name], f"{path} changed"
    assert not os.path.exists("/tmp/owned")
    assert not list((course.ROOT / ".venv").rglob("*.planted"))
