"""Does each probe agree with its test cell on honest code? A quick in-process check for authors.

    python -m tests.check_probes 01_python_classes [--seed N]

It runs the catalog class of an assignment (tests/conftest.py: perfect, wrong_K, right_K) in
this process (an IPython shell, no kernel, no sandbox: our own code), and after every test
cell that cell's probe, as the autograder does. On honest code a probe must judge as its test
cell does: where the test passes, the probe agrees with the solution's answer, else the
student loses those points and is flagged for a mistake the test did not find. A probe also
must not give the same answer for two seeds (a faker could print it), and should disagree
wherever its test fails (else the test's verdict alone decides, which the kernel can fake).
The real autograder checks the same through nbgrader (tests/test_catalog.py).
"""
import argparse
import contextlib
import importlib
import io
import os
import sys
import tempfile

import nbformat

os.environ.setdefault("MPLBACKEND", "agg")

from IPython.core.interactiveshell import InteractiveShell  # noqa: E402

from grader import course, submissions, verdict  # noqa: E402
from tests.conftest import catalog_students  # noqa: E402


def forget_global_hooks():
    """Each student gets a fresh kernel in autograding; here they share one process, so a
    global module or optimizer hook one answer left registered must not reach the next."""
    modules = [importlib.import_module(name) for name in ("torch.nn.modules.module", "torch.optim.optimizer")]
    for module in modules:
        for name in dir(module):
            if name.startswith("_global_") and isinstance(getattr(module, name), dict):
                getattr(module, name).clear()
    modules[0]._global_is_full_backward_hook = None


def observe(shell, nb, tests, probes, seed):
    """grade_id -> (test passed, what its probe saw) for every graded test cell of `nb`
    (whose sources come from `tests`, hidden tests included, as in autograding)."""
    shell.reset(new_session=False)
    forget_global_hooks()
    seen = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        source = tests.get(meta.get("grade_id"), cell.source)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            passed = shell.run_cell(source, silent=True).success
        if meta.get("grade") and not meta.get("solution") and meta["grade_id"] in probes:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                shell.run_cell(verdict.kernel_code(probes, meta["grade_id"], seed), silent=True)
            seen[meta["grade_id"]] = passed, verdict.read_observation(
                [{"output_type": "stream", "name": "stdout", "text": out.getvalue()}])
    return seen


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("assignment")
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args(argv)
    os.chdir(tempfile.mkdtemp(prefix="nn-course-probes-"))    # answers save files (model.pt) where they run
    probes = verdict.source(args.assignment)
    shell = InteractiveShell.instance()
    problems = 0
    for notebook in course.notebook_names(args.assignment):
        tests = {cell.metadata.nbgrader["grade_id"]: cell.source
                 for cell in nbformat.read(course.SOLUTIONS / args.assignment / notebook, as_version=4).cells
                 if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.nbgrader.get("solution")}

        def run(answers, seed=args.seed):
            return observe(shell, submissions.build(args.assignment, notebook, answers), tests, probes, seed)

        students = catalog_students(args.assignment)
        reference = run(students.pop("perfect")[args.assignment])
        again = run({gid: submissions.SOLUTION for gid in submissions.answer_cells(
            submissions.build(args.assignment, notebook, {}))}, seed=args.seed + 1)
        for test, (passed, seen) in reference.items():
            if not passed or seen is None or (isinstance(seen, dict) and set(seen) == {"raised"}):
                print(f"{test}: fails on the solution itself: {seen}")
                problems += 1
            elif again[test][1] == seen:
                print(f"{test}: its probe gives the same answer for two seeds (predictable)")
                problems += 1
        judges = verdict.judges(args.assignment)
        for student, by_assignment in students.items():
            for test, (passed, seen) in run(by_assignment[args.assignment]).items():
                why = verdict.verdict(reference[test][1], seen, judges.get(test, verdict.difference))
                if passed and why:
                    print(f"{student}: {test} passes but its probe says: {why}")
                    problems += 1
                elif not passed and not why:
                    print(f"{student}: {test} fails but its probe agrees (the test alone decides)")
    print(f"{args.assignment}: {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
