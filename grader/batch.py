"""Run grader.worker.execute over a batch: in this process, in a local pool, or on Dask.

Each assignment's solution runs once per batch (worker.reference), and its result goes with
every submission of that assignment. Results come back in the order they finish; the caller
records each (grader.record). A task whose worker died is run once more; if it fails again,
its result says why, and the batch goes on: never a dead batch, never a lost grade.
"""
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from . import sandbox, worker


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
            yield index, _safely(worker.execute, {**task, "last_round": index == len(tasks) - 1})


def _safely(function, task):
    try:
        return function(task)
    except Exception as error:      # noqa: BLE001 (a grader bug costs one submission, not the batch)
        return {"success": False, "failure": f"the grader failed on this submission: {type(error).__name__}: {error}"}


def _reference_task(task):
    """What worker.reference needs (not the submission's notebooks and gradebook)."""
    return {key: task[key] for key in ("assignment", "seed", "isolate", "quiet", "threads") if key in task}


def _reference_key(task):
    return tuple(sorted(_reference_task(task).items()))


def _in_pool(tasks, workers, references=None, retry=True):
    # spawn: a fresh interpreter per worker (forking a process that runs threads is unsafe)
    context = multiprocessing.get_context("spawn")
    references = dict(references or {})     # reference key -> what worker.reference returned
    lost, waiting, futures = [], {}, {}     # waiting: reference key -> indices of its tasks
    started = []
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context,
                             initializer=sandbox.checked_on_this_machine, initargs=(sandbox.found_here(),)) as pool:
        def start(index):
            # the last round: no worker starts a kernel ahead that no notebook would use
            task = {**tasks[index], "last_round": len(tasks) - len(started) <= workers}
            started.append(index)
            try:
                futures[pool.submit(worker.execute, task, references[_reference_key(task)])] = index
            except BrokenProcessPool:
                lost.append(index)

        for index, task in enumerate(tasks):
            key = _reference_key(task)
            if key in references:
                start(index)
            elif key in waiting:
                waiting[key].append(index)
            else:
                waiting[key] = [index]
                futures[pool.submit(worker.reference, _reference_task(task))] = key
        while futures:
            done, _ = wait(futures, return_when=FIRST_COMPLETED)
            for future in done:
                what = futures.pop(future)
                if isinstance(what, tuple):         # a reference: its assignment's tasks may start
                    references[what] = None if future.exception() else future.result()
                    for index in waiting.pop(what):
                        start(index)
                    continue
                try:
                    yield what, future.result()
                except Exception as error:      # noqa: BLE001 (a worker process died: BrokenProcessPool)
                    if retry:
                        lost.append(what)
                    else:
                        yield what, {"success": False, "failure": f"the grading worker died twice ({type(error).__name__})"}
    if lost:
        for again, result in _in_pool([tasks[i] for i in lost], workers, references, retry=False):
            yield lost[again], result


def _on_dask(tasks, address):
    from distributed import Client, as_completed as dask_completed

    with Client(address) as client:
        # retries: a worker that dies mid-notebook costs a rerun of that notebook elsewhere
        references = {}
        for task in tasks:
            key = _reference_key(task)
            if key not in references:
                references[key] = client.submit(worker.reference, _reference_task(task), pure=False, retries=2)
        futures = {client.submit(worker.execute, task, references[_reference_key(task)], pure=False, retries=2): index
                   for index, task in enumerate(tasks)}
        finished, again = dask_completed(futures), set()
        for future in finished:
            index = futures[future]
            try:
                result = future.result()
            except Exception as error:      # noqa: BLE001 (KilledWorker, a lost connection)
                if references[_reference_key(tasks[index])].status == "error" and index not in again:
                    again.add(index)            # the solution's run was lost: the worker runs it itself
                    rerun = client.submit(worker.execute, tasks[index], None, pure=False, retries=2)
                    futures[rerun] = index
                    finished.add(rerun)
                    continue
                result = {"success": False, "failure": f"the cluster could not grade this submission: "
                                                       f"{type(error).__name__}: {error}"}
            yield index, result
