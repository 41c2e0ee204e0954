"""Copy submissions into nbgrader's submitted/ folder, turning unreadable ones into outcomes.

nbgrader stops on a notebook it cannot parse, and stops the whole batch on one whose cells
repeat a grade_id; here the first is recorded with a reason and graded 0, the second is
repaired (later copies become ordinary cells), and the rest of the class goes on. Deleted
read-only cells are put back and edited ones noted (nbgrader grades with the originals).
"""
import copy
import shutil
from dataclasses import dataclass, field

import nbformat

from . import course


MAX_BYTES = 50 * 2**20   # solution notebooks with all their figures are under 1 MB


@dataclass
class Submission:
    student: str
    assignment: str
    problem: str = ""          # why it cannot be graded; empty when it can
    remarks: list = field(default_factory=list)   # what was odd but graded anyway


def collect(source, assignments, submitted):
    """Every STUDENT/ASSIGNMENT under `source`, copied (when readable) into `submitted`."""
    found = []
    for student_dir in sorted(p for p in source.iterdir() if p.is_dir()):
        for assignment in assignments:
            folder = student_dir / assignment
            if folder.is_dir():
                sub = Submission(student_dir.name, assignment)
                if student_dir.is_symlink() or folder.is_symlink():
                    sub.problem = "the submission folder is a symbolic link"
                else:
                    sub.problem = _copy(folder, submitted / student_dir.name / assignment, assignment,
                                        sub.remarks)
                found.append(sub)
    return found


def _copy(folder, dest, assignment, remarks):
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    if (folder / "timestamp.txt").is_file():
        shutil.copy(folder / "timestamp.txt", dest)
    for name in course.notebook_names(assignment):
        path = folder / name
        if not path.is_file():
            others = sorted(p.name for p in folder.glob("*.ipynb"))
            return f"no notebook named {name} (found: {', '.join(others) or 'none'})"
        if path.is_symlink():     # it could point at anything the grader may read
            return f"{name} is a symbolic link, not a notebook"
        if path.stat().st_size == 0:
            return f"{name} is an empty file"
        if path.stat().st_size > MAX_BYTES:
            return f"{name} is larger than {MAX_BYTES // 2**20} MB"
        try:
            nb = nbformat.read(path, as_version=4)  # also upgrades old nbformat versions
        except Exception as error:  # any parse failure means: not a notebook we can grade
            return f"{name} is not a readable notebook ({type(error).__name__}: {_first_line(error)})"
        remarks += _repair(nb, nbformat.read(course.RELEASE / assignment / name, as_version=4))
        nbformat.write(nb, dest / name)
    return ""


def _repair(nb, release):
    """Make repeated grade_ids harmless and note changes to read-only cells."""
    remarks, seen = [], set()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in seen:
            del cell.metadata["nbgrader"]   # still runs, as an ordinary cell
            remarks.append(f"{grade_id}: cell copied (the copy was graded as an ordinary cell)")
        elif grade_id:
            seen.add(grade_id)
    # Walk the release's graded and read-only cells in order, keeping a place in the submission:
    # a missing read-only cell goes back right after the one that came before it.
    place = -1
    for cell in release.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade_id"):
            continue
        where = _find(nb, meta["grade_id"])
        if where is not None:
            place = where
            if meta.get("locked") and nb.cells[where].source != cell.source:
                remarks.append(f"{meta['grade_id']}: read-only cell edited (graded with the original)")
        elif meta.get("locked"):
            place += 1
            nb.cells.insert(place, copy.deepcopy(cell))
            remarks.append(f"{meta['grade_id']}: read-only cell deleted (put back for grading)")
    return remarks


def _find(nb, grade_id):
    return next((i for i, c in enumerate(nb.cells)
                 if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id), None)


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else "no details"
