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
    assert page.count("data:image/png;base64,") == 2  # one heatmap per assignment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "wrong &amp; late" in page
    # full marks, partial, no points, flagged, not gradable, autograde failed
    assert "<td>nb01</td><td>1</td><td>1</td><td>0</td><td>1</td><td>0</td><td>1</td>" in page
    assert "<td>nb02</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>" in page
    # the loss table lists bob, carol and dave, not alice
    assert "<td>bob</td><td>nb01</td><td>1/3</td>" in page
    assert "<td>carol</td>" in page and "<td>dave</td>" in page and "<td>alice</td>" not in page
    # the exercise half the class missed is named as weak
    assert "Weakest exercises: ex 1.3 #2 (50%)" in page


def generated_class(students=40):
    """A class whose student k gets test j right when (k * (j + 1)) % 7 > j: every ending and a
    spread of exercise means; also a name that is mathtext and one with a control character."""
    tests = {"ex1_1_add_test": 1.0, "ex1_2_loop_test": 2.0, "ex1_3_tiny_module_test": 3.0, "ex1_3_tiny_module_test_2": 3.0}
    rows = []
    for k in range(students):
        cells = {gid: (points if (k * (j + 1)) % 7 > j else 0.0, points) for j, (gid, points) in enumerate(tests.items())}
        status = "flagged" if k % 13 == 5 else "not gradable" if k % 17 == 3 else "graded"
        name = {1: "$\\frac{a}{", 2: "eve\x1b[2J"}.get(k, f"student{k:02d}")
        rows.append(Row(name, "nb01", status, cells))
    return rows


def test_a_class_of_40_reads_at_a_glance_and_counts_as_the_terminal_does(tmp_path, monkeypatch, capsys):
    rows = generated_class()
    monkeypatch.setattr(report, "rows", lambda assignments, config=None: rows)
    monkeypatch.setattr(course, "all_assignments", lambda: ["nb01"])
    report.print_summary(rows)
    summary = dict(reversed(part.split(" ", 1)) for part in
                   capsys.readouterr().out.strip().split(": ", 1)[1].split(", "))
    assert {"full marks", "partial", "no points", "flagged", "not gradable"} <= set(summary)

    assert class_report.main(to=tmp_path / "report.html") == 0
    page = (tmp_path / "report.html").read_text()
    counts = [int(n) for n in page.split("<td>nb01</td>", 1)[1].split("</tr>", 1)[0].replace("</td>", "").split("<td>")[1:]]
    assert dict(zip(class_report.ENDINGS, counts)) == {e: int(summary.get(e, 0)) for e in class_report.ENDINGS}
    assert page.count("data:image/png;base64,") == 1
    means = page.split("class mean, weakest first", 1)[1].split("</table>", 1)[0]
    shown = [int(m) for m in __import__("re").findall(r"<td>(\d+)%</td>", means)]
    assert shown == sorted(shown) and len(shown) == 4
