"""How long each solution notebook takes to run top to bottom, kernel start included.

A benchmark, not a test: times depend on the machine and its load, so they are measured and
printed (a markdown table, for the README), never asserted.

    python -m bench.notebook_times             # one run of each notebook
    python -m bench.notebook_times --repeat 5  # the median of 5 runs of each
"""
import argparse
import datetime
import os
import platform
import statistics
import time

import nbclient
import nbformat

from grader import course


def notebooks():
    return [course.SOLUTIONS / a / n for a in course.all_assignments() for n in course.notebook_names(a)]


def seconds_to_run(path):
    """Wall-clock seconds to start a kernel and run the notebook at path, top to bottom, once."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    nbclient.NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def machine():
    """One line on where and when the times were measured."""
    import torch  # here, not at the top: the notebooks' kernels import it, the timing does not

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{datetime.date.today().isoformat()}, {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} cores, torch {torch.__version__}, load average {load} (1, 5, 15 min)")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.notebook_times", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each notebook N times and print the median (default 1)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    header = "seconds" if args.repeat == 1 else f"seconds (median of {args.repeat})"
    print(f"| notebook | {header} |\n|---|---:|", flush=True)
    for path in notebooks():
        times = [seconds_to_run(path) for _ in range(args.repeat)]
        print(f"| {path.stem} | {statistics.median(times):.1f} |", flush=True)
    print(f"\nMeasured {machine()}.")


if __name__ == "__main__":
    main()
