"""The trusted verdict: a test cell's points need the student's code to give the reference's
answers on inputs drawn at grading time, compared here, outside the student's process.

A test cell runs in the student's kernel, and that kernel is the student's: an answer can
rewrite the test before it runs, swallow its errors, patch torch or fake the kernel's reply.
So the test cell only explains (its one-sentence diagnosis is what the student reads); the
points also need its probe to agree. A probe (`probes/ASSIGNMENT.py`, one function per test
cell, named by its grade_id) runs in the kernel right after its test cell, calls the student's
code on inputs made from a seed drawn fresh for each grading run, and returns plain data
(numbers, strings, lists, dicts). The same probe runs on the solution notebook with the same
seed; the grader compares the two here. Faking a probe's answer means computing the right
answers for inputs no one could predict: solving the exercise.

Most probes are compared with the solution's answer (`difference`). Where a test cell checks a
property rather than values (the given forward is consistent with the student's own layers; the
accuracy reaches a target), a probe judged by equality would fail honest answers the test
accepts. There the probes file defines `_judge_<grade_id>(expected, got)`: it runs here, in the
grader, on the plain data alone, and returns '' or where the answer goes wrong.
"""
import functools
import json
import math
import secrets

from . import course

MARKER = "@@nn-course-observation@@ "   # starts the one line of a probe's output that we read
TOLERANCE = dict(rel=1e-4, abs=1e-6)   # a float agrees within this (sum/count vs running update)


def source(assignment):
    """The probes of an assignment, as text (no probes file: none)."""
    path = course.ROOT / "probes" / f"{assignment}.py"
    return path.read_text() if path.is_file() else ""


def probe_names(assignment):
    """grade_ids of the test cells that have a probe."""
    return set(_probe_names(source(assignment)))


@functools.lru_cache(maxsize=None)
def _probe_names(text):
    import ast

    return frozenset(node.name for node in ast.parse(text).body
                     if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"))


@functools.lru_cache(maxsize=None)
def judges(assignment):
    """grade_id -> its judge, for the probes that have one (our own code, run here)."""
    names = {}
    exec(compile(source(assignment), f"probes/{assignment}.py", "exec"), names)
    return {name[len("_judge_"):]: f for name, f in names.items() if name.startswith("_judge_") and callable(f)}


_SEED = []


def process_seed():
    """The probes' seed: drawn once per grading process (or given by the batch to every worker
    with `use_seed`), so the solution runs once per batch and process."""
    if not _SEED:
        _SEED.append(secrets.randbelow(2**31 - 1) + 1)
    return _SEED[0]


def use_seed(seed):
    _SEED[:] = [seed]


def kernel_code(probes, grade_id, seed):
    """Code for the kernel: run probe `grade_id` on a copy of the notebook's names, print what it
    returns as JSON after MARKER. An exception in the student's code is an answer too."""
    return (
        "def _nn_course_observe():\n"
        "    import json\n"
        "    names = dict(globals())\n"
        f"    exec(compile({probes!r}, '<probes>', 'exec'), names)\n"
        "    try:\n"
        f"        seen = names[{grade_id!r}]({seed})\n"
        "    except BaseException as error:\n"
        "        seen = {'raised': type(error).__name__}\n"
        "    plain = lambda o: o.tolist() if hasattr(o, 'tolist') else f'<{type(o).__name__}>'\n"
        f"    print({MARKER!r} + json.dumps(seen, default=plain))\n"
        "_nn_course_observe()\n"
        "del _nn_course_observe\n"
    )


def read_observation(outputs):
    """The probe's answer from the outputs of its run, or None (it printed none we can read)."""
    text = "".join(o.get("text", "") for o in outputs
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")
    lines = [line for line in text.splitlines() if line.startswith(MARKER)]
    if len(lines) != 1:
        return None
    try:
        return json.loads(lines[0][len(MARKER):])
    except (ValueError, RecursionError):     # a kernel may print JSON nested 100,000 deep
        return None


def difference(expected, got, where="answer", rel=TOLERANCE["rel"], abs=TOLERANCE["abs"]):
    """'' when `got` agrees with `expected`, else the first place where it does not."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return "" if expected is got else where
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        if math.isnan(expected) or math.isnan(got):
            return "" if math.isnan(expected) and math.isnan(got) else where
        return "" if math.isclose(expected, got, rel_tol=rel, abs_tol=abs) else where
    if isinstance(expected, list) and isinstance(got, list):
        if len(expected) != len(got):
            return f"{where} (length)"
        return next((d for i, (e, g) in enumerate(zip(expected, got))
                     if (d := difference(e, g, f"{where}[{i}]", rel, abs))), "")
    if isinstance(expected, dict) and isinstance(got, dict):
        if set(expected) != set(got):
            return f"{where} (keys)"
        return next((d for key in expected
                     if (d := difference(expected[key], got[key], f"{where}[{key!r}]", rel, abs))), "")
    return "" if type(expected) is type(got) and expected == got else where


def verdict(expected, got, judge=difference):
    """'' when the student's probe agrees with the reference, else the one line that says why not."""
    if got is None:
        return "the grader's own check of this exercise got no answer from your code"
    if isinstance(got, dict) and set(got) == {"raised"} and expected != got:
        return f"the grader's own check of this exercise, on inputs drawn at grading time, raised {got['raised']}"
    try:
        where = judge(expected, got)
    except Exception:       # noqa: BLE001 (the student's data is anything JSON can hold)
        where = "answer (malformed)"
    return f"the grader's own check of this exercise, on inputs drawn at grading time, disagrees at {where}" if where else ""
