"""The steps this course adds to nbgrader's autograde, named in nbgrader_config.py, so that
`nbgrader autograde`, formgrader's Autograde button and `python -m grader autograde` grade alike.

sanitize stage (on the submitted notebook):  Intake
autograde stage (after grader.surviving_execute.SurvivingExecute):
    FlagTampering -> TrustedVerdict -> NoActiveContent -> RecordOutcome -> ... SaveAutoGrades
What grading noticed travels from stage to stage in nb.metadata["nn_course"], which Intake
writes afresh (a student's own copy of that key is thrown away).
"""
import copy
import functools
import html
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from . import course, intake, outcomes, tampering, verdict

KEEP_MIME = ("text/plain", "image/png", "image/jpeg")   # no HTML, script, SVG or widgets


def _remarks(nb):
    return nb.metadata.setdefault("nn_course", {}).setdefault("remarks", [])


def _is_test(cell):
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def _fail(cell, ename, evalue):
    cell.outputs.append(NotebookNode(output_type="error", ename=ename, evalue=evalue,
                                     traceback=[f"{ename}: {evalue}"]))


class Intake(NbGraderPreprocessor):
    """Refuse what cannot be graded; make every read-only cell the release's (grader.intake)."""

    def preprocess(self, nb, resources):
        folder = Path(resources.get("metadata", {}).get("path", "."))
        path = folder / f"{resources.get('unique_key', '')}.ipynb"
        if any(p.is_symlink() for p in (path, folder, folder.parent)):
            raise ValueError(f"{path.name}: the submission is a symbolic link, not a notebook")
        if path.is_file() and path.stat().st_size > intake.MAX_BYTES:
            raise ValueError(f"{path.name} is larger than {intake.MAX_BYTES // 2**20} MB")
        assignment = resources["nbgrader"]["assignment"]
        release = course.read_notebook(course.RELEASE / assignment / path.name)
        remarks = intake._repair(nb, release)
        nb.metadata["nn_course"] = {"remarks": remarks}
        nbformat.validate(nb)
        return nb, resources


class FlagTampering(NbGraderPreprocessor):
    """Zero the tests of every exercise whose answer rewires what its tests rely on (a static
    check, kept as a flag for instructors: TrustedVerdict is the defence)."""

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        name = f"{resources['nbgrader']['notebook']}.ipynb"
        tests = course.tests_by_answer(assignment, name)
        found = tampering.scan(nb, guarded=_guarded_names(course.file_version(course.SOLUTIONS / assignment / name)))
        for answer, why in found.items():
            _remarks(nb).append(f"{answer}: tampering ({why}), so its tests score 0")
        zeroed = {test for answer in found for test in tests.get(answer, [])}
        for cell in nb.cells:
            if _is_test(cell) and cell.metadata.nbgrader["grade_id"] in zeroed:
                _fail(cell, "Tampering", "this exercise's answer changes what its tests rely on")
        return nb, resources


@functools.lru_cache(maxsize=64)
def _guarded_names(solution):
    """What the tests of this version of a solution notebook call (grader.tampering): once per batch."""
    return tampering.guarded_names(course.read_notebook(solution[0]))


_REFERENCE = {}


def _reference(assignment, notebook, seed, config):
    """What the probes see on the solution notebook (run once per process and seed)."""
    from .surviving_execute import SurvivingExecute

    if (assignment, notebook, seed) in _REFERENCE:
        return _REFERENCE[assignment, notebook, seed]
    nb = _solution_to_run(assignment, notebook)
    resources = {"metadata": {"path": str(course.SOLUTIONS / assignment)}, "nbgrader": {"assignment": assignment}}
    problems = []
    for _ in range(2):      # once more where the first run failed: a busy machine, not the solution
        ran, resources = copy.deepcopy(nb), {**resources, "nn_course_observations": {}}
        run = SurvivingExecute(config=config, probes_of=assignment, seed=seed)
        # every submission is judged against this run: a busy machine must not time it out
        run.timeout, run.notebook_seconds = max(60, 3 * (run.timeout or 20)), max(600, 3 * run.notebook_seconds)
        run.preprocess(ran, resources)
        problems = reference_problems(ran, resources["nn_course_observations"], verdict.probe_names(assignment))
        if not problems:
            _REFERENCE[assignment, notebook, seed] = resources["nn_course_observations"]
            return _REFERENCE[assignment, notebook, seed]
    # no grade rather than a wrong one: nbgrader records this submission as not autograded
    raise RuntimeError(f"the solution of {notebook} failed its own tests while grading, twice "
                       f"({'; '.join(problems[:3])}): nothing was graded against it; grade again")


