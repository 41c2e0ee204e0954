"""Each solution notebook runs top to bottom, kernel start included, in at most 15 s.

`python -m tests.test_notebook_time` prints the measured times as a table (for the README)."""
import time

import nbclient
import nbformat
import pytest

from grader import course

LIMIT_S = 15
NOTEBOOKS = [course.SOLUTIONS / a / n for a in course.all_assignments() for n in course.notebook_names(a)]


def seconds_to_run(path):
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    nbclient.NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_within_the_limit(path):
    seconds = seconds_to_run(path)
    assert seconds <= LIMIT_S, f"{path.name} took {seconds:.1f} s, over {LIMIT_S} s"


if __name__ == "__main__":
    print("| notebook | seconds |\n|---|---|")
    for path in NOTEBOOKS:
        print(f"| {path.stem} | {seconds_to_run(path):.1f} |")
