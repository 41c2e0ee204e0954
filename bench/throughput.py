"""Plain `nbgrader autograde` against `python -m grader autograde` on one class, in one run
(a benchmark: printed, never asserted).

    python -m bench.throughput [--copies 1] [--workers N]

The class, per assignment: `--copies` perfect submissions, one untouched release, and the
first two wrong answers of its catalog (tests/catalog). Both graders use this course's
nbgrader_config.py (sandbox, trusted verdict, every step); plain nbgrader grades one notebook
at a time, as `nbgrader generate_assignment` + `nbgrader autograde` per assignment do. Their
scores must agree, cell by cell. The floor: each submitted notebook's cells run in a kernel
that has already imported what a graded kernel has (torch, numpy, pyplot, torch._dynamo,
sklearn.datasets), with the threads a graded kernel has (its worker's share of the cores), one
notebook after another. Ours runs
each assignment's solution once per batch (the probes' reference): the overhead is also
given with those runs' cells set apart, the part a larger class no longer sees per notebook.
Ours also grades the class twice over (every student twice, under two names): the difference
is what a notebook costs once the batch is set up, and what is left the batch's set-up.
"""
import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbclient
import nbformat

from grader import batch, course, preprocessors, report, submissions, zygote
from tests.conftest import catalog_students, work_folder


def the_class(folder, copies):
    """Write the class under folder/STUDENT/ASSIGNMENT/ and return how many notebooks it has."""
    count = 0
    for assignment in course.all_assignments():
        every = catalog_students(assignment)
        chosen = {f"perfect_{k + 1}": every["perfect"] for k in range(copies)}
        chosen.update({name: every[name] for name in ("untouched", "wrong_1", "wrong_2") if name in every})
        for student, by in chosen.items():
            for notebook in course.notebook_names(assignment):
                submissions.write(submissions.build(assignment, notebook, by[assignment]),
                                  folder, student, assignment, notebook)
                count += 1
    return count


def twice_over(folder, into):
    """The class with every student a second time, under another name: twice the notebooks."""
    for student in Path(folder).iterdir():
        shutil.copytree(student, Path(into) / student.name)
        shutil.copytree(student, Path(into) / f"{student.name}_again")


