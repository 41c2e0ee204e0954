"""Feedback shows each lost point's diagnosis but none of the hidden test code.

nbgrader's feedback renders the autograded notebook as it ran, hidden tests and their
tracebacks included; a traceback quotes the test lines around the failure, and student code
called by a test can print its caller's source (`sys._getframe(1)` and `linecache`). So a test
cell shows only its one-line reason (its error's name and message, or nothing when it
passed), and any output anywhere that quotes a line of the hidden tests is withheld.
"""
import re

from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.DOTALL)
REASON_CHARS = 500
QUOTE_CHARS = 12     # a hidden line this long, found in an output, counts as quoted
WITHHELD = "[output withheld from feedback: it quotes the hidden tests]\n"


def _text(output):
    return " ".join(str(v) for k, v in output.items() if k not in ("output_type", "metadata", "name"))


class RedactHiddenTests(NbGraderPreprocessor):

    def preprocess(self, nb, resources):
        self._hidden = {line.strip() for cell in nb.cells if cell.cell_type == "code" and utils.is_grade(cell)
                        for block in HIDDEN.findall(cell.source) for line in block.splitlines()
                        if len(line.strip()) >= QUOTE_CHARS}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if utils.is_grade(cell) and not utils.is_solution(cell):
            cell.source = HIDDEN.sub("# (hidden tests are not shown)", cell.source)
            errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
            cell.outputs = [NotebookNode(output_type="error", ename=str(e.ename), evalue=str(e.evalue)[:REASON_CHARS],
                                         traceback=[f"{e.ename}: {str(e.evalue)[:REASON_CHARS]}"]) for e in errors[:2]]
        for number, output in enumerate(cell.get("outputs", [])):
            if any(line in _text(output) for line in self._hidden):
                cell.outputs[number] = NotebookNode(output_type="stream", name="stdout", text=WITHHELD)
        return cell, resources
