"""Run grader.worker.execute over a batch: in this process, in a local pool, or on Dask.

Each assignment's solution runs once per batch (worker.reference), and its result goes with
every submission of that assignment; the solutions start first, while the caller sets up what
every task shares (`set_up`: registering, the gradebook snapshot), and in a local pool the
longest assignments go next. Results come back in the order they finish; the caller records
each (grader.record). A task whose worker died is run once more; if it fails again,
its result says why, and the batch goes on: never a dead batch, never a lost grade.
"""
import multiprocessing
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from . import sandbox, worker


def default_workers():
    return sandbox.cores()


def threads_per_worker(workers):
    """Each local worker's kernels get its share of the cores (OMP_NUM_THREADS and the like)."""
    return max(1, sandbox.cores() // workers)


def run(tasks, workers=1, cluster=None, set_up=dict):
    """Yield (index, result) for every task, as each finishes. set_up() returns what every task
    also needs and takes a while to make; it runs once the workers have the solutions to run."""
    if cluster:
        yield from _on_dask(tasks, cluster, set_up)
    elif workers > 1 and len(tasks) > 1:
        yield from _in_pool(tasks, workers, set_up)
    else:
        shared = set_up()
        for index, task in enumerate(tasks):
            yield index, _safely(worker.execute, {**task, **shared, "last_round": index == len(tasks) - 1})


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


def _timed_reference(task):
    """(seconds, worker.reference(task)): how long the assignment's solution took, in the worker."""
    start = time.monotonic()
    seen = worker.reference(task)
    return time.monotonic() - start, seen


def _in_pool(tasks, workers, set_up=dict, references=None, retry=True):
    # spawn: a fresh interpreter per worker (forking a process that runs threads is unsafe)
    context = multiprocessing.get_context("spawn")
    references = dict(references or {})     # reference key -> what worker.reference returned
    took = {}                               # reference key -> seconds its solution took to grade
    solutions = {}                          # reference key -> its first task (to run the solution of)
    waiting, ready = {}, []                 # tasks waiting for their reference, and those that may start
    for index, task in enumerate(tasks):
        key = _reference_key(task)
        if key in references:
            ready.append(index)
        else:
            solutions.setdefault(key, task)
            waiting.setdefault(key, []).append(index)
    unsolved = list(solutions)
    lost, futures, started, shared = [], {}, [], None
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context,
                             initializer=sandbox.checked_on_this_machine, initargs=(sandbox.found_here(),)) as pool:
        def fill():
            """As many submitted as there are workers, no more: the solutions first, then the task
            of the assignment whose solution took longest (so the batch does not end on one
            worker grading a long notebook while the others wait)."""
            while len(futures) < workers and (unsolved or ready):
                if unsolved:
                    key = unsolved.pop(0)
                    try:
                        futures[pool.submit(_timed_reference, _reference_task(solutions[key]))] = key
                    except BrokenProcessPool:           # its tasks are lost too, and rerun
                        references[key] = None
                        ready.extend(waiting.pop(key))
                    continue
                if shared is None:          # set_up() has not returned yet
                    return
                ready.sort(key=lambda i: took.get(_reference_key(tasks[i]), 0.0))
                index = ready.pop()
                # the last round: no worker starts a kernel ahead that no notebook would use
                task = {**tasks[index], "last_round": len(tasks) - len(started) <= workers}
                started.append(index)
                try:
                    futures[pool.submit(worker.execute, task, references[_reference_key(task)])] = index
                except BrokenProcessPool:
                    lost.append(index)

        fill()              # the solutions first: they run while set_up() does its work here
        shared = set_up()
        tasks = [{**task, **shared} for task in tasks]
        fill()
        while futures:
            done, _ = wait(futures, return_when=FIRST_COMPLETED)
            finished = []
            for future in done:
                what = futures.pop(future)
                if isinstance(what, tuple):         # a solution's run: its assignment's tasks may start
                    took[what], references[what] = (0.0, None) if future.exception() else future.result()
                    ready.extend(waiting.pop(what))
                    continue
                try:
                    finished.append((what, future.result()))
                except Exception as error:      # noqa: BLE001 (a worker process died: BrokenProcessPool)
                    if retry:
                        lost.append(what)
                    else:
                        finished.append((what, {"success": False, "failure": f"the grading worker died twice ({type(error).__name__})"}))
            fill()              # before the caller records what finished: no worker waits for that
            yield from finished
    if lost:
        for again, result in _in_pool([tasks[i] for i in lost], workers, references=references, retry=False):
            yield lost[again], result


def _on_dask(tasks, address, set_up=dict):
    from distributed import Client, as_completed as dask_completed

    with Client(address) as client:
        # retries: a worker that dies mid-notebook costs a rerun of that notebook elsewhere
        references = {}
        for task in tasks:
            key = _reference_key(task)
            if key not in references:
                references[key] = client.submit(worker.reference, _reference_task(task), pure=False, retries=2)
        shared = set_up()           # while the cluster runs the solutions
        tasks = [{**task, **shared} for task in tasks]
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
