"""What grading costs per notebook above its cells' own work (a benchmark: printed, not asserted).

    python -m bench.grading_overhead [--copies 2] [--workers N]

The floor: each solution notebook's cells, run in a kernel that has already imported torch,
numpy and matplotlib (the sum of the cells' times). Then a class of `--copies` perfect
submissions per assignment is graded with `python -m grader autograde --workers N`. The
overhead per notebook is the workers' time that is not cells: (wall x N - sum of cells) / notebooks.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbclient
import nbformat

from grader import batch, course, submissions
from grader.kernel_pool import PRELOAD


def cells_seconds(path):
    """Seconds the notebook's cells take in a kernel that has imported what kernels preload."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        client.execute_cell(nbformat.v4.new_code_cell(PRELOAD), 0)
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.grading_overhead", description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="perfect submissions per assignment (default 2)")
    parser.add_argument("--workers", type=int, default=batch.default_workers())
    args = parser.parse_args(argv)
    assignments = course.all_assignments()
    floor = sum(cells_seconds(course.SOLUTIONS / a / n) for a in assignments for n in course.notebook_names(a))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        for a in assignments:
            for n in course.notebook_names(a):
                for k in range(args.copies):
                    submissions.write(submissions.perfect(a, n), folder, f"student{k}", a, n)
        env = {**os.environ, "NN_COURSE_WORK": str(Path(tmp) / "work")}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "grader", "autograde", "--submissions", str(folder),
                        "--workers", str(args.workers)], cwd=course.ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
    notebooks = args.copies * sum(len(course.notebook_names(a)) for a in assignments)
    cells = floor * args.copies
    print(f"{notebooks} notebooks, {args.workers} worker(s): {wall:.1f} s wall, {wall / notebooks:.2f} s per notebook")
    print(f"cells' own work: {cells:.1f} s ({cells / notebooks:.2f} s per notebook)")
    print(f"overhead per notebook: {(wall * args.workers - cells) / notebooks:.2f} s of worker time "
          f"(batch set-up included: registering, the solutions' reference runs, the first kernels)")


if __name__ == "__main__":
    main()
