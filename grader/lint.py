"""Check the structure of the solution notebooks: what nbgrader needs and what the course's
skeleton promises (AUTHORING.md)."""
import ast
import re

import nbformat

from . import course

# Feedback pages and formgrader load no MathJax (they must work offline): no TeX in the prose.
TEX = re.compile(r"\$\$|\$[^\s$]([^$\n]*[^\s$])?\$|\\\(|\\\[")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)

HEADINGS = ["**You will learn**", "**Prerequisites**", "**Predict**", "### Exercise",
            "## Myth busters", "## Common pitfalls", "## Key takeaways", "## Going further"]


def main():
    problems = []
    for assignment in course.all_assignments():
        for name in course.notebook_names(assignment):
            path = course.SOLUTIONS / assignment / name
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception as error:
                raise course.UserError(f"{path.relative_to(course.ROOT)} is not a readable notebook "
                                       f"({type(error).__name__})") from None
            problems += [f"{path.relative_to(course.ROOT)}: {p}" for p in check(nb, assignment)]
    for problem in problems:
        print(problem)
    print(f"lint: {len(problems)} problem(s) in {len(course.all_assignments())} assignment(s)")
    return 1 if problems else 0


def check(nb, assignment):
    problems = []
    number = assignment.split("_")[0]
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    if not re.search(rf"^# {number} · \S", markdown, re.MULTILINE):
        problems.append(f"no title '# {number} · ...'")
    problems += [f"missing skeleton heading {h!r}" for h in HEADINGS if h not in markdown]
    problems += [f"TeX math {m.group(0)!r}: the pages that show prose load no MathJax; write it as "
                 "code or Unicode" for m in TEX.finditer(CODE.sub("", markdown))]

    seen, open_answer, answered = set(), None, False
    for index, cell in enumerate(nb.cells, 1):
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        grade_id = meta.get("grade_id", f"cell {index}")
        where = f"cell {index} ({grade_id})"
        if meta.get("schema_version") != 3:
            problems.append(f"{where}: nbgrader schema_version is not 3")
        if grade_id in seen:
            problems.append(f"{where}: grade_id repeats")
        seen.add(grade_id)
        if meta.get("solution") and cell.cell_type == "code":
            if open_answer:
                problems.append(f"{open_answer}: answer cell has no test cell after it")
            open_answer, answered = where, True
            if "### BEGIN SOLUTION" not in cell.source or "### END SOLUTION" not in cell.source:
                problems.append(f"{where}: answer cell without ### BEGIN/END SOLUTION")
        elif meta.get("grade"):
            if not meta.get("locked"):
                problems.append(f"{where}: test cell is not locked")
            if not float(meta.get("points") or 0) > 0:
                problems.append(f"{where}: test cell has no points")
            if "### BEGIN HIDDEN TESTS" not in cell.source or "### END HIDDEN TESTS" not in cell.source:
                problems.append(f"{where}: test cell has no hidden tests")
            if not answered:
                problems.append(f"{where}: test cell with no answer cell before it")
            open_answer = None
    if open_answer:
        problems.append(f"{open_answer}: answer cell has no test cell after it")
    return problems + _tests_on_editable_cells(nb)


def _tests_on_editable_cells(nb):
    """A test may rely on answers and on locked cells (nbgrader restores those before grading),
    never on a cell the student can edit: an edit there would change what the test checks."""
    problems, editable = [], {}
    for index, cell in enumerate(nb.cells, 1):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        bound |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        bound |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
        bound |= {a.asname or a.name.split(".")[0] for n in ast.walk(tree)
                  if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        if meta.get("grade") and not meta.get("solution"):
            used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            problems += [f"cell {index} ({meta.get('grade_id', 'no grade_id')}): test uses {name}, defined in editable "
                         f"cell {editable[name]}: lock that cell" for name in sorted((used - bound) & editable.keys())]
        for name in bound:
            if meta.get("locked") or meta.get("solution"):
                editable.pop(name, None)
            else:
                editable[name] = index
    return problems

