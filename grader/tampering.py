"""Find answers that change the tools the tests rely on instead of solving the exercise.

A test cell can only trust torch, Python's builtins and the modules the notebook imports. An
answer cell that assigns to an attribute of one of them (`torch.testing.assert_close = ...`,
`builtins.isinstance = ...`, `setattr(nn.Module, ...)`), or reaches for `builtins`,
`__builtins__` or `sys.modules`, is flagged, and its exercise's tests get 0 points.
"""
import ast



def scan(nb):
    """answer grade_id -> what it tampers with, for each answer cell that does."""
    modules = _imported_modules(nb)
    found = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution"):
            why = _tampering(cell.source, modules)
            if why:
                found[meta["grade_id"]] = why
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
