"""Grade a folder of submissions with nbgrader, one student and assignment at a time."""
import copy
import tempfile
from pathlib import Path

import nbformat

from . import course, intake, outcomes, report, sample_class, sandbox, tampering


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
            remarks = sub.remarks + _zero_tampered(config, sub)
            outcomes.record(work, sub.assignment, sub.student,
                            "flagged" if remarks else "graded", "; ".join(remarks))
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
        return
    missing = sandbox.missing_tools()
    problem = f"{', '.join(missing)} not found" if missing else sandbox.preflight()
    if not problem:
        config.Execute.kernel_manager_class = "grader.sandbox.SandboxedKernelManager"
    elif trusted:
        print(f"note: cannot isolate ({problem}); the bundled sample class is graded without isolation")
    else:
        raise course.UserError(
            f"cannot isolate student code ({problem}): install bubblewrap (apt install bubblewrap), "
            "make .venv readable by all users, or pass --no-sandbox to grade without isolation")


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


def _zero_tampered(config, sub):
    """Give 0 (as a manual score, which formgrader shows and can undo) to the tests of every
    exercise whose answer tampers with what the tests rely on."""
    from nbgrader.api import Gradebook

    remarks = []
    with Gradebook(config.CourseDirectory.db_url) as gb:
        for name in course.notebook_names(sub.assignment):
            path = course.work_dir(config) / "submitted" / sub.student / sub.assignment / name
            tests = course.tests_by_answer(sub.assignment, name)
            source = nbformat.read(course.SOLUTIONS / sub.assignment / name, as_version=4)
            for answer, why in tampering.scan(nbformat.read(path, as_version=4), source).items():
                remarks.append(f"{answer}: tampering ({why}), so its tests score 0")
                for test in tests.get(answer, []):
                    grade = gb.find_grade(test, name[:-len(".ipynb")], sub.assignment, sub.student)
                    grade.manual_score = 0
            gb.db.commit()
    return remarks


def _forget(api, sub):
    """Drop an earlier grade of this submission, so a failed regrade cannot leave it behind."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(api.coursedir.db_url) as gb:
        try:
            gb.remove_submission(sub.assignment, sub.student)
        except MissingEntry:
            pass
