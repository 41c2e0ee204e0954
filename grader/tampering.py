"""Find answers that change the tools the tests rely on instead of solving the exercise.

A test cell can only trust torch, Python's builtins, the modules the notebook imports and the
helpers the notebook's own cells define. A cell the student wrote (an answer, or a cell they
added) is flagged, and every test that runs after it gets 0 points, when it
- assigns to an attribute of one of those modules (`torch.testing.assert_close = ...`,
  `builtins.isinstance = ...`, `setattr(nn.Module, ...)`), or reaches for `builtins`,
  `__builtins__` or `sys.modules`;
- rebinds, at the top level, a module's name (`torch = Fake()`), a builtin the tests call
  (`def isinstance(*a): return True`) or a helper the tests call (`digits_split = ...`).
  Rebinding to a plain value (`sum = 0`, `max = max(xs)`) is a mistake, not a trick: the tests
  then fail on their own.
A static check: it catches the plain ways, not code hidden in strings or `getattr` chains.
"""
import ast
import builtins
import functools

SETTINGS = ("torch.backends.",)   # switches a student may set (`torch.backends.cudnn.deterministic`)


def scan(nb, source=None, guarded=None):
    """answer grade_id -> what tampered with its tests, for every exercise whose tests run after
    a cell the student wrote (an answer, or a cell they added) that tampers: from there on no
    test result can be trusted. `source`, the instructor's notebook (whose test cells include
    the hidden tests), says which names the tests call, or `guarded`, guarded_names(source)
    computed once; by default `nb` does."""
    modules = _imported_modules(nb)
    guarded = guarded if guarded is not None else guarded_names(source or nb)
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
            why = _tampering(cell.source, modules) or _rebinding(cell.source, guarded)
            if why and meta.get("grade_id"):
                why += f" in {meta['grade_id']}"
    return found


def guarded_names(nb):
    """name -> what the tests expect it to be: the modules the notebook's own cells import, and
    the builtins and the notebook's own helpers that the test cells call."""
    guarded, called, helpers = {}, set(), set()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("solution"):
            continue
        for node in _walk(cell.source):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                guarded |= {name: f"the notebook's {target}" for name, target in _imported(node)}
            elif meta.get("grade") and isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                called.add(node.func.id)
            elif meta.get("locked") and not meta.get("grade") and isinstance(
                    node, (ast.FunctionDef, ast.ClassDef)):    # lint: tests rely on no other cell
                helpers.add(node.name)
    guarded |= {name: "a builtin the tests use" for name in called if hasattr(builtins, name)}
    guarded |= {name: "a helper the tests use" for name in called & helpers}
    return guarded


def _imported(node):
    """(name, module) pairs an import statement binds: `import torch.nn as nn` binds nn to
    torch.nn, and so does `from torch import nn`."""
    for alias in node.names:
        if isinstance(node, ast.ImportFrom):
            yield alias.asname or alias.name, f"{node.module}.{alias.name}"
        elif alias.asname:
            yield alias.asname, alias.name
        else:
            yield alias.name.split(".")[0], alias.name.split(".")[0]


def _rebinding(source, guarded):
    """How a cell's top level rebinds a guarded name to something that could pass for it."""
    module, _ = _parsed(source)
    if module is None:
        return ""
    for node in _top_level(module.body):
        names = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, ast.Global):
            names = node.names
        elif isinstance(node, (ast.Import, ast.ImportFrom)):     # importing the same module is fine
            names = [name for name, target in _imported(node)
                     if guarded.get(name) != f"the notebook's {target}"]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            names = [name for name in _stored(*(node.targets if isinstance(node, ast.Assign) else [node.target]))
                     if _could_stand_in(node.value, name, guarded.get(name, ""))]
        elif isinstance(node, ast.For):
            names = _stored(node.target)
        elif isinstance(node, ast.With):
            names = _stored(*[item.optional_vars for item in node.items if item.optional_vars])
        for name in names:
            if name in guarded:
                return f"rebinds {name} ({guarded[name]})"
    return ""


def _stored(*targets):
    return [n.id for target in targets for n in ast.walk(target)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]


def _top_level(body):
    """The statements of a cell, into if/for/with/try blocks but not into the bodies of
    functions or classes (only their names, and their `global` statements)."""
    for node in body:
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from (n for n in ast.walk(node) if isinstance(n, ast.Global))
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _top_level(getattr(node, field, []))


def _could_stand_in(value, name, what):
    """Could `name = value` stand in for a function or module? Not a plain value (`sum = 0`,
    `m = max(xs)`, `time = time.time()`), but any object built elsewhere for a module's name
    (`torch = FakeTorch()`)."""
    if value is None or isinstance(value, (ast.Lambda, ast.Name, ast.Attribute, ast.Subscript)):
        return True
    return (isinstance(value, ast.Call) and what.startswith("the notebook's")
            and _root(value.func) != name)


def _imported_modules(nb):
    """Names the notebook binds to modules (`torch`, `nn`, `F`, `plt`, ...)."""
    names = {"builtins", "__builtins__"}
    for cell in nb.cells:
        for node in _walk(cell.source if cell.cell_type == "code" else ""):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def _walk(source):
    return _parsed(source)[1]


@functools.lru_cache(maxsize=4096)
def _parsed(source):
    """(module, all its nodes) of a cell's source, or (None, ()): parsed once per grading
    process, since most cells of a class's notebooks are the same text (read only, never changed)."""
    try:
        module = ast.parse(source)
    except SyntaxError:       # IPython magics or a broken cell: nothing to scan
        return None, ()
    return module, tuple(ast.walk(module))


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
            if (isinstance(target, ast.Attribute) and _root(target) in modules
                    and not ast.unparse(target).startswith(SETTINGS)):
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
