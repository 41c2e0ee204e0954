"""nbgrader_config.py as grader.course.load_config() reads it (every trait it sets exists;
the sandboxed kernel; our steps among nbgrader's, in order; environment overrides; formgrader's
and feedback pages that load nothing from outside), and the steps of grader/preprocessors.py
that run in-process: Intake, FlagTampering, NoActiveContent, RecordOutcome and their helpers.
No kernel is started."""
import copy
import html
import os
import re

import nbformat
import pytest
from nbconvert import HTMLExporter
from nbconvert.exporters import Exporter
from nbconvert.filters.markdown import markdown2html
from nbclient.client import NotebookClient
from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.converters import Autograde, GenerateAssignment, GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default.exchange import Exchange
from nbgrader.preprocessors import Execute, IgnorePattern
from nbgrader.tests import create_grade_and_solution_cell, create_grade_cell, create_locked_cell, create_solution_cell
from traitlets.utils.importstring import import_item

from grader import course, intake, outcomes, preprocessors, submissions
from grader.sandbox import SandboxedKernelManager
from grader.surviving_execute import SurvivingExecute
from tests.conftest import work_folder

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
TEST = "ex1_1_running_mean_test"

# Which class each section of nbgrader_config.py configures.
CLASSES = {"CourseDirectory": CourseDirectory, "Exchange": Exchange, "Execute": Execute,
           "SandboxedKernelManager": SandboxedKernelManager, "Autograde": Autograde,
           "IgnorePattern": IgnorePattern, "GenerateFeedback": GenerateFeedback, "HTMLExporter": HTMLExporter,
           "GenerateAssignment": GenerateAssignment, "Exporter": Exporter}


@pytest.fixture
def config(tmp_path, monkeypatch):
    for name in ("NN_COURSE_BWRAP", "NN_COURSE_CELL_TIMEOUT", "NN_COURSE_DB_URL"):
        monkeypatch.delenv(name, raising=False)
    with work_folder(tmp_path / "work"):
        yield course.load_config()


def classes(names):
    return [import_item(name) for name in names]


# --- nbgrader_config.py -----------------------------------------------------------------------

def test_every_section_configures_a_known_class(config):
    assert set(config) == set(CLASSES)


def test_every_trait_set_exists_on_its_class(config):
    unknown = [f"{section}.{key}" for section, values in config.items() for key in values
               if key not in CLASSES[section].class_trait_names(config=True)]
    assert unknown == []


def test_every_trait_value_is_valid_for_its_trait(config):
    for section, values in config.items():
        traits = CLASSES[section].class_traits(config=True)
        bare = CLASSES[section].__new__(CLASSES[section])   # not __init__'d: a list checks its items on an instance
        for key, value in values.items():
            traits[key].validate(bare, value)    # raises TraitError on a wrong type


def test_runtime_files_go_to_the_work_folder(config, tmp_path):
    work = tmp_path / "work"
    folders = config.CourseDirectory
    assert (folders.submitted_directory, folders.autograded_directory, folders.feedback_directory) == (
        str(work / "submitted"), str(work / "autograded"), str(work / "feedback"))
    assert folders.db_url == f"sqlite:///{work / 'gradebook.db'}"
    assert config.Exchange.root == str(work / "exchange")
    assert (folders.root, folders.source_directory, folders.release_directory) == (str(course.ROOT), "solutions", "course")
    assert course.work_dir(config) == work and work.is_dir()    # made on load: the gradebook's folder


