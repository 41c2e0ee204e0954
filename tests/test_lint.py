"""grader.lint: what it finds in a broken solution notebook (check), on small notebooks made
with nbgrader's own cell factories and on the real solutions; and main's report."""
import copy

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader.tests import create_grade_cell, create_locked_cell, create_solution_cell

from grader import course, lint

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
ANSWER = "def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION"
TEST = "assert add(1, 2) == 3\n### BEGIN HIDDEN TESTS\nassert add(2, 2) == 4\n### END HIDDEN TESTS"


def graded_test(source=TEST, grade_id="ex1_1_add_test", points=1):
    cell = create_grade_cell(source, "code", grade_id, points)
    cell.metadata.nbgrader["locked"] = True
    return cell


def skeleton(title="# 01 · Adding numbers"):
    return new_markdown_cell("\n\n".join([title, *lint.HEADINGS]))


def small(*cells):
    """Title and skeleton (cell 1), a locked setup cell (2), then `cells` (from cell 3 on)."""
    return new_notebook(cells=[skeleton(), create_locked_cell("import math", "code", "setup"), *cells])


def good():
    return small(create_solution_cell(ANSWER, "code", "ex1_1_add"), graded_test())


def test_a_well_formed_notebook_has_no_problems():
    assert lint.check(good(), A01) == []


@pytest.mark.parametrize("assignment", course.all_assignments())
def test_the_solutions_have_no_problems(assignment):
    for name in course.notebook_names(assignment):
        assert lint.check(nbformat.read(course.SOLUTIONS / assignment / name, as_version=4), assignment) == []


def test_main_passes_on_the_course(capsys):
    assert lint.main() == 0
    assert capsys.readouterr().out == f"lint: 0 problem(s) in {len(course.all_assignments())} assignment(s)\n"


def test_a_missing_or_wrong_title():
    nb = good()
    nb.cells[0] = skeleton("# 1 · Adding numbers")
    assert lint.check(nb, A01) == ["no title '# 01 · ...'"]
    nb.cells[0] = skeleton("# 01 · Adding numbers")
    assert lint.check(nb, "02_neural_network_model") == ["no title '# 02 · ...'"]


@pytest.mark.parametrize("heading", lint.HEADINGS)
def test_a_missing_skeleton_heading(heading):
    nb = good()
    nb.cells[0].source = nb.cells[0].source.replace(heading, "")
    assert lint.check(nb, A01) == [f"missing skeleton heading {heading!r}"]


def edited(change):
    nb = good()
    change(nb.cells[2], nb.cells[3], nb)
    return lint.check(nb, A01)


@pytest.mark.parametrize("change, problems", [
    (lambda answer, test, nb: test.metadata.nbgrader.update(schema_version=2),
     ["cell 4 (ex1_1_add_test): nbgrader schema_version is not 3"]),
    (lambda answer, test, nb: test.metadata.nbgrader.update(locked=False),
     ["cell 4 (ex1_1_add_test): test cell is not locked"]),
    (lambda answer, test, nb: test.metadata.nbgrader.update(points=0),
     ["cell 4 (ex1_1_add_test): test cell has no points"]),
    (lambda answer, test, nb: test.metadata.nbgrader.pop("points"),
     ["cell 4 (ex1_1_add_test): test cell has no points"]),
    (lambda answer, test, nb: setattr(test, "source", "assert add(1, 2) == 3"),
     ["cell 4 (ex1_1_add_test): test cell has no hidden tests"]),
    (lambda answer, test, nb: setattr(test, "source", TEST.replace("### END HIDDEN TESTS", "")),
     ["cell 4 (ex1_1_add_test): test cell has no hidden tests"]),
    (lambda answer, test, nb: setattr(answer, "source", "def add(a, b):\n    return a + b"),
     ["cell 3 (ex1_1_add): answer cell without ### BEGIN/END SOLUTION"]),
    (lambda answer, test, nb: nb.cells.append(copy.deepcopy(test)),
     ["cell 5 (ex1_1_add_test): grade_id repeats"]),
    (lambda answer, test, nb: nb.cells.remove(test),
     ["cell 3 (ex1_1_add): answer cell has no test cell after it"]),
    (lambda answer, test, nb: nb.cells.insert(3, create_solution_cell(ANSWER, "code", "ex1_2_more")),
     ["cell 3 (ex1_1_add): answer cell has no test cell after it"]),
    (lambda answer, test, nb: nb.cells.insert(2, graded_test(grade_id="ex1_0_early_test")),
     ["cell 3 (ex1_0_early_test): test cell with no answer cell before it"]),
], ids=["schema", "unlocked", "zero-points", "no-points", "no-hidden", "half-hidden", "no-solution-markers",
        "repeated-id", "untested-last-answer", "untested-answer", "test-first"])
def test_each_broken_rule_is_named(change, problems):
    assert edited(change) == problems


@pytest.mark.parametrize("editable", [
    "def helper():\n    return 3", "helper = 3", "import math as helper", "from math import pi as helper",
    "class helper:\n    pass", "for helper in range(3):\n    pass"])
def test_a_test_relying_on_an_editable_cell_is_found(editable):
    nb = small(create_solution_cell(ANSWER, "code", "ex1_1_add"), new_code_cell(editable),
               graded_test(TEST + "\nassert helper"))
    assert lint.check(nb, A01) == [
        "cell 5 (ex1_1_add_test): test uses helper, defined in editable cell 4: lock that cell"]


