"""Grade a folder of submissions: executed in parallel (grader.batch, grader.worker), recorded
in one place (grader.record).

How a notebook is graded (sandbox, intake, tampering flags, trusted verdict) is nbgrader
configuration (nbgrader_config.py), the same for `nbgrader autograde`; this adds the intake
of a folder of files, running many at once, the outcome of what could not be graded, and
the table.
"""
import contextlib
import copy
import tempfile
import threading
from pathlib import Path

from sqlalchemy import text

from . import batch, course, faster_nbgrader, gradebook, intake, outcomes, progress, record, report, sample_class, sandbox, verdict, worker


def main(*, assignments=(), submissions=None, isolate=True, workers=None, cluster=None):
    """Autograde STUDENT/ASSIGNMENT/NOTEBOOK.ipynb under `submissions` (default: the sample
    class), print a table of scores and reasons, and return 0 however the students did.

    Student code runs in grader.sandbox unless isolate is False; `workers` submissions at a
    time (default: one per core), or on the Dask cluster at `cluster` (tcp://host:8786)."""
    names = course.resolve(assignments)
    config = course.load_config()
    work = course.work_dir(config)
    if submissions is not None and not Path(submissions).is_dir():
        raise course.UserError(f"no such folder: {submissions}")
    if workers is not None and workers < 1:
        raise course.UserError(f"--workers must be at least 1, not {workers}")
    workers = workers or batch.default_workers()
    threads = None if cluster else batch.threads_per_worker(workers)    # a cluster's workers use their own
    if isolate and not cluster:         # the zygote imports torch while the batch is set up
        sandbox.start_zygote(config, threads, share=workers > 1)
    # the sandbox's check (a sandboxed Python starts: 0.5 s or more) runs while the
    # submissions are collected
    checking = threading.Thread(target=sandbox.problem, args=(_bwrap(config),), daemon=True)
    if isolate:
        checking.start()
    sample = submissions is None        # the bundled sample class: ours, so it may run unisolated
    if sample:
        submissions = sample_class.write(work / "sample_class", names)
    found = intake.collect(Path(submissions), names, work / "submitted")
    if isolate:
        checking.join()
    _choose_kernel(config, isolate, trusted=sample)
    if not found:
        raise course.UserError(f"no submissions for {', '.join(names)} in {submissions} "
                               "(expected STUDENT/ASSIGNMENT/NOTEBOOK.ipynb)")
    isolated = config.Execute.kernel_manager_class != worker.UNISOLATED
    seed = verdict.process_seed()
    todo = [(sub, _task(work, sub, seed, isolated, threads)) for sub in found if not sub.problem]
    print(f"grading {len(todo)} submission(s) " + (f"on {cluster}" if cluster else f"with {min(workers, max(len(todo), 1))} worker(s)"),
          flush=True)
    with progress.bar(len(found)) as bar, contextlib.ExitStack() as open_for_the_batch:
        def set_up():
            """Once per batch, while the workers run the solutions: the assignments into the
            gradebook, what cannot be graded recorded, and the gradebook copy every worker grades into."""
            course.api(config)
            open_for_the_batch.enter_context(faster_nbgrader.one_engine(config.CourseDirectory.db_url))
            _register(names, config)
            for sub in found:
                if sub.problem:
                    record.forget(config, sub.assignment, sub.student)
                    outcomes.record(work, sub.assignment, sub.student, "not gradable", sub.problem)
                    bar.problem(sub, "not gradable", sub.problem)
                    bar.done(sub)
            return {"gradebook": _snapshot(names, config)}

        for index, result in batch.run([task for _, task in todo], workers=workers, cluster=cluster, set_up=set_up):
            sub, task = todo[index]
            record.record(config, sub, task["timestamp"], result)
            if not result.get("success"):
                bar.problem(sub, "autograde failed", result.get("failure", ""))
            bar.done(sub)
    rows = report.rows(names, config)
    report.print_table(rows)
    report.print_summary(rows)
    return 0


def _task(work, sub, seed, isolated, threads):
    folder = work / "submitted" / sub.student / sub.assignment
    stamp = folder / "timestamp.txt"
    return {"student": sub.student, "assignment": sub.assignment, "seed": seed, "isolate": isolated, "threads": threads,
            "timestamp": stamp.read_text().strip() if stamp.is_file() else None,
            "notebooks": {name: (folder / name).read_text() for name in course.notebook_names(sub.assignment)}}


def _choose_kernel(config, isolate, trusted):
    if not isolate:
        print("note: grading WITHOUT isolation (--no-sandbox): student code runs with your rights")
        config.Execute.kernel_manager_class = "jupyter_client.manager.AsyncKernelManager"
        return
    choice = _bwrap(config)
    problem = sandbox.problem(choice)
    if not problem:
        sandbox.announce(choice)
    elif trusted:
        print(f"note: cannot isolate ({problem}); the bundled sample class is graded without isolation")
        config.Execute.kernel_manager_class = "jupyter_client.manager.AsyncKernelManager"
    else:
        raise course.UserError(
            f"cannot isolate student code ({problem}): see README, Isolation (the sandbox needs "
            "user namespaces, or root), or pass --no-sandbox to grade without isolation")


def _bwrap(config):
    return config.SandboxedKernelManager.get("bwrap", "venv")


def _register(names, config):
    """Put the assignments' current test cells in the gradebook (release into a scratch
    folder, so grading never rewrites course/)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = copy.deepcopy(config)
        config.CourseDirectory.release_directory = tmp
        api = course.api(config)
        for name in names:
            result = api.generate_assignment(name, force=True, create=True)
            if not result["success"]:
                raise course.UserError(f"cannot register {name}: {course.failure(result)}")


def _snapshot(names, config):
    """A SQLite gradebook holding only these assignments, as bytes: what each worker copies.
    Copied from the gradebook that _register just wrote, not registered a second time."""
    from nbgrader.api import Gradebook

    course_id = config.CourseDirectory.course_id
    with tempfile.TemporaryDirectory(dir=course.memory_folder()) as tmp, \
            Gradebook(config.CourseDirectory.db_url, course_id=course_id) as real:
        url = f"sqlite:///{tmp}/gradebook.db"
        gradebook.create(url, real.db.execute(text("SELECT version_num FROM alembic_version")).scalar())
        with Gradebook(url, course_id=course_id) as snapshot:
            for name in names:
                assignment = real.find_assignment(name)
                snapshot.add_assignment(name, duedate=assignment.duedate)
                current = course.notebook_names(name)      # not a notebook since removed from it
                for nb in (nb for nb in assignment.notebooks if f"{nb.name}.ipynb" in current):
                    snapshot.add_notebook(nb.name, name, kernelspec=nb.kernelspec)
                    for cell in nb.grade_cells:
                        snapshot.add_grade_cell(cell.name, nb.name, name, max_score=cell.max_score, cell_type=cell.cell_type)
                    for cell in nb.task_cells:
                        snapshot.add_task_cell(cell.name, nb.name, name, max_score=cell.max_score, cell_type=cell.cell_type)
                    for cell in nb.solution_cells:
                        snapshot.add_solution_cell(cell.name, nb.name, name)
                    for cell in nb.source_cells:
                        snapshot.add_source_cell(cell.name, nb.name, name, cell_type=cell.cell_type, locked=cell.locked,
                                               source=cell.source, checksum=cell.checksum)
        return (Path(tmp) / "gradebook.db").read_bytes()
