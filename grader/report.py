"""Scores and reasons per student and assignment, read from the gradebook and the
autograded notebooks; printed as a table and exported as CSV."""
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import course, outcomes
from .terminal import printable

KERNEL_LOST = ("KernelDied", "CellTimeoutError")


@dataclass
class Row:
    student: str
    assignment: str
    status: str
    cells: dict = field(default_factory=dict)      # test grade_id -> (score, max score)
    reasons: list = field(default_factory=list)    # "grade_id: why points were lost"

    @property
    def score(self):
        return sum(score for score, _ in self.cells.values())

    @property
    def max_score(self):
        return sum(points for _, points in self.cells.values())


def test_cells(assignment):
    """grade_id -> points of every test cell, in notebook order."""
    points = {}
    for name in course.notebook_names(assignment):
        nb = nbformat.read(course.SOLUTIONS / assignment / name, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                points[meta["grade_id"]] = float(meta.get("points", 0))
    return points


def rows(assignments, config=None):
    from nbgrader.api import Gradebook, MissingEntry

    config = config or course.load_config()
    work = course.work_dir(config)
    found = []
    with Gradebook(config.CourseDirectory.db_url) as gb:
        for assignment in assignments:
            points = test_cells(assignment)
            for student in outcomes.students(work, assignment):
                outcome = outcomes.read(work, assignment, student) or {"status": "unknown", "reason": ""}
                row = Row(student, assignment, outcome["status"],
                          {gid: (0.0, p) for gid, p in points.items()},
                          [outcome["reason"]] if outcome["reason"] else [])
                if outcome["status"] in ("graded", "flagged"):
                    for name in course.notebook_names(assignment):
                        try:
                            notebook = gb.find_submission_notebook(name[:-len(".ipynb")], assignment, student)
                        except MissingEntry:
                            row.status, row.reasons = "missing", [f"{name}: no grades in the gradebook"]
                            continue
                        for grade in notebook.grades:
                            if grade.name in points:
                                row.cells[grade.name] = (float(grade.score or 0), points[grade.name])
                        row.reasons += _reasons(work / "autograded" / student / assignment / name)
                found.append(row)
    return found


def _reasons(path):
    """One line per cell that failed: answer and test cells, and any cell that lost the kernel."""
    try:
        # plain JSON: nbgrader wrote this notebook, so nbformat's validation (two thirds of
        # reading it) would only slow the table of a large class
        cells = json.loads(Path(path).read_text()).get("cells", [])
    except OSError:
        return []
    reasons = []
    for index, cell in enumerate(cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        error = errors[-1]  # after a timeout: the timeout, not the KeyboardInterrupt before it
        graded_cell = meta.get("solution") or meta.get("grade")   # an answer or a test
        ename = str(error.get("ename", ""))
        if graded_cell or ename in KERNEL_LOST:
            where = meta.get("grade_id", f"cell {index + 1}")
            evalue = " ".join(str(error.get("evalue", "")).split())[:300]
            reasons.append(f"{where}: {ename}: {evalue}" if evalue else f"{where}: {ename}")
    return reasons


def print_table(found):
    by_assignment = {}
    for row in found:
        by_assignment.setdefault(row.assignment, []).append(row)
    for assignment, group in by_assignment.items():
        columns = list(group[0].cells)
        short = [_column(c) for c in columns]
        width = max(len("student"), *(len(printable(r.student)) for r in group))
        print(f"\n{assignment}")
        print(f"{'student':{width}}  " + "  ".join(f"{s:>12}" for s in short) + f"  {'total':>11}  status")
        for row in group:
            cells = "  ".join(f"{_fmt(*row.cells[c]):>12}" for c in columns)
            print(f"{printable(row.student):{width}}  {cells}  {_fmt(row.score, row.max_score):>11}  {row.status}")
            for reason in row.reasons:
                print(f"{'':{width}}    - {printable(reason[:160])}")


def ending(row):
    """How a submission ended, one word for the summary and the class report alike: full marks,
    partial, no points, or its status when it was not simply graded (flagged, not gradable, ...)."""
    if row.status != "graded":
        return row.status
    return "full marks" if row.score >= row.max_score else "no points" if row.score == 0 else "partial"


def print_summary(found):
    """One line per assignment: how many submissions ended which way."""
    by_assignment = {}
    for row in found:
        kind = ending(row)
        counts = by_assignment.setdefault(row.assignment, {})
        counts[kind] = counts.get(kind, 0) + 1
    print()
    for assignment, counts in by_assignment.items():
        print(f"summary {assignment}: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))


def _column(grade_id):
    """ex1_3_tiny_module_test_2 -> 'ex 1.3 #2'"""
    match = re.match(r"ex(\d+)_(\d+)_.*?_test(?:_(\d+))?$", grade_id)
    if not match:
        return grade_id[:12]
    return f"ex {match[1]}.{match[2]}" + (f" #{match[3]}" if match[3] else "")


def _fmt(score, points):
    return f"{score:g}/{points:g}"
