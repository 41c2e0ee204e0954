"""Grade a folder of submissions with nbgrader, one student and assignment at a time.

How a notebook is graded (sandbox, intake, tampering flags, trusted verdict) is nbgrader
configuration (nbgrader_config.py), the same for `nbgrader autograde`; this adds the intake
of a folder of files, the outcome of what could not be graded, and the table.
"""
import copy
import tempfile
from pathlib import Path

from . import course, intake, outcomes, report, sample_class, sandbox


def main(*, assignments=(), submissions=None, isolate=True):
    """Autograde STUDENT/ASSIGNMENT/NOTEBOOK.ipynb under `submissions` (default: the sample
    class), print a table of scores and reasons, and return 0 however the students did.

    Student code runs in grader.sandbox unless isolate is False."""
    names = course.resolve(assignments)
    config = course.load_config()
    work = course.work_dir(config)
    if submissions is not None and not Path(submissions).is_dir():
        raise course.UserError(f"no such folder: {submissions}")
    _choose_kernel(config, isolate, trusted=submissions is None)
    if submissions is None:
        submissions = sample_class.write(work / "sample_class", names)
    api = course.api(config)
    _register(names, config)

    found = intake.collect(Path(submissions), names, work / "submitted")
    if not found:
        raise course.UserError(f"no submissions for {', '.join(names)} in {submissions} "
                               "(expected STUDENT/ASSIGNMENT/NOTEBOOK.ipynb)")
    for number, sub in enumerate(found, 1):
        print(f"[{number}/{len(found)}] {sub.student} / {sub.assignment}", flush=True)
        if sub.problem:
            _forget(api, sub)
            outcomes.record(work, sub.assignment, sub.student, "not gradable", sub.problem)
            continue
        result = api.autograde(sub.assignment, sub.student, force=True, create=True)
        if result["success"]:
            if sub.remarks:     # what the file intake noticed, beside what grading noticed
                done = outcomes.read(work, sub.assignment, sub.student) or {}
                reasons = "; ".join(sub.remarks + ([done["reason"]] if done.get("reason") else []))
                outcomes.record(work, sub.assignment, sub.student, "flagged", reasons)
        else:
            _forget(api, sub)
            outcomes.record(work, sub.assignment, sub.student, "autograde failed",
                            course.failure(result))
    rows = report.rows(names, config)
    report.print_table(rows)
    report.print_summary(rows)
    return 0


def _choose_kernel(config, isolate, trusted):
    if not isolate:
        print("note: grading WITHOUT isolation (--no-sandbox): student code runs with your rights")
        config.Execute.kernel_manager_class = "jupyter_client.manager.AsyncKernelManager"
        return
    choice = config.SandboxedKernelManager.get("bwrap", "venv")
    problem = sandbox.problem(choice)
    if not problem:
        sandbox.announce(choice)
    elif trusted:
        print(f"note: cannot isolate ({problem}); the bundled sample class is graded without isolation")
        config.Execute.kernel_manager_class = "jupyter_client.manager.AsyncKernelManager"
    else:
        raise course.UserError(
            f"cannot isolate student code ({problem}): see README, Isolation (the sandbox needs "
            "user namespaces, or root), or pass --no-sandbox to grade without isolation")


def _register(names, config):
    """Put the assignments' current test cells in the gradebook (release into a scratch
    folder, so grading never rewrites course/)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = copy.deepcopy(config)
        config.CourseDirectory.release_directory = tmp
        api = course.api(config)
        for name in names:
            result = api.generate_assignment(name, force=True, create=True)
            if not result["success"]:
                raise course.UserError(f"cannot register {name}: {course.failure(result)}")


def _forget(api, sub):
    """Drop an earlier grade of this submission, so a failed regrade cannot leave it behind."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(api.coursedir.db_url) as gb:
        try:
            gb.remove_submission(sub.assignment, sub.student)
        except MissingEntry:
            pass
