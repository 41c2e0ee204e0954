"""Build submissions from the release: the student's notebook with some answer cells filled in.

The sample class and the tests' answer catalogs are both written this way, so they follow
the release whenever solutions/ changes.
"""
import copy

import nbformat

from . import course

SOLUTION = object()  # stands for "the solution's own answer" in an answers mapping


def answer_cells(nb):
    """grade_id -> cell for every answer (solution) cell."""
    return {cell.metadata.nbgrader["grade_id"]: cell for cell in nb.cells
            if cell.metadata.get("nbgrader", {}).get("solution")}


def solution_answers(assignment, notebook):
    nb = nbformat.read(course.SOLUTIONS / assignment / notebook, as_version=4)
    return {grade_id: cell.source for grade_id, cell in answer_cells(nb).items()}


def build(assignment, notebook, answers):
    """The released notebook with the answer cells named in `answers` replaced."""
    nb = nbformat.read(course.RELEASE / assignment / notebook, as_version=4)
    cells = answer_cells(nb)
    solutions = None
    for grade_id, source in answers.items():
        if grade_id not in cells:
            raise KeyError(f"{assignment}/{notebook} has no answer cell {grade_id!r}")
        if source is SOLUTION:
            solutions = solutions or solution_answers(assignment, notebook)
            source = solutions[grade_id]
        cells[grade_id].source = source
    return nb


def perfect(assignment, notebook):
    return build(assignment, notebook, {gid: SOLUTION for gid in answer_cells(
        nbformat.read(course.RELEASE / assignment / notebook, as_version=4))})


def write(nb, folder, student, assignment, notebook):
    path = folder / student / assignment / notebook
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(copy.deepcopy(nb), path)
    return path
