"""Generate the student release course/ from solutions/ and release it to nbgrader's exchange
(grader.exchange), or check that course/ is up to date."""
import filecmp
import fnmatch
import tempfile
from pathlib import Path

from . import course


def main(*, assignments=(), check=False):
    """Regenerate course/ for the assignments (all by default); with check, compare only."""
    names = course.resolve(assignments)
    if check:
        return _check(names)
    api = course.api()
    for name in names:
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            raise course.UserError(f"cannot release {name}: {course.failure(result)}")
        print(f"released {name} -> course/{name}")
    from . import exchange
    exchange.release(names)
    return 0


def _check(names):
    """Generate into a temporary folder with a temporary gradebook and diff against course/."""
    config = course.load_config()
    with tempfile.TemporaryDirectory() as tmp:
        config.CourseDirectory.release_directory = str(Path(tmp) / "course")
        config.CourseDirectory.db_url = f"sqlite:///{tmp}/gradebook.db"
        api = course.api(config)
        stale = []
        for name in names:
            result = api.generate_assignment(name, force=True, create=True)
            if not result["success"]:
                raise course.UserError(f"cannot release {name}: {course.failure(result)}")
            stale += _differences(Path(tmp) / "course" / name, course.RELEASE / name,
                                  api.coursedir.ignore)
    for path in stale:
        print(f"course/ is out of date: {path}")
    if stale:
        print("run `python -m grader release` (never edit course/ by hand)")
        return 1
    print(f"course/ matches solutions/ for {len(names)} assignment(s)")
    return 0


def _differences(generated, committed, ignore):
    gen = _files(generated, ignore)
    com = _files(committed, ignore) if committed.exists() else set()
    differ = {p for p in gen & com if not filecmp.cmp(generated / p, committed / p, shallow=False)}
    return sorted(str(Path("course") / committed.name / p) for p in (gen ^ com) | differ)



def _files(folder, ignore):
    """Files under folder, less what nbgrader never releases (Jupyter's .ipynb_checkpoints, ...)."""
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()
            and not any(fnmatch.fnmatch(part, pattern) for part in p.relative_to(folder).parts
                        for pattern in ignore)}
