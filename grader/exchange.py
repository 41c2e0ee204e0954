"""Hand-out and hand-in through nbgrader's exchange (Exchange.root, work/exchange).

`release` puts course/ in the exchange (students fetch it from the Assignments tab), `collect`
brings what they submitted into work/collected (then `autograde --submissions work/collected`),
`feedback --release` hands the feedback pages back. All of it is nbgrader's exchange; this adds
only what a grader that runs as root needs when it reads a folder every student can write:
nothing in a submission is followed or opened except plain files (a link could make the
grader copy any file it can read, a FIFO would hang it), and a student id that is not a plain
name is not collected.
"""
import os
from datetime import datetime
import re
import shutil
import stat

from nbgrader.exchange.default.collect import ExchangeCollect

from . import course, intake
from .terminal import printable

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def collected_dir(config=None):
    return course.work_dir(config) / "collected"


def _config():
    config = course.load_config()
    config.ExchangeFactory.collect = "grader.exchange.SafeCollect"
    return config


def release(names):
    """Release each assignment's course/ folder to the exchange (again, if it was before)."""
    config = _config()
    config.ExchangeReleaseAssignment.force = True
    api = course.api(config)
    for name in names:
        _check(api.release_assignment(name), f"cannot release {name} to the exchange")
    print(f"released to the exchange ({config.Exchange.root}): {', '.join(names)}")


def collect(names):
    """Copy every student's latest submission from the exchange into work/collected."""
    config = _config()
    config.CourseDirectory.submitted_directory = str(collected_dir(config))
    api = course.api(config)
    for name in names:
        result = api.collect(name, update=True)
        _check(result, f"cannot collect {name}")
        log = result.get("log", "")
        got = re.findall(r"(?:Collecting|Updating) submission: ", log)
        refused = re.findall(r"\[WARNING\] not collected: (.*)", log)
        print(f"collected {name}: {len(got)} new or newer submission(s)"
              + "".join(f"\n  not collected: {printable(line)}" for line in refused))
    print(f"grade them: python -m grader autograde --submissions {collected_dir(config)}")
    return 0


def release_feedback(names):
    """Put the feedback pages of work/feedback in the exchange, for students to fetch: each
    student's whose submission came through the exchange (the others have no secret to match)."""
    config = _config()
    api = course.api(config)
    for name in names:
        released, skipped = 0, []
        for folder in sorted((course.work_dir(config) / "feedback").glob(f"*/{name}")):
            if all((folder / f).is_file() for f in ("timestamp.txt", "submission_secret.txt")):
                _check(api.release_feedback(name, folder.parent.name), f"cannot release the feedback of {name}")
                released += 1
            else:
                skipped.append(printable(folder.parent.name))
        print(f"feedback of {name} released to the exchange for {released} student(s)"
              + (f"; not for {', '.join(skipped)} (submitted outside the exchange)" if skipped else ""))


def _check(result, what):
    if not result["success"]:
        raise course.UserError(f"{what}: {course.failure(result)}")


class SafeCollect(ExchangeCollect):
    """nbgrader's collect, copying without following what a student planted in the exchange."""

    def _path_to_record(self, path):
        try:
            return super()._path_to_record(path)
        except Exception:   # a name nbgrader cannot read: refused below, not fatal to the rest
            return {"username": "", "filename": os.path.basename(path), "timestamp": datetime.min}

    def init_src(self):
        super().init_src()
        kept = []
        for record in self.src_records:
            if SAFE_ID.fullmatch(record["username"]):
                kept.append(record)
            else:
                self.log.warning("not collected: %s (a student id is letters, digits and ._@-)",
                                 ascii(record["filename"]))
        self.src_records = kept

    def do_copy(self, src, dest, log=None):
        if os.path.islink(src):     # never followed: it could point at anything root may read
            self.log.warning("not collected: %s is a symbolic link", ascii(os.path.basename(src)))
            os.makedirs(dest)
            return
        if self.get_size(src) > 1000 * self.coursedir.max_dir_size:
            self.log.warning("not collected: %s is larger than %s kB", ascii(os.path.basename(src)),
                             self.coursedir.max_dir_size)
            os.makedirs(dest)
            return
        ignored = shutil.ignore_patterns(*self.coursedir.ignore)

        def skip(folder, names):
            """Copied: folders, plain files up to the intake's limit, and links as links (the
            intake refuses them, with a recorded reason). A FIFO or a device would hang the copy."""
            skipped = set(ignored(folder, names))
            for name in names:
                info = os.lstat(os.path.join(folder, name))
                if not (stat.S_ISDIR(info.st_mode) or stat.S_ISLNK(info.st_mode)
                        or (stat.S_ISREG(info.st_mode) and info.st_size <= intake.MAX_BYTES)):
                    skipped.add(name)
            return skipped

        shutil.copytree(src, dest, symlinks=True, ignore=skip)
        # the copy is the instructor's: no student may change it before it is graded
        for folder, _, files in os.walk(dest):
            os.chmod(folder, 0o755)
            for name in files:
                if not os.path.islink(os.path.join(folder, name)):
                    os.chmod(os.path.join(folder, name), 0o644)
