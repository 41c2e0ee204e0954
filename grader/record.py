"""Write what a worker returned (grader.worker) into the gradebook and the work folder.

The one place that writes grades: the batch calls it for one result at a time, so SQLite is
never written from two processes. It writes what nbgrader's autograde writes: the student,
the submission and its timestamp, the autograded notebooks, each cell's auto score and comment
(nbgrader's own SaveAutoGrades, read from the autograded notebook), late penalties, and the
outcome (grader.outcomes).
"""
import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades
from nbgrader.utils import parse_utc

from . import course, outcomes


def forget(config, assignment, student):
    """Drop an earlier grade of this submission, so a failed regrade cannot leave it behind."""
    with Gradebook(config.CourseDirectory.db_url) as gb:
        try:
            gb.remove_submission(assignment, student)
        except MissingEntry:
            pass


def record(config, sub, timestamp, result):
    work = course.work_dir(config)
    if not result.get("success"):
        forget(config, sub.assignment, sub.student)
        outcomes.record(work, sub.assignment, sub.student, "autograde failed",
                        result.get("failure") or "no reason given")
        return
    db_url = config.CourseDirectory.db_url
    with Gradebook(db_url) as gb:
        gb.update_or_create_student(sub.student)
        if timestamp:
            gb.update_or_create_submission(sub.assignment, sub.student, timestamp=parse_utc(timestamp))
        else:
            gb.update_or_create_submission(sub.assignment, sub.student)
    folder = work / "autograded" / sub.student / sub.assignment
    folder.mkdir(parents=True, exist_ok=True)
    if timestamp:
        (folder / "timestamp.txt").write_text(timestamp)
    for name, text in result["notebooks"].items():
        (folder / name).write_text(text)
        nb = nbformat.reads(text, as_version=4)
        resources = {"nbgrader": {"db_url": db_url, "assignment": sub.assignment, "student": sub.student,
                                  "notebook": name.removesuffix(".ipynb")}}
        SaveAutoGrades(config=config).preprocess(nb, resources)
        AssignLatePenalties(config=config).preprocess(nb, resources)
    outcome = result["outcome"]
    reasons = "; ".join(sub.remarks + ([outcome["reason"]] if outcome.get("reason") else []))
    status = "flagged" if sub.remarks else outcome["status"]
    outcomes.record(work, sub.assignment, sub.student, status, reasons)
