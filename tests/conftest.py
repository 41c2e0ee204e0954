"""Shared fixtures: grading a whole class of submissions through the real autograder."""
import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

import tests.catalog
from grader import autograde, course, report, sandbox, submissions
from grader.submissions import SOLUTION
from tests.catalog import Right, Wrong

# Tests run cells with a shorter limit than the instructor's default, to keep loops cheap.
os.environ.setdefault("NN_COURSE_CELL_TIMEOUT", "10")
# ...and graded kernels skip drawing figures (no test reads them): about 1 s per notebook.
os.environ.setdefault("NN_COURSE_NO_FIGURES", "1")
# The red-team and sample classes (notebook 01, whose honest cells each take well under a
# second on a quiet machine) get 8 s per cell: their sleepers and endless loops wait out every
# limit. At 4 s an honest cell of the red-team class ran out of time once in a fresh-clone run
# (load 6: the suite, the catalogs and the browser walk at once) and lost points it had earned.
# (The hostile class keeps 10: a fork bomb on a busy machine takes longer to meet the process limit.)
QUICK_CELLS = 8


def sandbox_missing():
    """Why no sandbox can start here ('' when one can, or when NN_COURSE_REQUIRE_SANDBOX says
    one must: then the isolation tests run, and fail, instead of skipping)."""
    if os.environ.get("NN_COURSE_REQUIRE_SANDBOX"):
        return ""
    return sandbox.problem(course.load_config().SandboxedKernelManager.get("bwrap", "venv"))


@pytest.hookimpl(trylast=True)      # after `-m` has deselected: make test-fast never asks
def pytest_collection_modifyitems(config, items):
    """Isolation tests (marker `sandbox`) skip, with one line that says why, where no sandbox
    can start; every other test runs (the catalogs are our own code: graded unisolated there).
    And note which assignments' catalog classes the selected tests need: graded in one batch."""
    if any("sandbox" in item.keywords for item in items) and (why := sandbox_missing()):
        for item in items:
            if "sandbox" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=f"no sandbox can start here: {why}"))
    uses_catalogs = [item for item in items if "catalog_class" in getattr(item, "fixturenames", ())]
    CATALOGS_NEEDED.update(item.callspec.params["assignment"] for item in uses_catalogs if hasattr(item, "callspec"))
    if CATALOGS_NEEDED and not config.option.collectonly:
        # graded while the other tests run (most of those wait on time limits, kernels and
        # servers; this keeps the cores busy), and its tests go last
        BACKGROUND.append(CatalogGrading(sorted(CATALOGS_NEEDED)))
        items.sort(key=lambda item: item in uses_catalogs)


CATALOGS_NEEDED = set()
BACKGROUND = []     # the CatalogGrading under way, if any


def pytest_unconfigure(config):
    for grading in BACKGROUND:
        grading.stop()


def catalogs():
    """assignment -> its catalog module (tests/catalog/nbNN.py)."""
    found = {}
    for info in pkgutil.iter_modules(tests.catalog.__path__):
        module = importlib.import_module(f"tests.catalog.{info.name}")
        found[module.ASSIGNMENT] = module
    return found


@contextmanager
def environment(name, value):
    """Set one of nbgrader_config.py's environment variables for the duration."""
    old = os.environ.get(name)
    os.environ[name] = str(value)
    try:
        yield value
    finally:
        if old is None:
            del os.environ[name]
        else:
            os.environ[name] = old


def work_folder(path):
    """Point nbgrader's config at a scratch work folder for the duration."""
    return environment("NN_COURSE_WORK", path)


