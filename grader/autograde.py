"""Grade a folder of submissions with nbgrader, one student and assignment at a time."""
import copy
import tempfile
from pathlib import Path

from . import course, intake, outcomes, report, sample_class


def main(*, assignments=(), submissions=None):
    """Autograde STUDENT/ASSIGNMENT/NOTEBOOK.ipynb under `submissions` (default: the sample
    class), print a table of scores and reasons, and return 0 however the students did."""
    names = course.resolve(assignments)
    config = course.load_config()
    work = course.work_dir(config)
    if submissions is None:
        submissions = sample_class.write(work / "sample_class", names)
    elif not Path(submissions).is_dir():
        raise course.UserError(f"no such folder: {submissions}")
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
            outcomes.record(work, sub.assignment, sub.student, "graded")
        else:
            _forget(api, sub)
            outcomes.record(work, sub.assignment, sub.student, "autograde failed",
                            course.failure(result))
    report.print_table(report.rows(names, config))
    return 0


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
