"""Copy submissions into nbgrader's submitted/ folder, turning unreadable ones into outcomes.

nbgrader stops on a notebook it cannot parse; here such a submission is recorded with a
reason and graded 0, and the rest of the class goes on.
"""
import shutil
from dataclasses import dataclass

import nbformat

from . import course


@dataclass
class Submission:
    student: str
    assignment: str
    problem: str = ""          # why it cannot be graded; empty when it can


def collect(source, assignments, submitted):
    """Every STUDENT/ASSIGNMENT under `source`, copied (when readable) into `submitted`."""
    found = []
    for student_dir in sorted(p for p in source.iterdir() if p.is_dir()):
        for assignment in assignments:
            folder = student_dir / assignment
            if folder.is_dir():
                problem = _copy(folder, submitted / student_dir.name / assignment, assignment)
                found.append(Submission(student_dir.name, assignment, problem))
    return found


def _copy(folder, dest, assignment):
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    if (folder / "timestamp.txt").is_file():
        shutil.copy(folder / "timestamp.txt", dest)
    for name in course.notebook_names(assignment):
        path = folder / name
        if not path.is_file():
            others = sorted(p.name for p in folder.glob("*.ipynb"))
            return f"no notebook named {name} (found: {', '.join(others) or 'none'})"
        if path.stat().st_size == 0:
            return f"{name} is an empty file"
        try:
            nb = nbformat.read(path, as_version=4)  # also upgrades old nbformat versions
        except Exception as error:  # any parse failure means: not a notebook we can grade
            return f"{name} is not a readable notebook ({type(error).__name__}: {_first_line(error)})"
        nbformat.write(nb, dest / name)
    return ""


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else "no details"