def test_the_gradebook_can_be_a_server_s(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_DB_URL", "postgresql+psycopg://grader@dbhost/course")
    with work_folder(tmp_path):
        assert course.load_config().CourseDirectory.db_url == "postgresql+psycopg://grader@dbhost/course"


def test_student_code_runs_in_the_sandboxed_kernel(config):
    assert config.Execute.kernel_manager_class == "grader.sandbox.SandboxedKernelManager"
    step = SurvivingExecute(config=config)
    NotebookClient.__init__(step, new_notebook())   # what preprocess() does first: config applies then
    assert step.kernel_manager_class is SandboxedKernelManager      # Execute's settings reach ours
    assert (step.timeout, step.extra_arguments) == (20, ["--Application.log_level=ERROR"])
    assert step.error_on_timeout["ename"] == "CellTimeoutError"


def test_the_bwrap_comes_from_nn_course_bwrap(tmp_path, monkeypatch):
    monkeypatch.delenv("NN_COURSE_BWRAP", raising=False)
    with work_folder(tmp_path):
        assert course.load_config().SandboxedKernelManager.bwrap == "venv"
        monkeypatch.setenv("NN_COURSE_BWRAP", "/opt/bubblewrap/bin/bwrap")
        config = course.load_config()
    assert config.SandboxedKernelManager.bwrap == "/opt/bubblewrap/bin/bwrap"
    km = SandboxedKernelManager(config=config)      # makes its scratch folder, starts nothing
    try:
        assert km.bwrap == "/opt/bubblewrap/bin/bwrap"
    finally:
        km._remove_scratch()


def test_the_cell_time_limit_comes_from_nn_course_cell_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_CELL_TIMEOUT", "7")
    with work_folder(tmp_path):
        assert course.load_config().Execute.timeout == 7


def test_intake_comes_before_nbgrader_s_checks(config):
    steps = config.Autograde.sanitize_preprocessors
    assert steps.count("grader.preprocessors.Intake") == 1
    at = steps.index("grader.preprocessors.Intake")
    assert steps.index("nbgrader.preprocessors.ClearOutput") < at    # outputs go, then the intake
    for later in ("nbgrader.preprocessors.DeduplicateIds", "nbgrader.preprocessors.OverwriteCells",
                  "grader.faster_nbgrader.CheckCellMetadata"):      # they stop on what Intake repairs
        assert at < steps.index(later)


def test_the_autograde_steps_come_in_order(config):
    steps = config.Autograde.autograde_preprocessors
    order = ["grader.surviving_execute.SurvivingExecute", "nbgrader.preprocessors.IgnorePattern",
             "grader.preprocessors.FlagTampering", "grader.preprocessors.TrustedVerdict",
             "grader.preprocessors.NoActiveContent", "grader.preprocessors.RecordOutcome",
             "nbconvert.preprocessors.ClearMetadataPreprocessor",   # clears nn_course: after RecordOutcome
             "nbgrader.preprocessors.SaveAutoGrades"]               # scores what the steps before left
    assert [steps.index(step) for step in order] == sorted(steps.index(step) for step in order)
    assert steps[0] == "grader.surviving_execute.SurvivingExecute"
    assert "nbgrader.preprocessors.Execute" not in steps and Execute not in classes(steps)


@pytest.mark.parametrize("trait", ["sanitize_preprocessors", "autograde_preprocessors"])
def test_nbgrader_s_own_steps_are_all_kept_in_their_order(config, trait):
    ours = classes(config.Autograde[trait])
    theirs = Autograde.class_traits()[trait].default()
    # each of nbgrader's steps is there as itself or as a subclass standing in for it
    # (grader.surviving_execute.SurvivingExecute for Execute, grader.faster_nbgrader's)
    kept = [next(step for step in theirs if issubclass(cls, step)) for cls in ours
            if any(issubclass(cls, step) for step in theirs)]
    assert kept == theirs
    assert all(issubclass(cls, Preprocessor) for cls in ours)
    if Execute in theirs:
        assert issubclass(ours[0], Execute)


def test_feedback_redacts_hidden_tests_after_reading_grades(config):
    steps = config.GenerateFeedback.preprocessors
    assert steps.index("nbgrader.preprocessors.GetGrades") < steps.index("grader.feedback_redaction.RedactHiddenTests")
    assert all(issubclass(cls, Preprocessor) for cls in classes(steps))


def test_feedback_pages_are_sanitized(config):
    assert config.HTMLExporter.sanitize_html is True
    assert HTMLExporter(config=config).sanitize_html is True


def test_formgrader_s_grading_page_loads_nothing_from_outside(config):
    """Graders may be offline: nbconvert's template asks a CDN for MathJax (our stand-in does not)."""
    from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension
    settings = FormgradeExtension().build_extra_config()   # as formgrader builds its exporter:
    settings.merge(config)                                 # nbgrader's settings, then ours
    resources = {"assignment_id": A01, "notebook_id": A01, "submission_id": "1", "index": 0, "total": 1,
                 "base_url": "", "student": "ana", "last_name": "Lovelace", "first_name": "Ana",
                 "notebook_path": NOTEBOOK}
    nb = new_notebook(cells=[new_markdown_cell("# Title"), create_grade_cell("assert True", "code", TEST, 1)])
    page, _ = HTMLExporter(config=settings).from_notebook_node(nb, resources=resources)
    assert f'class="score tabbable" id="{TEST}"' in page            # nbgrader's formgrade template
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page)
    assert "window.MathJax = " in page                              # formgrade.js calls it at start


