"""Every submission is judged against a run of the solution (grader.preprocessors._reference):
where that run fails its own tests (a busy machine timing a cell out), nothing is graded
against it. The submission is recorded as not autograded, with why, and keeps no score."""
import pytest

import functools

from grader import autograde, course, outcomes, preprocessors, report, submissions, worker
from tests.conftest import sandbox_missing, work_folder

pytestmark = pytest.mark.slow

A01 = "01_python_classes"
A02 = "02_neural_network_model"        # it draws five figures


def test_a_failed_solution_run_grades_nothing(tmp_path, monkeypatch):
    runs = []

    def always_failed(nb, observations, probes):
        runs.append(nb)
        return ["ex1_1_running_mean_test: CellTimeoutError"]

    monkeypatch.setattr(preprocessors, "reference_problems", always_failed)
    submissions.write(submissions.perfect(A01, f"{A01}.ipynb"), tmp_path / "in", "ada", A01, f"{A01}.ipynb")
    with work_folder(tmp_path / "work"):
        # one worker: the grading runs in this process, where the failure is patched in
        assert autograde.main(assignments=[A01], submissions=tmp_path / "in", workers=1,
                              isolate=not sandbox_missing()) == 0
        (row,) = report.rows([A01])
        outcome = outcomes.read(tmp_path / "work", A01, "ada")
    assert len(runs) == 2, "the solution's run is tried twice before grading gives up"
    assert outcome["status"] == "autograde failed"
    assert "failed its own tests while grading" in outcome["reason"] and "CellTimeoutError" in outcome["reason"]
    assert row.status == "autograde failed" and not row.score, row


def test_the_solution_runs_without_drawing_and_the_probes_see_the_same(monkeypatch):
    runs = []
    checked = preprocessors.reference_problems
    monkeypatch.setattr(preprocessors, "reference_problems", lambda nb, seen, probes: runs.append(nb) or checked(nb, seen, probes))
    monkeypatch.delenv("NN_COURSE_NO_FIGURES")       # the tests' kernels draw nothing, graded ones do
    config = course.load_config()
    if sandbox_missing():
        config.Execute.kernel_manager_class = worker.UNISOLATED
    monkeypatch.setattr(preprocessors, "_REFERENCE", {})
    undrawn = preprocessors._reference(A02, A02, 12345, config)
    monkeypatch.setattr(preprocessors, "_REFERENCE", {})
    monkeypatch.setattr(preprocessors, "_solution_to_run", functools.partial(preprocessors._solution_to_run, draw=True))
    drawn = preprocessors._reference(A02, A02, 12345, config)
    pngs = [sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])) for nb in runs]
    assert pngs[0] == 0 and pngs[1] >= 3, pngs
    assert undrawn == drawn and undrawn