def _solution_to_run(assignment, notebook, draw=False):
    """The solution notebook as the reference runs it: its figures are drawn for no one there,
    so not drawn at all (matplotlib's inline backend would make a PNG of each after its cell,
    a fifth of the solutions' cell time); the probes see the same either way (a test checks)."""
    nb = course.read_notebook(course.SOLUTIONS / assignment / f"{notebook}.ipynb")
    if not draw:
        nb.cells.insert(0, nbformat.v4.new_code_cell("%matplotlib agg"))
    return nb


def reference_problems(nb, observations, probes):
    """Why a run of the solution cannot be what submissions are judged against: a test cell
    that failed, a probe with no answer or one that raised ([] when it can)."""
    tests = [cell for cell in nb.cells if _is_test(cell)]
    problems = [f"{cell.metadata.nbgrader['grade_id']}: {o.ename}" for cell in tests
                for o in cell.outputs if o.output_type == "error"]
    for grade_id in sorted(set(probes) & {cell.metadata.nbgrader["grade_id"] for cell in tests}):
        seen = observations.get(grade_id)
        if seen is None or (isinstance(seen, dict) and set(seen) == {"raised"}):
            problems.append(f"{grade_id}'s probe: {'no answer' if seen is None else 'raised ' + str(seen['raised'])}")
    return problems


class TrustedVerdict(NbGraderPreprocessor):
    """A test cell keeps its points only if its probe agrees with the solution's (grader.verdict),
    and no output of a test cell can be read as a score: nbgrader reads an execute_result as
    partial credit, so test cells keep only their streams and errors."""

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        probes = verdict.probe_names(assignment) if verdict.source(assignment) else set()
        seen = resources.get("nn_course_observations", {})
        expected = _reference(assignment, resources["nbgrader"]["notebook"],
                              verdict.process_seed(), self.config) if probes else {}
        judges = verdict.judges(assignment) if probes else {}
        for cell in nb.cells:
            if not _is_test(cell):
                continue
            cell.outputs = [o for o in cell.outputs if o.output_type in ("stream", "error")]
            grade_id = cell.metadata.nbgrader["grade_id"]
            if grade_id not in probes:
                continue
            judge = judges.get(grade_id, verdict.difference)
            why = verdict.verdict(expected.get(grade_id), seen.get(grade_id), judge) if expected.get(grade_id) is not None \
                else "the grader's own check could not run on the solution (tell your instructor)"
            if why and not any(o.output_type == "error" for o in cell.outputs):
                # the test cell passed (or was made to look passed): its points need the probe
                _remarks(nb).append(f"{grade_id}: the test cell passed but {why}")
                _fail(cell, "GraderCheck", why)
        return nb, resources


class NoActiveContent(NbGraderPreprocessor):
    """Autograded notebooks (what formgrader shows) and the feedback made from them carry no
    HTML, script, SVG or widget output, and no raw HTML from cells the student wrote."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                if "data" in output:
                    output.data = {k: v for k, v in output.data.items() if k in KEEP_MIME}
            # raw HTML needs a "<": prose without one (`if x > 0:` in a code span) stays as written
            if cell.cell_type == "markdown" and not cell.metadata.get("nbgrader", {}).get("locked") \
                    and "<" in cell.source:
                cell.source = html.escape(cell.source, quote=False)
        return nb, resources


class RecordOutcome(NbGraderPreprocessor):
    """Graded, or flagged with what grading noticed (grader.outcomes, read by the table,
    the CSV and the feedback)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        work = course.work_dir(self.config)
        remarks = nb.metadata.get("nn_course", {}).get("remarks", [])
        outcomes.record(work, info["assignment"], info["student"], "flagged" if remarks else "graded",
                        "; ".join(remarks))
        return nb, resources