def test_feedback_pages_keep_nbgrader_s_template_with_our_mathjax(config):
    exporter = HTMLExporter(config=GenerateFeedback(coursedir=CourseDirectory(config=config), config=config).config)
    assert exporter.template.filename.endswith("formgrader/templates/feedback/index.html.j2")
    mathjax = exporter.environment.get_template("mathjax.html.j2").filename
    assert mathjax == str(course.ROOT / "grader" / "templates" / "base" / "mathjax.html.j2")


@pytest.mark.parametrize("text, ignored", [
    ("UserWarning: nn.functional.tanh is deprecated", True), ("DeprecationWarning: x", True),
    ("/x.py:3: Warning: y", True), ("AssertionError: wrong", False), ("Warning without colon", False)])
def test_warnings_in_stderr_are_ignored_but_errors_are_not(config, text, ignored):
    import re
    assert config.IgnorePattern.enabled is True
    assert bool(re.search(config.IgnorePattern.pattern, text)) is ignored


# --- helpers of grader/preprocessors.py -------------------------------------------------------

def test_fail_appends_an_error_output():
    cell = new_code_cell("x", outputs=[new_output("stream", name="stdout", text="ok\n")])
    preprocessors._fail(cell, "GraderCheck", "disagrees at answer[0]")
    assert cell.outputs[-1] == {"output_type": "error", "ename": "GraderCheck", "evalue": "disagrees at answer[0]",
                                "traceback": ["GraderCheck: disagrees at answer[0]"]}
    assert len(cell.outputs) == 2
    nbformat.validate(new_notebook(cells=[cell]))


def test_remarks_are_kept_in_the_notebook_metadata():
    nb = new_notebook()
    preprocessors._remarks(nb).append("one")
    preprocessors._remarks(nb).append("two")
    assert nb.metadata.nn_course == {"remarks": ["one", "two"]}


def test_a_test_cell_is_graded_code_that_is_no_answer():
    assert preprocessors._is_test(create_grade_cell("assert 1", "code", "t", 1))
    assert not preprocessors._is_test(create_grade_and_solution_cell("x = 1", "code", "a", 1))
    assert not preprocessors._is_test(create_solution_cell("x = 1", "code", "a"))
    assert not preprocessors._is_test(create_locked_cell("x = 1", "code", "l"))
    assert not preprocessors._is_test(create_grade_cell("text", "markdown", "m", 1))
    assert not preprocessors._is_test(new_code_cell("assert 1"))


# --- Intake -----------------------------------------------------------------------------------

def submitted(tmp_path, nb, student="zoe"):
    path = tmp_path / "submitted" / student / A01 / NOTEBOOK
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def resources_for(path):
    return {"metadata": {"path": str(path.parent)}, "unique_key": path.stem,
            "nbgrader": {"assignment": A01, "notebook": path.stem, "student": path.parent.parent.name}}


