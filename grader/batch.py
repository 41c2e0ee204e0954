"""Run grader.worker.execute over a batch: in this process, in a local pool, or on Dask.

Results come back in the order they finish; the caller records each (grader.record). A task
whose worker died is run once more; if it fails again, its result says why, and the batch
goes on: never a dead batch, never a lost grade.
"""
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed

from . import worker


def default_workers():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(tasks, workers=1, cluster=None):
    """Yield (index, result) for every task, as each finishes."""
    if cluster:
        yield from _on_dask(tasks, cluster)
    elif workers > 1 and len(tasks) > 1:
        yield from _in_pool(tasks, workers)
    else:
        for index, task in enumerate(tasks):
            yield index, _safely(worker.execute, task)


def _safely(function, task):
    try:
        return function(task)
    except Exception as error:      # noqa: BLE001 (a grader bug costs one submission, not the batch)
        return {"success": False, "failure": f"the grader failed on this submission: {type(error).__name__}: {error}"}


def _in_pool(tasks, workers, retry=True):
    # spawn: a fresh interpreter per worker (forking a process that runs threads is unsafe)
    context = multiprocessing.get_context("spawn")
    lost = []
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context) as pool:
        futures = {pool.submit(worker.execute, task): index for index, task in enumerate(tasks)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                yield index, future.result()
            except Exception as error:      # noqa: BLE001 (a worker process died: BrokenProcessPool)
                if retry:
                    lost.append(index)
                else:
                    yield index, {"success": False, "failure": f"the grading worker died twice ({type(error).__name__})"}
    if lost:
        for again, result in _in_pool([tasks[i] for i in lost], workers, retry=False):
            yield lost[again], result


def _on_dask(tasks, address):
    from distributed import Client, as_completed as dask_completed

    with Client(address) as client:
        # retries: a worker that dies mid-notebook costs a rerun of that notebook elsewhere
        futures = {client.submit(worker.execute, task, pure=False, retries=2): index
                   for index, task in enumerate(tasks)}
        for future in dask_completed(futures):
            try:
                result = future.result()
            except Exception as error:      # noqa: BLE001 (KilledWorker, a lost connection)
                result = {"success": False, "failure": f"the cluster could not grade this submission: "
                                                       f"{type(error).__name__}: {error}"}
            yield futures[future], result
