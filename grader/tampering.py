"""Find answers that change the tools the tests rely on instead of solving the exercise.

A test cell can only trust torch, Python's builtins and the modules the notebook imports. A
cell the student wrote (an answer, or a cell they added) that assigns to an attribute of one of
them (`torch.testing.assert_close = ...`, `builtins.isinstance = ...`, `setattr(nn.Module, ...)`),
or reaches for `builtins`, `__builtins__` or `sys.modules`, is flagged, and every test that runs
after it gets 0 points. A static check: it catches the plain ways, not code hidden in strings
or `getattr` chains.
"""
import ast


def scan(nb):
    """answer grade_id -> what tampered with its tests, for every exercise whose tests run after
    a cell the student wrote (an answer, or a cell they added) that tampers: from there on no
    test result can be trusted."""
    modules = _imported_modules(nb)
    found, why, owner = {}, "", None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("solution"):
            owner = meta["grade_id"]
        if meta.get("grade") and not meta.get("solution"):
            if why:
                found.setdefault(owner, why)
        elif not meta.get("locked") and not why:            # written by the student
            why = _tampering(cell.source, modules)
            if why and meta.get("grade_id"):
                why += f" in {meta['grade_id']}"
    return found


def _imported_modules(nb):
    """Names the notebook binds to modules (`torch`, `nn`, `F`, `plt`, ...)."""
    names = {"builtins", "__builtins__"}
    for cell in nb.cells:
        for node in _walk(cell.source if cell.cell_type == "code" else ""):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def _walk(source):
    try:
        return ast.walk(ast.parse(source))
    except SyntaxError:       # IPython magics or a broken cell: nothing to scan
        return []


def _root(node):
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _tampering(source, modules):
    for node in _walk(source):
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and _root(target) in modules:
                return f"assigns {ast.unparse(target)}"
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("setattr", "delattr") and node.args
                and _root(node.args[0]) in modules):
            return f"calls {ast.unparse(node)[:80]}"
        if isinstance(node, ast.Import) and any(a.name == "builtins" for a in node.names):
            return "imports builtins"
        if isinstance(node, ast.Name) and node.id == "__builtins__":
            return "uses __builtins__"
        if isinstance(node, ast.Attribute) and node.attr == "modules" and _root(node) == "sys":
            return "uses sys.modules"
    return ""