def test_intake_repairs_and_says_so_in_fresh_metadata(tmp_path):
    nb = submissions.perfect(A01, NOTEBOOK)
    nb.metadata["nn_course"] = {"remarks": [], "verdict": "full marks please"}   # the student's own: dropped
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == TEST)
    test.metadata["tags"] = ["skip-execution"]
    path = submitted(tmp_path, nb)
    out, _ = preprocessors.Intake().preprocess(nb, resources_for(path))
    assert out.metadata.nn_course == {"remarks": [f"{TEST}: read-only cell's tags edited (put back)"]}
    assert test.metadata["tags"] == ["raises-exception"]    # the release's (grader/run_all.py)


def test_intake_of_an_untouched_submission_has_no_remarks(tmp_path):
    nb = submissions.perfect(A01, NOTEBOOK)
    before = copy.deepcopy(nb.cells)
    out, _ = preprocessors.Intake().preprocess(nb, resources_for(submitted(tmp_path, nb)))
    assert out.metadata.nn_course == {"remarks": []} and out.cells == before


@pytest.mark.parametrize("link", ["notebook", "assignment", "student"])
def test_intake_refuses_a_symlinked_submission(tmp_path, link):
    nb = submissions.perfect(A01, NOTEBOOK)
    real = submitted(tmp_path / "real", nb)
    path = tmp_path / "submitted" / "zoe" / A01 / NOTEBOOK
    target = {"notebook": (path, real), "assignment": (path.parent, real.parent),
              "student": (path.parent.parent, real.parent.parent)}[link]
    target[0].parent.mkdir(parents=True, exist_ok=True)
    target[0].symlink_to(target[1])
    with pytest.raises(ValueError) as raised:
        preprocessors.Intake().preprocess(nb, resources_for(path))
    assert str(raised.value) == f"{NOTEBOOK}: the submission is a symbolic link, not a notebook"


def test_intake_refuses_an_oversized_file(tmp_path):
    nb = submissions.perfect(A01, NOTEBOOK)
    path = submitted(tmp_path, nb)
    with open(path, "r+b") as f:
        f.truncate(intake.MAX_BYTES + 1)
    with pytest.raises(ValueError) as raised:
        preprocessors.Intake().preprocess(nb, resources_for(path))
    assert str(raised.value) == f"{NOTEBOOK} is larger than 50 MB"


def test_intake_refuses_an_invalid_notebook(tmp_path):
    nb = submissions.perfect(A01, NOTEBOOK)
    path = submitted(tmp_path, nb)
    nb.cells[3].metadata["tags"] = "skip-execution"     # an ordinary cell: not repaired
    with pytest.raises(nbformat.ValidationError):
        preprocessors.Intake().preprocess(nb, resources_for(path))


# --- FlagTampering ----------------------------------------------------------------------------

def flagged(answers):
    nb = submissions.build(A01, NOTEBOOK, {**dict.fromkeys(submissions.answer_cells(
        submissions.perfect(A01, NOTEBOOK)), submissions.SOLUTION), **answers})
    out, _ = preprocessors.FlagTampering().preprocess(nb, {"nbgrader": {"assignment": A01, "notebook": A01}})
    errors = {c.metadata.nbgrader["grade_id"]: [f"{o.ename}: {o.evalue}" for o in c.outputs if o.output_type == "error"]
              for c in out.cells if preprocessors._is_test(c)}
    return out, {gid: e for gid, e in errors.items() if e}


def test_tampering_zeroes_the_tests_of_its_exercise_and_says_why():
    nb, errors = flagged({"ex1_2_block_and_scale": "torch.testing.assert_close = lambda *a, **k: None"})
    why = "Tampering: this exercise's answer changes what its tests rely on"
    assert errors == {"ex1_2_block_and_scale_test": [why], "ex1_3_tiny_module_test": [why],
                      "ex1_3_tiny_module_test_2": [why]}
    remarks = nb.metadata.nn_course["remarks"]
    assert [r.split(":")[0] for r in remarks] == ["ex1_2_block_and_scale", "ex1_3_tiny_module"]
    assert all(r.split(": ", 1)[1].startswith("tampering (") and r.endswith("), so its tests score 0") for r in remarks)


def test_an_honest_perfect_notebook_is_not_flagged():
    nb, errors = flagged({})
    assert errors == {} and "nn_course" not in nb.metadata


