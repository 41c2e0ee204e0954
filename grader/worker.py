"""Execute one submission: nbgrader's whole autograde (nbgrader_config.py) in a private folder.

A worker runs student code (sandboxed) and never touches the real gradebook: it grades into a
throw-away copy of a gradebook that holds only the registered assignments, and returns plain
data, the autograded notebooks and the outcome; grader.record writes them in one place. The
same function runs in the grader's own process (`--workers 1`), in a local process pool, or
on a Dask worker on another machine (which needs the same checkout and venv).
"""
import tempfile
from pathlib import Path

from . import course, faster_nbgrader, kernel_pool, outcomes, preprocessors, sandbox, verdict

UNISOLATED = "jupyter_client.manager.AsyncKernelManager"


def _config(task):
    verdict.use_seed(task["seed"])
    if task.get("quiet", True):
        sandbox.announced_elsewhere()
    config = course.load_config()
    if not task.get("isolate", True):
        config.Execute.kernel_manager_class = UNISOLATED
    if task.get("threads") and "threads" not in config.SandboxedKernelManager:
        config.SandboxedKernelManager.threads = task["threads"]     # this worker's share of the cores
    return config


def reference(task):
    """What the probes see on the solution notebooks of the task's assignment, {notebook stem:
    observations}, or None if that could not run: computed once per batch and handed to every
    execute() of the assignment (grader.batch), not once per worker process."""
    config = _config(task)
    assignment = task["assignment"]
    if not verdict.source(assignment):
        return {}
    try:
        return {Path(name).stem: preprocessors._reference(assignment, Path(name).stem, task["seed"], config)
                for name in course.notebook_names(assignment)}
    except Exception:       # noqa: BLE001 (then each worker runs the solution itself, and says what failed)
        return None


def execute(task, reference=None):
    """task: student, assignment, notebooks {name: text}, timestamp (text or None), gradebook
    (bytes of a SQLite gradebook with the assignment registered), seed, isolate; reference:
    what reference(task) returned (None: run the solution here, once per process).
    Returns: success, failure (why not), notebooks {name: autograded text}, outcome."""
    config = _config(task)
    kernel_pool.start_ahead_next = not task.get("last_round")
    student, assignment = task["student"], task["assignment"]
    for stem, seen in (reference or {}).items():
        preprocessors._REFERENCE[assignment, stem, task["seed"]] = seen
    # the gradebook copy takes a commit per graded cell: in memory, none of them waits for a disk
    with tempfile.TemporaryDirectory(prefix="nn-course-task-", dir=course.memory_folder()) as tmp:
        work = Path(tmp) / "work"
        submitted = work / "submitted" / student / assignment
        submitted.mkdir(parents=True)
        for name, text in task["notebooks"].items():
            (submitted / name).write_text(text)
        if task.get("timestamp"):
            (submitted / "timestamp.txt").write_text(task["timestamp"])
        (work / "gradebook.db").write_bytes(task["gradebook"])
        config.CourseDirectory.submitted_directory = str(work / "submitted")
        config.CourseDirectory.autograded_directory = str(work / "autograded")
        config.CourseDirectory.feedback_directory = str(work / "feedback")
        config.CourseDirectory.db_url = f"sqlite:///{work / 'gradebook.db'}"
        with faster_nbgrader.one_engine(config.CourseDirectory.db_url):
            result = course.api(config).autograde(assignment, student, force=True, create=True)
        if not result["success"]:
            return {"success": False, "failure": course.failure(result)}
        graded = work / "autograded" / student / assignment
        return {"success": True,
                "notebooks": {name: (graded / name).read_text() for name in task["notebooks"]},
                "outcome": outcomes.read(work, assignment, student) or {"status": "graded", "reason": ""}}
