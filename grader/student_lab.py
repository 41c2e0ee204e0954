"""JupyterLab as one student sees it: their own folder, the Assignments tab and Validate.

The student's folder is work/students/STUDENT (what they fetch and the feedback they get
lands there, and the file browser cannot leave it); their Jupyter settings are kept outside
it, in work/student-labs/STUDENT: an nbgrader_config.py that names the course, the exchange
and the student, and the instructor's parts of nbgrader (formgrader, create-assignment, the
course list) turned off. It is a student's view on the instructor's machine, for trying the
workflow and for the browser test: on a real class each student has a login of their own.
"""
import json
import os
import sys

from . import course
from .exchange import SAFE_ID

INSTRUCTOR_ONLY_LAB = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                       "@jupyter/nbgrader:course-list")
INSTRUCTOR_ONLY_SERVER = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")


def prepare(student, config=None):
    """Write the student's folders and settings; return (their folder, the lab's environment)."""
    if not SAFE_ID.fullmatch(student):
        raise course.UserError(f"a student id is letters, digits and ._@-, not {student!r}")
    config = config or course.load_config()
    work = course.work_dir(config)
    home, settings = work / "students" / student, work / "student-labs" / student
    for folder in (home, settings / "config" / "labconfig", settings / "data", settings / "runtime"):
        folder.mkdir(parents=True, exist_ok=True)
    (settings / "config" / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {config.CourseDirectory.course_id!r}\n"
        f"c.CourseDirectory.student_id = {student!r}\n"
        f"c.Exchange.root = {config.Exchange.root!r}\n"
        f"c.Exchange.assignment_dir = {str(home)!r}\n")
    (settings / "config" / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {name: True for name in INSTRUCTOR_ONLY_LAB}}, indent=1))
    (settings / "config" / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {name: False for name in INSTRUCTOR_ONLY_SERVER},
                       "terminals_enabled": False}}, indent=1))
    news = settings / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True, exist_ok=True)      # no "get notified about Jupyter news?" popup
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(settings / "config"),
           "JUPYTER_DATA_DIR": str(settings / "data"), "JUPYTER_RUNTIME_DIR": str(settings / "runtime"),
           "IPYTHONDIR": str(settings / "ipython"), "MPLCONFIGDIR": str(settings / "matplotlib")}
    return home, env


def command(home, extra=()):
    args = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={home}",
            "--LabApp.default_url=/lab/tree", *extra]
    if os.geteuid() == 0:
        args.append("--allow-root")
    return args


def main(*, student, extra=()):
    home, env = prepare(student)
    print(f"JupyterLab as {student}: their folder is {home}; the Assignments tab fetches and submits")
    os.chdir(home)      # nbgrader's lab extensions read nbgrader_config.py from here too: none
    os.execvpe(sys.executable, command(home, extra), env)
