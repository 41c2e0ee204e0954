"""Hand-out and hand-in through nbgrader's exchange (Exchange.root, work/exchange).

`release` puts course/ in the exchange (students fetch it from the Assignments tab), `collect`
brings what they submitted into work/collected (then `autograde --submissions work/collected`),
`feedback --release` hands the feedback pages back. All of it is nbgrader's exchange; this adds
only what a grader that runs as root needs when it reads a folder every student can write:
nothing in a submission is followed or opened except plain files (a link could make the
grader copy any file it can read, a FIFO would hang it), and a student id that is not a plain
name is not collected.
"""
import fnmatch
import os
from datetime import datetime
import re
import stat

from nbgrader.exchange.default.collect import ExchangeCollect

from . import course, intake
from .terminal import printable

MAX_FILES = 100      # a submission is a few notebooks and nbgrader's two small files
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
        """Copy the submission's plain files, each opened without following a link and without
        blocking: a student can swap a file for a link (to solutions/, say) while it is being
        copied, or leave a FIFO. Sub-folders are not collected (a release has none)."""
        os.makedirs(dest)
        os.chmod(dest, 0o755)      # the copy is the instructor's: no student may change it
        try:
            folder = os.open(src, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            self.log.warning("not collected: %s is a symbolic link, or not a folder", ascii(os.path.basename(src)))
            return
        try:
            for name in os.listdir(folder)[:MAX_FILES]:
                if not any(fnmatch.fnmatch(name, pattern) for pattern in self.coursedir.ignore):
                    self._copy_file(folder, name, dest, os.path.basename(src))
        finally:
            os.close(folder)

    def _copy_file(self, folder, name, dest, submission):
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
        except OSError:            # ELOOP: a symbolic link; or gone meanwhile
            self.log.warning("not collected: %s in %s is a symbolic link", ascii(name), ascii(submission))
            return
        with os.fdopen(fd, "rb") as source:
            info = os.fstat(source.fileno())
            if stat.S_ISDIR(info.st_mode):
                return
            data = source.read(intake.MAX_BYTES + 1) if stat.S_ISREG(info.st_mode) else None
        if data is None or len(data) > intake.MAX_BYTES:
            self.log.warning("not collected: %s in %s is not a plain file of at most %d MB", ascii(name),
                             ascii(submission), intake.MAX_BYTES // 2**20)
            return
        with open(os.path.join(dest, name), "wb") as copy:
            copy.write(data)
        os.chmod(os.path.join(dest, name), 0o644)