@pytest.mark.parametrize("cells, test", [
    ([create_locked_cell("helper = 3", "code", "given")], "assert helper"),       # locked: restored at grading
    ([new_code_cell("helper = 3"), create_locked_cell("helper = 4", "code", "given")], "assert helper"),
    ([new_code_cell("helper = 3")], "helper = 5\nassert helper"),                  # the test binds it itself
    ([new_code_cell("helper = (")], "assert helper"),                               # does not parse: skipped
    ([new_markdown_cell("helper = 3")], "assert helper"),
], ids=["locked", "rebound-locked", "bound-in-test", "syntax-error", "markdown"])
def test_names_from_locked_cells_or_the_test_itself_are_fine(cells, test):
    nb = small(create_solution_cell(ANSWER, "code", "ex1_1_add"), *cells, graded_test(TEST + "\n" + test))
    assert lint.check(nb, A01) == []


def test_names_from_an_answer_are_fine():
    """An answer is graded as such: its names are what the test is there to check."""
    nb = small(create_solution_cell(ANSWER + "\nhelper = 3", "code", "ex1_1_add"), graded_test(TEST + "\nassert helper"))
    assert lint.check(nb, A01) == []


def test_a_broken_real_solution_gets_every_finding():
    nb = nbformat.read(course.SOLUTIONS / A01 / NOTEBOOK, as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests[0].metadata.nbgrader["points"] = 0
    tests[1].metadata.nbgrader["locked"] = False
    tests[2].source = tests[2].source.replace("### BEGIN HIDDEN TESTS", "")
    tests[3].metadata.nbgrader["grade_id"] = tests[2].metadata.nbgrader["grade_id"]
    tests[0].source += "\nassert _expected_by_the_test() == 1"
    at = nb.cells.index(tests[0])
    nb.cells.insert(at, new_code_cell("def _expected_by_the_test():\n    return 1"))
    for c in nb.cells:
        c.source = c.source.replace("## Going further", "## Further")
    assert lint.check(nb, A01) == [
        "missing skeleton heading '## Going further'",
        f"cell {at + 2} (ex1_1_running_mean_test): test cell has no points",
        f"cell {nb.cells.index(tests[1]) + 1} (ex1_2_block_and_scale_test): test cell is not locked",
        f"cell {nb.cells.index(tests[2]) + 1} (ex1_3_tiny_module_test): test cell has no hidden tests",
        f"cell {nb.cells.index(tests[3]) + 1} (ex1_3_tiny_module_test): grade_id repeats",
        f"cell {at + 2} (ex1_1_running_mean_test): test uses _expected_by_the_test, defined in editable "
        f"cell {at + 1}: lock that cell",
    ]


def test_a_test_cell_without_grade_id_is_reported_not_a_crash():
    test = graded_test(TEST + "\nassert helper")
    del test.metadata.nbgrader["grade_id"]
    nb = small(create_solution_cell(ANSWER, "code", "ex1_1_add"), new_code_cell("helper = 3"), test)
    assert any("test uses helper" in p for p in lint.check(nb, A01))


def solutions_tree(tmp_path, monkeypatch, content):
    """A course whose only solution notebook is `content` (a notebook or bytes)."""
    path = tmp_path / "solutions" / A01 / NOTEBOOK
    path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        nbformat.write(content, path)
    monkeypatch.setattr(course, "ROOT", tmp_path)
    monkeypatch.setattr(course, "SOLUTIONS", tmp_path / "solutions")


def test_main_lists_each_problem_with_its_notebook(tmp_path, monkeypatch, capsys):
    nb = good()
    nb.cells[3].metadata.nbgrader["points"] = 0
    nb.cells[3].metadata.nbgrader["locked"] = False
    solutions_tree(tmp_path, monkeypatch, nb)
    assert lint.main() == 1
    assert capsys.readouterr().out.splitlines() == [
        f"solutions/{A01}/{NOTEBOOK}: cell 4 (ex1_1_add_test): test cell is not locked",
        f"solutions/{A01}/{NOTEBOOK}: cell 4 (ex1_1_add_test): test cell has no points",
        "lint: 2 problem(s) in 1 assignment(s)",
    ]


def test_main_refuses_an_unreadable_solution_in_one_line(tmp_path, monkeypatch):
    solutions_tree(tmp_path, monkeypatch, b"{ not json")
    with pytest.raises(course.UserError) as raised:
        lint.main()
    assert str(raised.value) == f"solutions/{A01}/{NOTEBOOK} is not a readable notebook (NotJSONError)"


@pytest.mark.parametrize("prose, found", [
    ("the loss $L = (y - t)^2$", "$L = (y - t)^2$"), ("$$x$$", "$$"), (r"the rule \(w - lr g\)", r"\("),
    ("costs $5 or $6, in `$HOME`, in ```\n$x$\n```", None)])
def test_tex_math_in_prose_is_found_outside_code(prose, found):
    nb = good()
    nb.cells.append(nbformat.v4.new_markdown_cell(prose))
    tex = [p for p in lint.check(nb, A01) if p.startswith("TeX math")]
    assert bool(tex) == (found is not None) and (found is None or repr(found) in tex[0])
