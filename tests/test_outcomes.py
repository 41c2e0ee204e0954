"""grader.outcomes: one JSON file per student and assignment (record, read, students, path)."""
import json

from grader import outcomes

A01 = "01_python_classes"


def test_what_is_recorded_is_read_back(tmp_path):
    outcomes.record(tmp_path, A01, "zoe", "not gradable", "01_python_classes.ipynb is an empty file")
    assert outcomes.read(tmp_path, A01, "zoe") == {"status": "not gradable",
                                                   "reason": "01_python_classes.ipynb is an empty file"}


def test_the_reason_defaults_to_empty(tmp_path):
    outcomes.record(tmp_path, A01, "zoe", "graded")
    assert outcomes.read(tmp_path, A01, "zoe") == {"status": "graded", "reason": ""}


def test_one_file_per_assignment_and_student(tmp_path):
    outcomes.record(tmp_path, A01, "zoe", "graded")
    target = tmp_path / "outcomes" / A01 / "zoe.json"
    assert outcomes.path(tmp_path, A01, "zoe") == target
    assert json.loads(target.read_text()) == {"status": "graded", "reason": ""}
    assert [p.name for p in target.parent.iterdir()] == ["zoe.json"]   # no .tmp left behind


def test_a_later_outcome_replaces_the_earlier_one(tmp_path):
    outcomes.record(tmp_path, A01, "zoe", "autograde failed", "KernelDied")
    outcomes.record(tmp_path, A01, "zoe", "flagged", "ex1_1_check: read-only cell edited (graded with the original)")
    assert outcomes.read(tmp_path, A01, "zoe") == {
        "status": "flagged", "reason": "ex1_1_check: read-only cell edited (graded with the original)"}


def test_reasons_keep_any_text(tmp_path):
    reason = 'ex1_1: ValueError: "é" <script>\nsecond line; ☃'
    outcomes.record(tmp_path, A01, "zoe", "flagged", reason)
    assert outcomes.read(tmp_path, A01, "zoe")["reason"] == reason


def test_nothing_recorded_reads_as_none(tmp_path):
    assert outcomes.read(tmp_path, A01, "zoe") is None
    outcomes.record(tmp_path, A01, "amy", "graded")
    assert outcomes.read(tmp_path, A01, "zoe") is None
    assert outcomes.read(tmp_path, "02_neural_network_model", "amy") is None


def test_a_damaged_file_reads_as_none(tmp_path):
    outcomes.record(tmp_path, A01, "zoe", "graded")
    outcomes.path(tmp_path, A01, "zoe").write_text('{"status": "gra')
    assert outcomes.read(tmp_path, A01, "zoe") is None
    outcomes.path(tmp_path, A01, "zoe").write_bytes(b"\xff\xfe")
    assert outcomes.read(tmp_path, A01, "zoe") is None


def test_students_are_those_with_an_outcome_sorted(tmp_path):
    assert outcomes.students(tmp_path, A01) == []
    for student in ("zoe", "amy", "jane.doe"):
        outcomes.record(tmp_path, A01, student, "graded")
    outcomes.record(tmp_path, "02_neural_network_model", "bob", "graded")
    (tmp_path / "outcomes" / A01 / "half.tmp").write_text("{")     # a write cut short
    assert outcomes.students(tmp_path, A01) == ["amy", "jane.doe", "zoe"]
    assert outcomes.students(tmp_path, "02_neural_network_model") == ["bob"]
    assert outcomes.students(tmp_path, "03_module_registration") == []
