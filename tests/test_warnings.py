"""A correct answer that makes torch print a warning keeps its points."""
import pytest
import nbclient
import nbformat
from nbgrader.utils import determine_grade

from grader import course, submissions
from tests.conftest import grade_class

pytestmark = pytest.mark.slow   # tiers: make test-fast skips these (runs without a sandbox too)

A01, NOTEBOOK = "01_python_classes", "01_python_classes.ipynb"
# The solution, but multiplying a tensor through torch.tensor(x), which is correct and warns
# "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone()...".
WARNS = submissions.solution_answers(A01, NOTEBOOK)["ex1_2_block_and_scale"].replace(
    "return x * self.factor",
    "return torch.tensor(x) * self.factor if isinstance(x, torch.Tensor) else x * self.factor")
assert "torch.tensor(x)" in WARNS
TEST = "ex1_2_block_and_scale_test"


def test_the_answer_really_writes_a_warning_to_stderr_in_the_test_cell():
    """Run the solution notebook, hidden tests included, with this answer: plain nbgrader scores it 0."""
    nb = nbformat.read(course.SOLUTIONS / A01 / NOTEBOOK, as_version=4)
    submissions.answer_cells(nb)["ex1_2_block_and_scale"].source = WARNS
    nbclient.NotebookClient(nb, kernel_name="python3", allow_errors=True).execute()
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == TEST)
    assert any(o.output_type == "stream" and o.name == "stderr" and "UserWarning" in o.text
               for o in cell.outputs)
    assert determine_grade(cell)[0] == 0, "plain nbgrader would give this test cell 0 points"


def test_our_autograder_gives_full_points(tmp_path):
    graded = grade_class(tmp_path, {"warns": {A01: {"ex1_2_block_and_scale": WARNS}}})
    assert graded.row("warns", A01).cells[TEST] == (3.0, 3.0)
