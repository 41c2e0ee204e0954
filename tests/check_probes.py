"""Does each probe tell the catalog's answers apart? A quick in-process check for authors.

    python -m tests.check_probes 01_python_classes [--only GRADE_ID] [--seed N]

For every catalog answer it runs the notebook's cells (the answer in its cell, the solution
in the others) up to the exercise's last test cell, in this process (no kernel, no sandbox:
our own code), then the exercise's probes, and compares them with the solution's. A right
answer must agree on every probe; a wrong one should disagree on at least one (else a
student who fakes the test cell's result with that mistake would get the points).
The real autograder checks the same through nbgrader (tests/test_catalog.py).
"""
import argparse
import contextlib
import io
import os
import sys

os.environ.setdefault("MPLBACKEND", "agg")

from grader import course, submissions, verdict  # noqa: E402
from grader.submissions import SOLUTION  # noqa: E402
from tests.catalog import Right  # noqa: E402
from tests.conftest import catalogs  # noqa: E402


def observe(nb, owner, tests, probes, seed):
    """grade_id -> what the probe saw, for the test cells `tests`, running cells up to the last."""
    names = {"__name__": "__main__"}
    seen, last = {}, max(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") in tests)
    for index, cell in enumerate(nb.cells[:last + 1]):
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        graded_test = meta.get("grade") and not meta.get("solution")
        if graded_test and meta["grade_id"] not in tests:
            continue
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                exec(compile(cell.source, f"<cell {index}>", "exec"), names)
            except BaseException:   # noqa: BLE001 (a wrong answer's error is expected)
                pass
        if graded_test and meta["grade_id"] in probes:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                exec(verdict.kernel_code(verdict.source(nb.metadata["nn_course_assignment"]),
                                         meta["grade_id"], seed), names)
            seen[meta["grade_id"]] = verdict.read_observation(
                [{"output_type": "stream", "name": "stdout", "text": out.getvalue()}])
    return seen


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("assignment")
    parser.add_argument("--only", help="one answer cell's grade_id")
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args(argv)
    probes = verdict.probe_names(args.assignment)
    by_answer = {a: t for n in course.notebook_names(args.assignment)
                 for a, t in course.tests_by_answer(args.assignment, n).items()}
    notebook = course.notebook_names(args.assignment)[0]
    catalog = catalogs()[args.assignment]
    problems = 0
    for owner, tests in by_answer.items():
        if args.only and owner != args.only:
            continue
        missing = [t for t in tests if t not in probes]
        if missing:
            print(f"{owner}: no probe for {missing}")
            problems += 1
            continue

        def run(answers, seed=args.seed):
            nb = submissions.build(args.assignment, notebook, {g: SOLUTION for g in by_answer} | answers)
            nb.metadata["nn_course_assignment"] = args.assignment
            return observe(nb, owner, tests, probes, seed)

        reference = run({})
        again = run({}, seed=args.seed + 1)
        if reference == again:
            print(f"{owner}: the probes give the same answers for two seeds (predictable)")
        for test, seen in reference.items():
            if seen is None or (isinstance(seen, dict) and "raised" in seen):
                print(f"{owner}: {test} fails on the solution itself: {seen}")
                problems += 1
        for answer in catalog.ANSWERS.get(owner, []):
            seen = run({owner: answer.source})
            disagree = {t: verdict.verdict(reference[t], seen.get(t)) for t in tests}
            disagree = {t: why for t, why in disagree.items() if why}
            label = getattr(answer, "way", None) or answer.mistake
            if isinstance(answer, Right) and disagree:
                print(f"{owner}: REJECTS RIGHT answer ({label}): {disagree}")
                problems += 1
            elif not isinstance(answer, Right) and not disagree:
                print(f"{owner}: misses wrong answer ({label})")
                problems += 1
    print(f"{args.assignment}: {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