def cells_seconds(path, threads, nb=None):
    """Seconds the notebook's cells take in a kernel that has imported what graded kernels preload
    (grader.zygote.PRELOAD: torch._dynamo and sklearn too, so a graded notebook's cells do no
    work that the floor's did), with the threads a graded kernel gets (its worker's share of the
    cores: on 2 cores with 2 workers, one each); nb: run that instead of the file at path, in its folder."""
    nb = nb or nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", allow_errors=True,
                                     timeout=int(os.environ.get("NN_COURSE_CELL_TIMEOUT", "20")),
                                     resources={"metadata": {"path": str(path.parent)}})
    threads = {name: str(threads) for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    with client.setup_kernel(env={**os.environ, **threads}):
        client.execute_cell(nbformat.v4.new_code_cell(f"import {', '.join(zygote.PRELOAD)}"), 0)
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        return time.perf_counter() - start


def plain_nbgrader(folder, work):
    """nbgrader's own commands, one assignment after another, on this course's configuration."""
    bin_dir = str(Path(sys.executable).parent)           # as in an activated venv (alembic too)
    env = {**os.environ, "NN_COURSE_WORK": str(work), "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    shutil.copytree(folder, work / "submitted")
    nbgrader = [os.path.join(bin_dir, "nbgrader")]
    with tempfile.TemporaryDirectory() as release:     # registering must not rewrite course/
        for assignment in course.all_assignments():
            for verb in (["generate_assignment", assignment, "--force",
                          f"--CourseDirectory.release_directory={release}"],
                         ["autograde", assignment, "--force", "--create"]):
                subprocess.run(nbgrader + verb, cwd=course.ROOT, env=env, check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ours(folder, work, workers):
    env = {**os.environ, "NN_COURSE_WORK": str(work)}
    subprocess.run([sys.executable, "-m", "grader", "autograde", "--submissions", str(folder),
                    "--workers", str(workers)], cwd=course.ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def scores(work):
    """(student, assignment) -> (status, each cell's score), read from that work folder's gradebook."""
    with work_folder(work):
        return {(r.student, r.assignment): (r.status, r.cells) for r in report.rows(course.all_assignments())}


def timed(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="perfect submissions per assignment (default 1)")
    parser.add_argument("--workers", type=int, default=batch.default_workers())
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        notebooks = the_class(tmp / "class", args.copies)
        threads = batch.threads_per_worker(args.workers)          # as grader.autograde gives
        floor = sum(cells_seconds(path, threads) for path in sorted((tmp / "class").glob("*/*/*.ipynb")))
        shutil.copytree(course.SOLUTIONS, tmp / "solutions")    # (their cells write files)
        # the solutions as the reference runs them (their figures not drawn)
        reference = sum(cells_seconds(path, threads, preprocessors._solution_to_run(path.parent.name, path.stem))
                        for path in sorted((tmp / "solutions").glob("*/*.ipynb")))
        plain = timed(plain_nbgrader, tmp / "class", tmp / "plain")
        fast = timed(ours, tmp / "class", tmp / "ours", args.workers)
        twice_over(tmp / "class", tmp / "class2")
        fast2 = timed(ours, tmp / "class2", tmp / "ours2", args.workers)
        expected, got, got2 = scores(tmp / "plain"), scores(tmp / "ours"), scores(tmp / "ours2")
    differ = sorted(key for key in expected.keys() | got.keys() if expected.get(key) != got.get(key))
    differ += sorted(key for key in got2 if got2[key] != expected.get((key[0].removesuffix("_again"), key[1])))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{notebooks} notebooks ({args.copies} perfect, 1 untouched, 2 wrong per assignment), "
          f"{cores} cores, load {os.getloadavg()[0]:.1f}, {platform.python_version()}, {datetime.date.today()}")
    print("| | wall s | s per notebook | notebooks per minute |")
    print("|---|---|---|---|")
    for name, seconds in ((f"plain `nbgrader autograde` (1 at a time)", plain),
                          (f"`python -m grader autograde --workers {args.workers}`", fast),
                          (f"floor: cells in a warm kernel ({threads} thread{'s' * (threads > 1)}), 1 at a time", floor)):
        print(f"| {name} | {seconds:.1f} | {seconds / notebooks:.2f} | {60 * notebooks / seconds:.0f} |")
    print(f"ratio: {plain / fast:.2f}x plain nbgrader's throughput; the floor on {args.workers} workers "
          f"would be {plain / (floor / args.workers):.1f}x")
    print(f"overhead per notebook above its cells' own work: plain {(plain - floor) / notebooks:.2f} s, "
          f"ours {(fast * args.workers - floor) / notebooks:.2f} s of worker time (batch set-up included); "
          f"ours less the batch's {len(course.all_assignments())} reference runs (the solutions' cells, "
          f"{reference:.1f} s in a warm kernel, figures not drawn; their probes not counted) "
          f"{(fast * args.workers - floor - reference) / notebooks:.2f} s")
    each = (args.workers * (fast2 - fast) - floor) / notebooks
    print(f"ours on the class twice over ({2 * notebooks} notebooks): {fast2:.1f} s; so a notebook costs {each:.2f} s "
          f"of worker time above its cells once the batch is set up, and the set-up (imports, registering, "
          f"the reference runs, the last notebook's wait) {args.workers * fast - floor - notebooks * each:.1f} s once")
    if differ:
        print(f"SCORES DIFFER for {len(differ)} submission(s): {differ[:5]}")
        return 1
    print(f"scores agree: {len(expected)} submissions, cell by cell")
    return 0


if __name__ == "__main__":
    sys.exit(main())