# --- NoActiveContent --------------------------------------------------------------------------

ACTIVE = {"text/html": "<b>x</b>", "application/javascript": "alert(1)", "image/svg+xml": "<svg onload=alert(1)/>",
          "application/vnd.jupyter.widget-view+json": {"model_id": "1"}, "text/markdown": "<script>",
          "text/plain": "x", "image/png": "iVBORw0KGgo=", "image/jpeg": "/9j/"}


def scrubbed(*cells):
    out, _ = preprocessors.NoActiveContent().preprocess(new_notebook(cells=list(cells)), {})
    return out


def test_outputs_keep_only_plain_text_and_bitmaps():
    cell = new_code_cell("x", outputs=[
        new_output("display_data", data=dict(ACTIVE)), new_output("execute_result", data=dict(ACTIVE), execution_count=1),
        new_output("display_data", data={"text/html": "<script>alert(1)</script>"}),
        new_output("stream", name="stdout", text="<script>kept as text</script>"),
        new_output("error", ename="E", evalue="<b>", traceback=[])])
    out = scrubbed(cell).cells[0]
    assert [set(o.data) for o in out.outputs[:3]] == [{"text/plain", "image/png", "image/jpeg"}] * 2 + [set()]
    assert out.outputs[3].text == "<script>kept as text</script>" and out.outputs[4].evalue == "<b>"


@pytest.mark.parametrize("cell", [new_markdown_cell("<script>alert(1)</script> & <img src=x onerror=alert(1)>"),
                                  create_solution_cell("<script>alert(1)</script> & <img src=x onerror=alert(1)>",
                                                       "markdown", "ex_written")], ids=["ordinary", "answer"])
def test_markdown_the_student_can_edit_is_escaped(cell):
    assert scrubbed(cell).cells[0].source == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"


def test_locked_markdown_is_the_release_s_and_stays():
    cell = create_locked_cell("Use <b>bold</b> & `x > 0`", "markdown", "intro")
    assert scrubbed(cell).cells[0].source == "Use <b>bold</b> & `x > 0`"


def test_the_release_s_own_markdown_reads_the_same_after_scrubbing():
    release = nbformat.read(course.RELEASE / "04_forward_and_call" / "04_forward_and_call.ipynb", as_version=4)
    cell = next(c for c in release.cells if c.cell_type == "markdown" and "`if x > 0:`" in c.source)
    assert "<code>if x &gt; 0:</code>" in markdown2html(cell.source)
    assert "<code>if x &gt; 0:</code>" in markdown2html(scrubbed(copy.deepcopy(cell)).cells[0].source)


def test_escaping_matches_html_escape():
    text = "a < b > c & \"d\" 'e'"
    assert scrubbed(new_markdown_cell(text)).cells[0].source == html.escape(text, quote=False)


# --- RecordOutcome ----------------------------------------------------------------------------

def test_a_notebook_without_remarks_is_recorded_graded(config, tmp_path):
    nb = new_notebook()
    out, _ = preprocessors.RecordOutcome(config=config).preprocess(nb, {"nbgrader": {"assignment": A01, "student": "zoe"}})
    assert outcomes.read(tmp_path / "work", A01, "zoe") == {"status": "graded", "reason": ""}
    assert out is nb


def test_remarks_make_it_flagged_with_every_remark(config, tmp_path):
    nb = new_notebook(metadata={"nn_course": {"remarks": [f"{TEST}: read-only cell edited (graded with the original)",
                                                          "ex1_2_block_and_scale: tampering (x), so its tests score 0"]}})
    preprocessors.RecordOutcome(config=config).preprocess(nb, {"nbgrader": {"assignment": A01, "student": "zoe"}})
    assert outcomes.read(tmp_path / "work", A01, "zoe") == {
        "status": "flagged", "reason": f"{TEST}: read-only cell edited (graded with the original); "
                                       "ex1_2_block_and_scale: tampering (x), so its tests score 0"}
    assert os.listdir(tmp_path / "work" / "outcomes" / A01) == ["zoe.json"]
