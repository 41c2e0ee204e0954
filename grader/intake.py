"""Copy submissions into nbgrader's submitted/ folder, turning unreadable ones into outcomes.

nbgrader stops on a notebook it cannot parse, and stops the whole batch on one whose cells
repeat a grade_id; here the first is recorded with a reason and graded 0, the second is
repaired (later copies become ordinary cells), and the rest of the class goes on. Deleted
read-only cells are put back, and every read-only cell is the release's, source and metadata
(tags included: `skip-execution` cannot skip a test).
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
    # nbgrader's small files: the time of submission, and the secret that the exchange names
    # its feedback by; never followed (a link could point at anything the grader may read)
    for small in (folder / "timestamp.txt", folder / "submission_secret.txt"):
        if not small.is_symlink() and small.is_file() and small.stat().st_size <= 1000:
            shutil.copy(small, dest, follow_symlinks=False)
    for name in course.notebook_names(assignment):
        path = folder / name
        if path.is_symlink():     # it could point at anything the grader may read
            return f"{name} is a symbolic link, not a notebook"
        if not path.is_file():
            others = sorted(p.name for p in folder.glob("*.ipynb"))
            return f"no notebook named {name} (found: {', '.join(others) or 'none'})"
        if path.stat().st_size == 0:
            return f"{name} is an empty file"
        if path.stat().st_size > MAX_BYTES:
            return f"{name} is larger than {MAX_BYTES // 2**20} MB"
        try:
            nb = nbformat.read(path, as_version=4)  # also upgrades old nbformat versions
        except Exception as error:  # any parse failure means: not a notebook we can grade
            return f"{name} is not a readable notebook ({type(error).__name__}: {_first_line(error)})"
        try:
            remarks += _repair(nb, course.read_notebook(course.RELEASE / assignment / name))
        except (AttributeError, TypeError, KeyError) as error:   # nbgrader metadata of another shape
            return f"{name} has cell metadata nbgrader cannot read ({type(error).__name__}: {_first_line(error)})"
        try:
            nbformat.validate(nb)       # nbgrader stops on an invalid notebook
        except nbformat.ValidationError as error:
            return f"{name} is not a valid notebook ({_first_line(error)})"
        nbformat.write(nb, dest / name)
    return ""


def _repair(nb, release):
    """Make the submission's nbgrader cells those of the release, so that nbgrader can grade it
    (it stops on repeated, unknown or altered nbgrader metadata), and say what was changed."""
    remarks, seen = [], set()
    kept = [c for c in nb.cells if c.get("cell_type") in ("code", "markdown", "raw")]
    if len(kept) < len(nb.cells):
        remarks.append(f"{len(nb.cells) - len(kept)} cell(s) of no known type removed")
        nb.cells = kept
    known = {c.metadata.nbgrader["grade_id"]: c for c in release.cells
             if c.metadata.get("nbgrader", {}).get("grade_id")}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        grade_id = meta.get("grade_id")
        original = known.get(grade_id)
        if grade_id in seen or original is None or original.cell_type != cell.cell_type:
            del cell.metadata["nbgrader"]   # still runs, as an ordinary cell
            remarks.append(f"{grade_id}: " + ("cell copied" if grade_id in seen else "not a cell of the release")
                           + " (graded as an ordinary cell)")
            continue
        seen.add(grade_id)
        if meta != original.metadata.nbgrader:
            cell.metadata.nbgrader = copy.deepcopy(original.metadata.nbgrader)
            remarks.append(f"{grade_id}: nbgrader metadata edited (put back)")
    # Walk the release's graded and read-only cells in order, keeping a place in the submission:
    # a missing read-only cell is found by its text (its metadata lost) or goes back right
    # after the one that came before it.
    place = -1
    for grade_id, cell in known.items():
        where = _find(nb, grade_id)
        if where is None and cell.metadata.nbgrader.get("locked"):
            where = next((i for i, c in enumerate(nb.cells) if i > place and c.source == cell.source
                          and c.cell_type == cell.cell_type and "nbgrader" not in c.metadata), None)
            if where is not None:
                nb.cells[where].metadata.nbgrader = copy.deepcopy(cell.metadata.nbgrader)
                remarks.append(f"{grade_id}: read-only cell lost its metadata (put back)")
        if where is not None:
            place = where
            found = nb.cells[where]
            if cell.metadata.nbgrader.get("locked"):   # the release's cell, tags and all
                if found.source != cell.source:
                    remarks.append(f"{grade_id}: read-only cell edited (graded with the original)")
                elif found.metadata.get("tags") != cell.metadata.get("tags"):  # lab's own keys are no remark
                    remarks.append(f"{grade_id}: read-only cell's tags edited (put back)")
                found.source, found.metadata = cell.source, copy.deepcopy(cell.metadata)
        else:
            place += 1
            nb.cells.insert(place, copy.deepcopy(cell))
            remarks.append(f"{grade_id}: " + ("read-only cell deleted (put back for grading)"
                           if cell.metadata.nbgrader.get("locked") else "answer cell deleted (put back empty)"))
    return remarks


def _find(nb, grade_id):
    return next((i for i, c in enumerate(nb.cells)
                 if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id), None)


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else "no details"
