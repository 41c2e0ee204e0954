"""What happened to each submission, one small JSON file per student and assignment.

The gradebook holds scores; this holds why a submission could not be graded at all
(unreadable notebook, nbgrader error), so the table, the CSV and the feedback can say so.
"""
import json


def path(work, assignment, student):
    return work / "outcomes" / assignment / f"{student}.json"


def record(work, assignment, student, status, reason=""):
    target = path(work, assignment, student)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps({"status": status, "reason": reason}))
    tmp.replace(target)  # atomic: a killed grader leaves the old outcome or the new one


def read(work, assignment, student):
    try:
        return json.loads(path(work, assignment, student).read_text())
    except (OSError, ValueError):
        return None


def students(work, assignment):
    folder = work / "outcomes" / assignment
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []
