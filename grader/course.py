"""Where the course lives and how nbgrader is reached: config, API, assignments."""
import copy
import functools
import os
import re
import sys
import warnings
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
RELEASE = ROOT / "course"


class UserError(Exception):
    """A mistake of the user's (unknown assignment, missing folder...): one line, exit 2."""


def load_config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def work_dir(config=None):
    """The git-ignored folder that holds every runtime file (it contains submitted/)."""
    config = config or load_config()
    return Path(config.CourseDirectory.submitted_directory).parent


def api(config=None):
    # Imported here: nbgrader takes a second to import, and `--help` should not wait for it.
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from sqlalchemy.exc import SAWarning

    # nbgrader's gradebook code trips SQLAlchemy warnings once per new student: noise.
    warnings.filterwarnings("ignore", category=SAWarning)

    config = config or load_config()
    os.makedirs(work_dir(config), exist_ok=True)
    # nbgrader runs the `alembic` command to create a gradebook: find it next to this Python.
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    from . import gradebook
    gradebook.ensure(config.CourseDirectory.db_url)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def memory_folder():
    """Where a throw-away gradebook goes: /dev/shm where there is one (a commit per graded
    cell, none of which waits for a disk), else the temp folder (None)."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def all_assignments():
    return sorted(p.name for p in SOLUTIONS.iterdir() if any(p.glob("*.ipynb")))


def resolve(names):
    """The assignments named (all of them when none is), or a UserError for an unknown one."""
    known = all_assignments()
    for name in names or []:
        if name not in known:
            raise UserError(f"unknown assignment {name!r}; known: {', '.join(known)}")
    return list(names) if names else known


def notebook_names(assignment):
    """The notebooks of an assignment, as the release names them."""
    return sorted(p.name for p in (SOLUTIONS / assignment).glob("*.ipynb"))


def file_version(path):
    """(path, modification time, size): what a cache of a file's contents is keyed by, so that
    an edited solution is read again (formgrader's server grades for as long as it runs)."""
    found = os.stat(path)
    return str(path), found.st_mtime_ns, found.st_size


@functools.lru_cache(maxsize=64)
def _read_notebook(version):
    import nbformat

    return nbformat.read(version[0], as_version=4)


def read_notebook(path):
    """A solution or release notebook, read and validated once per version of the file (every
    graded notebook of a batch needs both): a copy, to change freely."""
    return copy.deepcopy(_read_notebook(file_version(path)))


def tests_by_answer(assignment, notebook):
    """answer grade_id -> the grade_ids of the test cells that follow it, up to the next answer."""
    return copy.deepcopy(_tests_by_answer(file_version(SOLUTIONS / assignment / notebook)))


@functools.lru_cache(maxsize=64)
def _tests_by_answer(version):
    owners, current = {}, None
    for cell in _read_notebook(version).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            current = meta["grade_id"]
            owners[current] = []
        elif meta.get("grade") and current:
            owners[current].append(meta["grade_id"])
    return owners


def failure(result):
    """The line that says why an nbgrader API call failed."""
    text = (result.get("log") or "") + "\n" + (result.get("error") or "")

    def specific(lines):      # not nbgrader's "see the traceback above"
        return [line for line in lines if "Please see the" not in line
                and not line.startswith(("There was an error processing", "Traceback"))]
    exceptions = re.findall(r"^\s*(\w+(?:Error|Exception): .*)$", text, re.MULTILINE)
    errors = re.findall(r"^\[ERROR\] (.*)$", text, re.MULTILINE)
    return (specific(exceptions) or specific(errors) or exceptions or errors or ["unknown error"])[-1]
