"""Feedback shows each lost point's diagnosis but none of the hidden test code.

nbgrader's feedback renders the autograded notebook as it ran, hidden tests and their
tracebacks included; a traceback quotes the test lines around the failure.
"""
import re

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.DOTALL)


class RedactHiddenTests(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            cell.source = HIDDEN.sub("# (hidden tests are not shown)", cell.source)
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
