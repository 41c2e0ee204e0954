"""Run All in the student release goes past an unanswered exercise.

An unanswered exercise raises (nbgrader's stub, or the tests); JupyterLab's Run All, like
nbclient, stops at the first error of a cell *not* tagged `raises-exception`. So the release
tags each exercise's own cells: its answer, the cells right after it that try the answer, and
its tests. Every demo and figure still runs untagged: an error there still stops Run All.
"""
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

TAG = "raises-exception"


def exercise_cells(cells):
    """Indices of the code cells from each answer cell through the tests that follow it."""
    chosen, inside, after_test = [], False, False
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            if after_test:
                inside = after_test = False
            continue
        test = utils.is_grade(cell) and not utils.is_solution(cell)
        if utils.is_solution(cell):
            inside, after_test = True, False
        elif after_test and not test:
            inside = after_test = False
        if inside or test:
            chosen.append(i)
            after_test = after_test or test
    return chosen


class TagExerciseCells(NbGraderPreprocessor):
    """Tag an exercise's cells `raises-exception` (a step of GenerateAssignment)."""

    def preprocess(self, nb, resources):
        for i in exercise_cells(nb.cells):
            tags = nb.cells[i].metadata.setdefault("tags", [])
            if TAG not in tags:
                tags.append(TAG)
        return nb, resources
