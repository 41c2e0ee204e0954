"""The class report page, from fake gradebook rows: no nbgrader run."""
from grader import class_report, course, report
from grader.report import Row

CELLS_A = {"ex1_1_add_test": 1.0, "ex1_3_tiny_module_test_2": 2.0}


def fake_rows():
    return [
        Row("alice", "nb01", "graded", {"ex1_1_add_test": (1.0, 1.0), "ex1_3_tiny_module_test_2": (2.0, 2.0)}),
        Row("bob", "nb01", "graded", {"ex1_1_add_test": (1.0, 1.0), "ex1_3_tiny_module_test_2": (0.0, 2.0)},
            ["ex1_3_tiny_module_test_2: AssertionError: wrong & late"]),
        Row("carol", "nb01", "autograde failed", {gid: (0.0, p) for gid, p in CELLS_A.items()},
            ["nbgrader said <script>alert(1)</script>"]),
        # flagged submissions keep their scores (report.rows grades them) but stay in the loss table
        Row("dave", "nb01", "flagged", {gid: (p, p) for gid, p in CELLS_A.items()}, ["test cell changed"]),
        Row("alice", "nb02", "graded", {"ex2_1_loop_test": (1.0, 1.0)}),
        Row("bob", "nb02", "graded", {"ex2_1_loop_test": (1.0, 1.0)}),
    ]


def test_class_report(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(report, "rows", lambda assignments, config=None: fake_rows())
    monkeypatch.setattr(course, "all_assignments", lambda: ["nb01", "nb02"])
    to = tmp_path / "out" / "report.html"

    assert class_report.main(to=to) == 0

    page = to.read_text()
    assert capsys.readouterr().out.strip() == f"wrote {to}"
    assert page.count("data:image/png;base64,") == 2  # one figure per assignment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "wrong &amp; late" in page
    # full, partial, failed, flagged
    assert "<td>nb01</td><td>1</td><td>1</td><td>1</td><td>1</td>" in page
    assert "<td>nb02</td><td>2</td><td>0</td><td>0</td><td>0</td>" in page
    # the loss table lists bob, carol and dave, not alice
    assert "<td>bob</td><td>nb01</td><td>1/3</td>" in page
    assert "<td>carol</td>" in page and "<td>dave</td>" in page and "<td>alice</td>" not in page
    # the exercise half the class missed is named as weak
    assert "Weakest exercises: ex 1.3 #2 (50%)" in page
