"""grader.intake: copying submissions into submitted/ (collect, _copy) and repairing their
nbgrader cells against the release (_repair). Files in tmp_path, notebooks built in memory
from the real release; no kernel, no nbgrader app."""
import copy

import nbformat
import pytest
from nbformat.notebooknode import NotebookNode

from grader import course, intake, submissions

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
TEST = "ex1_1_running_mean_test"      # a locked test cell, 3 points
CHECK = "ex1_1_check"                 # a locked cell that is not graded
ANSWER = "ex1_1_running_mean"         # the answer cell those two follow


def release():
    return nbformat.read(course.RELEASE / A01 / NOTEBOOK, as_version=4)


def perfect():
    return submissions.perfect(A01, NOTEBOOK)


def ids(nb):
    """The grade_ids of the notebook's nbgrader cells, in order."""
    return [c.metadata.nbgrader["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]


def index(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def cell(nb, grade_id):
    return nb.cells[index(nb, grade_id)]


def repair(nb):
    return intake._repair(nb, release())


# --- _repair: the submission's nbgrader cells become the release's ----------------------------

def test_an_untouched_perfect_submission_needs_no_repair():
    nb = perfect()
    before = copy.deepcopy(nb)
    assert repair(nb) == []
    assert nb == before


def test_a_copied_answer_cell_becomes_an_ordinary_cell():
    nb = perfect()
    at = index(nb, ANSWER)
    nb.cells.insert(at + 1, copy.deepcopy(nb.cells[at]))
    assert repair(nb) == [f"{ANSWER}: cell copied (graded as an ordinary cell)"]
    assert ids(nb) == ids(release())              # each grade_id once: nbgrader can grade it
    assert "nbgrader" not in nb.cells[at + 1].metadata
    assert nb.cells[at + 1].source == nb.cells[at].source   # the copy still runs


def test_a_copied_test_cell_is_graded_once():
    nb = perfect()
    at = index(nb, TEST)
    nb.cells.append(copy.deepcopy(nb.cells[at]))
    assert repair(nb) == [f"{TEST}: cell copied (graded as an ordinary cell)"]
    assert ids(nb).count(TEST) == 1 and index(nb, TEST) == at


def test_an_unknown_grade_id_is_an_ordinary_cell_and_the_answer_goes_back():
    nb = perfect()
    answer = cell(nb, ANSWER)
    answer.metadata.nbgrader["grade_id"] = "my_own_cell"
    assert repair(nb) == ["my_own_cell: not a cell of the release (graded as an ordinary cell)",
                          f"{ANSWER}: answer cell deleted (put back empty)"]
    assert "nbgrader" not in answer.metadata and answer in nb.cells   # still runs, ungraded
    assert ids(nb) == ids(release())
    assert cell(nb, ANSWER).source == cell(release(), ANSWER).source  # the release's stub
    assert index(nb, ANSWER) == index(nb, "setup") + 1   # right after the cell before it


def test_a_graded_cell_of_another_type_is_not_the_release_s():
    nb = perfect()
    at = index(nb, ANSWER)
    old = nb.cells[at]
    nb.cells[at] = nbformat.v4.new_markdown_cell(old.source, metadata=copy.deepcopy(old.metadata))
    remarks = repair(nb)
    assert remarks[0] == f"{ANSWER}: not a cell of the release (graded as an ordinary cell)"
    assert cell(nb, ANSWER).cell_type == "code"


@pytest.mark.parametrize("grade_id, key, value", [
    (TEST, "points", 100), (TEST, "grade", False), (TEST, "locked", False),
    (ANSWER, "locked", True), (ANSWER, "grade", True), (CHECK, "checksum", "0" * 32)])
def test_edited_nbgrader_metadata_is_put_back(grade_id, key, value):
    nb = perfect()
    cell(nb, grade_id).metadata.nbgrader[key] = value
    assert repair(nb) == [f"{grade_id}: nbgrader metadata edited (put back)"]
    assert cell(nb, grade_id).metadata.nbgrader == cell(release(), grade_id).metadata.nbgrader


@pytest.mark.parametrize("grade_id", [TEST, CHECK, "ex1_3_tiny_module_test_2"])
def test_a_deleted_read_only_cell_is_put_back_in_its_place(grade_id):
    nb = perfect()
    before = nb.cells[index(nb, grade_id) - 1].source
    del nb.cells[index(nb, grade_id)]
    assert repair(nb) == [f"{grade_id}: read-only cell deleted (put back for grading)"]
    assert ids(nb) == ids(release())
    assert nb.cells[index(nb, grade_id) - 1].source == before     # after the cell before it
    assert cell(nb, grade_id) == cell(release(), grade_id)


def test_a_deleted_first_read_only_cell_goes_back_first():
    nb = perfect()
    del nb.cells[index(nb, "setup")]
    assert repair(nb) == ["setup: read-only cell deleted (put back for grading)"]
    assert ids(nb) == ids(release()) and index(nb, "setup") == 0


def test_a_deleted_answer_cell_is_put_back_empty():
    nb = perfect()
    del nb.cells[index(nb, "ex1_2_block_and_scale")]
    assert repair(nb) == ["ex1_2_block_and_scale: answer cell deleted (put back empty)"]
    assert ids(nb) == ids(release())
    back = cell(nb, "ex1_2_block_and_scale")
    assert "raise NotImplementedError()" in back.source and back == cell(release(), "ex1_2_block_and_scale")


def test_a_read_only_cell_that_lost_its_metadata_is_found_by_its_text():
    nb = perfect()
    at = index(nb, CHECK)
    del nb.cells[at].metadata["nbgrader"]
    count = len(nb.cells)
    assert repair(nb) == [f"{CHECK}: read-only cell lost its metadata (put back)"]
    assert len(nb.cells) == count and index(nb, CHECK) == at
    assert nb.cells[at].metadata == cell(release(), CHECK).metadata


@pytest.mark.parametrize("grade_id", [TEST, CHECK, "setup"])
def test_an_edited_read_only_cell_is_graded_with_the_original(grade_id):
    nb = perfect()
    cell(nb, grade_id).source = "pass  # tests? what tests"
    assert repair(nb) == [f"{grade_id}: read-only cell edited (graded with the original)"]
    assert cell(nb, grade_id).source == cell(release(), grade_id).source


@pytest.mark.parametrize("tags", [["skip-execution"], [], ["skip-execution", "raises-exception"]])
def test_tags_on_a_test_cell_are_the_release_s(tags):
    """`skip-execution` would let nbclient skip the test; the release's own `raises-exception`
    (Run All goes on past it, grader/run_all.py) is put back where it was removed."""
    nb = perfect()
    cell(nb, TEST).metadata["tags"] = tags
    assert repair(nb) == [f"{TEST}: read-only cell's tags edited (put back)"]
    assert cell(nb, TEST).metadata["tags"] == cell(release(), TEST).metadata["tags"] == ["raises-exception"]
    assert cell(nb, TEST).metadata == cell(release(), TEST).metadata


def test_an_edited_read_only_cell_loses_its_tags_too():
    nb = perfect()
    cell(nb, TEST).source = "pass"
    cell(nb, TEST).metadata["tags"] = ["skip-execution"]
    assert repair(nb) == [f"{TEST}: read-only cell edited (graded with the original)"]
    assert cell(nb, TEST).metadata["tags"] == cell(release(), TEST).metadata["tags"] == ["raises-exception"]


def test_jupyterlab_s_own_metadata_on_a_read_only_cell_is_no_remark():
    nb = perfect()
    meta = cell(nb, TEST).metadata
    meta.update(collapsed=True, scrolled=True, jupyter={"source_hidden": True}, execution={"iopub.status.busy": "x"})
    assert repair(nb) == []
    assert cell(nb, TEST).metadata == cell(release(), TEST).metadata


def test_an_answer_is_the_student_s_and_tags_on_it_stay():
    nb = submissions.build(A01, NOTEBOOK, {ANSWER: "class RunningMean:\n    pass"})
    cell(nb, ANSWER).metadata["tags"] = ["mine"]
    assert repair(nb) == []
    assert cell(nb, ANSWER).source == "class RunningMean:\n    pass"
    assert cell(nb, ANSWER).metadata["tags"] == ["mine"]


def test_cells_of_no_known_type_are_removed():
    nb = perfect()
    count = len(nb.cells)
    nb.cells.insert(3, NotebookNode(cell_type="widget", source="", metadata={}))
    nb.cells.append(NotebookNode(cell_type="heading", level=1, source="x", metadata={}))
    assert repair(nb) == ["2 cell(s) of no known type removed"]
    assert len(nb.cells) == count


def test_several_repairs_are_all_said_in_release_order():
    nb = perfect()
    cell(nb, TEST).metadata["tags"] = ["skip-execution"]
    del nb.cells[index(nb, "ex1_3_tiny_module_test")]
    cell(nb, "setup").source = "import torch"
    assert repair(nb) == ["setup: read-only cell edited (graded with the original)",
                          f"{TEST}: read-only cell's tags edited (put back)",
                          "ex1_3_tiny_module_test: read-only cell deleted (put back for grading)"]
    assert ids(nb) == ids(release())


# --- collect and _copy: files on disk ---------------------------------------------------------

def folder(tmp_path, student="zoe"):
    path = tmp_path / "in" / student / A01
    path.mkdir(parents=True, exist_ok=True)
    return path


def submit(tmp_path, content, student="zoe"):
    """Write a notebook (or raw bytes) as STUDENT/ASSIGNMENT/NOTEBOOK."""
    path = folder(tmp_path, student) / NOTEBOOK
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        nbformat.write(content, path)
    return path


def collect(tmp_path, assignments=(A01,)):
    return intake.collect(tmp_path / "in", list(assignments), tmp_path / "submitted")


def only(tmp_path):
    found = collect(tmp_path)
    assert [(s.student, s.assignment) for s in found] == [("zoe", A01)]
    return found[0]


def copied(tmp_path, student="zoe"):
    return tmp_path / "submitted" / student / A01


def test_a_good_submission_is_copied_with_its_timestamp(tmp_path):
    submit(tmp_path, perfect())
    (folder(tmp_path) / "timestamp.txt").write_text("2024-05-01 10:00:00.000000 UTC")
    (folder(tmp_path) / "notes.txt").write_text("not graded")
    sub = only(tmp_path)
    assert (sub.problem, sub.remarks) == ("", [])
    assert sorted(p.name for p in copied(tmp_path).iterdir()) == [NOTEBOOK, "timestamp.txt"]
    assert (copied(tmp_path) / "timestamp.txt").read_text() == "2024-05-01 10:00:00.000000 UTC"
    assert nbformat.read(copied(tmp_path) / NOTEBOOK, as_version=4).cells == perfect().cells


def test_the_copy_is_the_repaired_notebook_and_remarks_are_kept(tmp_path):
    nb = perfect()
    cell(nb, TEST).metadata["tags"] = ["skip-execution"]
    del nb.cells[index(nb, CHECK)]
    submit(tmp_path, nb)
    sub = only(tmp_path)
    assert sub.problem == ""
    assert sub.remarks == [f"{CHECK}: read-only cell deleted (put back for grading)",
                           f"{TEST}: read-only cell's tags edited (put back)"]
    written = nbformat.read(copied(tmp_path) / NOTEBOOK, as_version=4)
    assert ids(written) == ids(release()) and cell(written, TEST).metadata["tags"] == ["raises-exception"]


def test_a_duplicated_grade_id_is_repaired_in_the_copy(tmp_path):
    nb = perfect()
    nb.cells.append(copy.deepcopy(cell(nb, TEST)))
    nb.cells[-1].id = "my-copy"
    submit(tmp_path, nb)
    sub = only(tmp_path)
    assert (sub.problem, sub.remarks) == ("", [f"{TEST}: cell copied (graded as an ordinary cell)"])
    assert ids(nbformat.read(copied(tmp_path) / NOTEBOOK, as_version=4)).count(TEST) == 1


def test_a_regrade_starts_from_an_empty_folder(tmp_path):
    submit(tmp_path, perfect())
    copied(tmp_path).mkdir(parents=True)
    (copied(tmp_path) / "timestamp.txt").write_text("from last time")
    only(tmp_path)
    assert sorted(p.name for p in copied(tmp_path).iterdir()) == [NOTEBOOK]


def test_an_old_nbformat_is_upgraded(tmp_path):
    submit(tmp_path, nbformat.writes(nbformat.convert(perfect(), 3), version=3).encode())
    sub = only(tmp_path)
    assert sub.problem == ""
    written = nbformat.read(copied(tmp_path) / NOTEBOOK, as_version=4)
    assert written.nbformat == 4 and ids(written) == ids(release())


@pytest.mark.parametrize("others, listed", [([], "none"), (["mine.ipynb", "Copy1.ipynb"], "Copy1.ipynb, mine.ipynb")])
def test_a_missing_notebook_is_a_problem(tmp_path, others, listed):
    for name in others:
        nbformat.write(perfect(), folder(tmp_path) / name)
    folder(tmp_path)
    assert only(tmp_path).problem == f"no notebook named {NOTEBOOK} (found: {listed})"


def test_an_empty_file_is_a_problem(tmp_path):
    submit(tmp_path, b"")
    assert only(tmp_path).problem == f"{NOTEBOOK} is an empty file"


def test_an_oversized_file_is_a_problem_and_is_not_read(tmp_path):
    path = submit(tmp_path, b"")
    with open(path, "wb") as f:
        f.truncate(intake.MAX_BYTES + 1)   # sparse: nothing written, nothing to parse
    assert only(tmp_path).problem == f"{NOTEBOOK} is larger than 50 MB"


def test_a_file_of_exactly_the_limit_is_read(tmp_path):
    path = submit(tmp_path, b"")
    with open(path, "wb") as f:
        f.truncate(intake.MAX_BYTES)
    assert only(tmp_path).problem.startswith(f"{NOTEBOOK} is not a readable notebook (")


@pytest.mark.parametrize("content, reason", [
    (b"{ not json", "NotJSONError: Notebook does not appear to be JSON: '{ not json'"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}',
     "ValidationError: The notebook is invalid and is missing an expected key: cells"),
    (b"\xff\xfe\x00garbage", "UnicodeDecodeError: "),
    (b"[1, 2, 3]", "AttributeError: "),
    (b'{"nbformat": 99, "nbformat_minor": 0, "cells": [], "metadata": {}}', "NBFormatError: "),
])
def test_an_unreadable_file_is_a_problem(tmp_path, content, reason):
    submit(tmp_path, content)
    problem = only(tmp_path).problem
    assert problem.startswith(f"{NOTEBOOK} is not a readable notebook ({reason}") and problem.endswith(")")
    assert "\n" not in problem
    assert not (copied(tmp_path) / NOTEBOOK).exists()


def test_an_invalid_notebook_is_a_problem(tmp_path):
    nb = perfect()
    nb.cells[3].metadata["tags"] = "skip-execution"    # an ordinary cell: _repair leaves it
    submit(tmp_path, nb)
    assert only(tmp_path).problem == f"{NOTEBOOK} is not a valid notebook ('skip-execution' is not of type 'array')"
    assert not (copied(tmp_path) / NOTEBOOK).exists()


def test_a_symlinked_notebook_is_a_problem(tmp_path):
    target = tmp_path / "elsewhere.ipynb"
    nbformat.write(perfect(), target)
    (folder(tmp_path) / NOTEBOOK).symlink_to(target)
    assert only(tmp_path).problem == f"{NOTEBOOK} is a symbolic link, not a notebook"
    assert not (copied(tmp_path) / NOTEBOOK).exists()


def test_a_dangling_symlinked_notebook_is_named_a_symbolic_link(tmp_path):
    (folder(tmp_path) / NOTEBOOK).symlink_to(tmp_path / "gone.ipynb")
    assert only(tmp_path).problem == f"{NOTEBOOK} is a symbolic link, not a notebook"


@pytest.mark.parametrize("link", ["assignment", "student"])
def test_a_symlinked_folder_is_a_problem(tmp_path, link):
    real = tmp_path / "real"
    (real / A01).mkdir(parents=True)
    nbformat.write(perfect(), real / A01 / NOTEBOOK)
    (tmp_path / "in").mkdir()
    if link == "student":
        (tmp_path / "in" / "zoe").symlink_to(real)
    else:
        (tmp_path / "in" / "zoe").mkdir()
        (tmp_path / "in" / "zoe" / A01).symlink_to(real / A01)
    assert only(tmp_path).problem == "the submission folder is a symbolic link"
    assert not copied(tmp_path).exists()


def test_a_symlinked_timestamp_is_not_followed(tmp_path):
    submit(tmp_path, perfect())
    secret = tmp_path / "secret.txt"
    secret.write_text("what the grader may read")
    (folder(tmp_path) / "timestamp.txt").symlink_to(secret)
    sub = only(tmp_path)
    stamp = copied(tmp_path) / "timestamp.txt"
    assert sub.problem or not stamp.exists() or stamp.read_text() != "what the grader may read"


def test_one_bad_submission_does_not_stop_the_class(tmp_path):
    submit(tmp_path, b"{ not json", student="amy")
    submit(tmp_path, perfect(), student="bob")
    found = collect(tmp_path)
    assert [(s.student, bool(s.problem)) for s in found] == [("amy", True), ("bob", False)]
    assert (copied(tmp_path, "bob") / NOTEBOOK).is_file()


@pytest.mark.parametrize("value", ["x", None, {"grade_id": ["a"], "locked": True}], ids=["str", "null", "list-id"])
def test_odd_nbgrader_metadata_is_a_problem_not_a_crash(tmp_path, value):
    nb = perfect()
    cell(nb, "setup").metadata["nbgrader"] = value
    submit(tmp_path, nb, student="amy")
    submit(tmp_path, perfect(), student="bob")
    found = collect(tmp_path)
    assert [s.student for s in found] == ["amy", "bob"]
    assert found[0].problem and found[1].problem == ""


def test_only_student_folders_with_the_assignment_are_collected(tmp_path):
    submit(tmp_path, perfect(), student="bob")
    (tmp_path / "in" / "carl" / "02_neural_network_model").mkdir(parents=True)
    (tmp_path / "in" / "README.txt").write_text("not a student")
    (tmp_path / "in" / "dan" / A01).parent.mkdir(parents=True)
    (tmp_path / "in" / "dan" / A01).write_text("a file, not a folder")
    found = collect(tmp_path, [A01, "02_neural_network_model"])
    assert [(s.student, s.assignment, bool(s.problem)) for s in found] == [
        ("bob", A01, False), ("carl", "02_neural_network_model", True)]
    assert found[1].problem == ("no notebook named 02_neural_network_model.ipynb (found: none)")


def test_students_come_in_name_order(tmp_path):
    for student in ("zed", "amy", "Mia"):
        submit(tmp_path, perfect(), student=student)
    assert [s.student for s in collect(tmp_path)] == ["Mia", "amy", "zed"]


def test_first_line_of_an_error():
    assert intake._first_line(ValueError("one\ntwo")) == "one"
    assert intake._first_line(ValueError("")) == "no details"
    assert intake._first_line(ValueError("x" * 500)) == "x" * 160