class GradedClass:
    """A class of submissions after `python -m grader autograde`."""

    def __init__(self, work, rows):
        self.work = work
        self.rows = {(row.student, row.assignment): row for row in rows}

    def row(self, student, assignment):
        return self.rows[(student, assignment)]

    def errors(self, student, assignment, grade_id):
        """The error texts of one cell in the autograded notebook."""
        texts = []
        for name in course.notebook_names(assignment):
            nb = nbformat.read(self.work / "autograded" / student / assignment / name, as_version=4)
            for cell in nb.cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
                    texts += [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
        return texts


def grade_class(tmp, students, folder=None, assignments=None, cell_timeout=None):
    """students: name -> {assignment: answers}; write them, autograde, and read the rows.
    (Or: the submissions are already in `folder`, for `assignments`.) cell_timeout: seconds
    per cell, for a class whose honest cells are all quick and whose attacks wait it out."""
    assignments = assignments or sorted({a for by in students.values() for a in by})
    folder = folder or tmp / "submitted-by-students"
    for student, by_assignment in students.items():
        for assignment, answers in by_assignment.items():
            for notebook in course.notebook_names(assignment):
                nb = submissions.build(assignment, notebook, answers)
                submissions.write(nb, folder, student, assignment, notebook)
    with work_folder(tmp / "work"), environment("NN_COURSE_CELL_TIMEOUT", cell_timeout or os.environ["NN_COURSE_CELL_TIMEOUT"]):
        assert autograde.main(assignments=assignments, submissions=folder, isolate=not sandbox_missing()) == 0
        return GradedClass(tmp / "work", report.rows(assignments))


def checks_of(assignment):
    """answer grade_id -> the grade_ids of the test cells that follow it."""
    return {answer: tests for name in course.notebook_names(assignment)
            for answer, tests in course.tests_by_answer(assignment, name).items()}


def catalog_students(assignment):
    """perfect, untouched, wrong_K and right_K for one assignment.

    wrong_K gives the K-th wrong answer to every exercise at once (the solution where an
    exercise has fewer), so each exercise's tests must pin its own mistake."""
    answers = list(checks_of(assignment))
    students = {"perfect": {assignment: {gid: SOLUTION for gid in answers}},
                "untouched": {assignment: {}}}
    catalog = catalogs().get(assignment)
    for kind in (Wrong, Right):
        entries = {gid: [a for a in catalog.ANSWERS.get(gid, []) if isinstance(a, kind)]
                   for gid in answers} if catalog else {}
        for k in range(max(map(len, entries.values()), default=0)):
            students[f"{kind.__name__.lower()}_{k + 1}"] = {assignment: {
                gid: (entries[gid][k].source if k < len(entries[gid]) else SOLUTION)
                for gid in answers}}
    return students


class CatalogGrading:
    """The catalog classes of `names`, graded in one batch by `python -m grader autograde` in a
    process of its own (started at collection)."""

    def __init__(self, names):
        self.names = names
        self.tmp = Path(tempfile.mkdtemp(prefix="nn-course-catalogs-"))
        folder = self.tmp / "submitted-by-students"
        for name in names:
            for student, by in catalog_students(name).items():
                for notebook in course.notebook_names(name):
                    submissions.write(submissions.build(name, notebook, by[name]), folder, student, name, notebook)
        command = [sys.executable, "-m", "grader", "autograde", *names, "--submissions", str(folder)]
        with open(self.tmp / "autograde.log", "w") as log:
            self.process = subprocess.Popen(command + (["--no-sandbox"] if sandbox_missing() else []),
                                            cwd=course.ROOT, stdout=log, stderr=subprocess.STDOUT,
                                            env={**os.environ, "NN_COURSE_WORK": str(self.tmp / "work")})
        self.graded = None

    def result(self):
        if self.graded is None:
            if self.process.wait() != 0:
                pytest.fail("grading the catalogs failed:\n" + (self.tmp / "autograde.log").read_text()[-3000:])
            with work_folder(self.tmp / "work"):
                self.graded = GradedClass(self.tmp / "work", report.rows(self.names))
        return self.graded

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def catalog_class():
    """assignment -> its catalog class (perfect, untouched, wrong_K, right_K), from the one
    batch that grades every catalog the selected tests need (`-k nb02` grades 02 only)."""
    def get(assignment):
        assert BACKGROUND and assignment in BACKGROUND[0].names, f"{assignment}'s catalog was not collected"
        return BACKGROUND[0].result()
    return get


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: starts kernels or nbgrader (make test-fast skips it)")
    config.addinivalue_line("markers", "sandbox: needs the sandbox to start (skipped, with why, where it cannot)")
    config.addinivalue_line("markers", "browser: drives chromium (make test-browser; skipped, with why, where it is missing)")
