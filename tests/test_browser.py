"""The class workflow in a real browser (Debian's chromium, driven by playwright): the
instructor releases; in her own lab a student fetches 01, runs all its cells to the last one,
answers one exercise (wrongly), validates and submits; the instructor collects, grades and
releases feedback; formgrader shows her score by name and her notebook for manual grading; she
fetches the feedback and reads the sentence that says what she got wrong. Any JavaScript error
on a page fails it, and so does any request to another host (grading works offline).
Screenshots go to work/browser/ for a person to look at (`make test-browser`)."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from grader import course, student_lab
from tests.catalog import nb01
from tests.conftest import work_folder
from tests.test_exchange import instructor, release_to_exchange

CHROMIUM = os.environ.get("NN_COURSE_CHROMIUM", "/usr/bin/chromium")   # Debian's
pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no browser: {CHROMIUM} is not "
                                 "installed (apt-get install chromium; .ci/run does it)")]

A01 = "01_python_classes"
NOTEBOOK = f"{A01}.ipynb"
EXERCISE = "ex1_1_running_mean"
MISTAKE = next(a for a in nb01.ANSWERS[EXERCISE] if a.says == "average all values seen")
SHOTS = course.ROOT / "work" / "browser"
TOKEN = "browser-test"


def _port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_lab(args, cwd, env, log):
    port = _port()
    process = subprocess.Popen([*args, "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
                                f"--IdentityProvider.token={TOKEN}"], cwd=cwd, env=env,
                               stdout=open(log, "w"), stderr=subprocess.STDOUT)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2)
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"the lab did not start:\n{open(log).read()[-2000:]}")
            time.sleep(0.5)
    raise AssertionError("the lab did not answer in 2 minutes")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    errors = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

        def page():
            new = chromium.new_page(viewport={"width": 1400, "height": 900})
            new.on("pageerror", lambda error: errors.append(str(error)))
            # offline: nothing is fetched from anywhere but the lab itself
            new.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                   or errors.append(f"fetched from outside: {r.url}"))
            return new
        yield page, errors
        chromium.close()


def _answer_cell_index(home):
    nb = nbformat.read(home / A01 / NOTEBOOK, as_version=4)
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == EXERCISE)


def _open_assignments(page):
    page.click(".lm-MenuBar-itemLabel:text('Nbgrader')")
    page.click(".lm-Menu >> text=Assignment List")
    page.wait_for_selector("#nbgrader-assignment-list #released_assignments_list", timeout=60_000)


def _run_all_and_wait(page, cells):
    page.click(".lm-MenuBar-itemLabel:text('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    # done when every code cell has a number in its prompt (none waiting, none running)
    done = """(n) => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
        return prompts.length === n && prompts.every(t => /\\[\\d+\\]/.test(t));
    }"""
    try:
        page.wait_for_function(done, arg=cells, timeout=180_000, polling=500)
    except Exception:
        prompts = page.eval_on_selector_all(".jp-CodeCell .jp-InputPrompt", "ps => ps.map(p => p.textContent)")
        shown = page.eval_on_selector_all(".jp-OutputArea-output[data-mime-type*='error']",
                                          "es => es.map(e => e.innerText.slice(0, 300))")
        raise AssertionError(f"Run All did not reach the last cell; prompts {prompts}; errors {shown}") from None


def test_a_student_hands_in_and_reads_her_feedback(tmp_path, browser):
    new_page, errors = browser
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    work = tmp_path / "work"
    release_to_exchange(work)
    roster = tmp_path / "students.csv"
    roster.write_text("id,first_name,last_name,email\nana,Ana,Lovelace,\n")
    instructor(work, "roster", str(roster))
    with work_folder(work):
        home, env = student_lab.prepare("ana")
    # every cell in the page (JupyterLab otherwise renders only those in view): prompts to read
    tracker = Path(env["JUPYTER_CONFIG_DIR"]) / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    lab, url = _start_lab(student_lab.command(home), home, env, tmp_path / "student-lab.log")
    try:
        page = new_page()
        page.goto(f"{url}/lab?token={TOKEN}")
        _open_assignments(page)
        page.click("#released_assignments_list button:text('Fetch')")
        page.wait_for_selector(f"#fetched_assignments_list >> text={A01}", timeout=60_000)
        page.screenshot(path=SHOTS / "1-student-fetched.png")
        assert not page.locator("text=Formgrader").count(), "a student's lab offers formgrader"
        for path in ("/formgrader", "/api/contents/../../solutions", "/api/contents/..%2F..%2Fgradebook.db",
                     "/files/../../gradebook.db", "/terminals"):
            status = page.request.get(f"{url}{path}?token={TOKEN}").status
            assert status in (403, 404), f"{path} answers {status} in a student's lab"

        release = nbformat.read(home / A01 / NOTEBOOK, as_version=4)
        code_cells = sum(c.cell_type == "code" for c in release.cells)
        page.goto(f"{url}/lab/tree/{A01}/{NOTEBOOK}?token={TOKEN}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        # the kernel connected and idle (a Run All sent while it starts can be dropped)
        page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
        try:
            _run_all_and_wait(page, code_cells)
        finally:
            page.screenshot(path=SHOTS / "2-run-all-reached-the-end.png")
        assert page.locator(".jp-OutputArea-output img").count() >= 1, "Run All drew no figure"

        cell = page.locator(".jp-Notebook .jp-Cell").nth(_answer_cell_index(home))
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(MISTAKE.source.strip())
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        page.wait_for_function(f"() => !document.title.startsWith('*')", timeout=30_000)
        for _ in range(40):     # saved to disk
            if "(self.mean + value) / 2" in (home / A01 / NOTEBOOK).read_text():
                break
            time.sleep(0.25)
        assert "(self.mean + value) / 2" in (home / A01 / NOTEBOOK).read_text()

        page.click(".jp-NotebookPanel-toolbar >> text=Validate")
        dialog = page.wait_for_selector(".jp-Dialog-content", timeout=180_000)
        page.wait_for_function("() => !document.querySelector('.jp-Dialog-content').innerText.includes('Validating')",
                               timeout=180_000)
        page.screenshot(path=SHOTS / "3-validate.png")
        assert MISTAKE.says in dialog.inner_text(), dialog.inner_text()[:2000]
        page.keyboard.press("Escape")

        page.goto(f"{url}/lab?token={TOKEN}")
        _open_assignments(page)
        page.click("#fetched_assignments_list button:text('Submit')")
        page.wait_for_selector("#submitted_assignments_list >> text=UTC", timeout=60_000)
        page.screenshot(path=SHOTS / "4-student-submitted.png")

        instructor(work, "collect", A01)
        instructor(work, "autograde", A01, "--submissions", str(work / "collected"))
        instructor(work, "feedback", A01, "--release")

        instructor_env = {**os.environ, "NN_COURSE_WORK": str(work), "JUPYTER_CONFIG_DIR": str(tmp_path / "i" / "config"),
                          "JUPYTER_DATA_DIR": str(tmp_path / "i" / "data"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "i" / "run")}
        grader_lab, grader_url = _start_lab(
            [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={course.ROOT}",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            course.ROOT, instructor_env, tmp_path / "instructor-lab.log")
        try:
            formgrader = new_page()
            formgrader.goto(f"{grader_url}/formgrader/manage_students?token={TOKEN}")
            formgrader.wait_for_selector("text=Lovelace", timeout=60_000)
            row = formgrader.locator("tr", has_text="Lovelace").inner_text()
            assert row.startswith("Lovelace, Ana") and "0 / 12" in row, row   # graded: all 12 points counted
            formgrader.screenshot(path=SHOTS / "5-formgrader-students.png")
            formgrader.goto(f"{grader_url}/formgrader/gradebook/{A01}/{A01}?token={TOKEN}")
            formgrader.wait_for_selector("text=Loading, please wait", state="hidden", timeout=60_000)
            formgrader.click("text=Show All Names")
            formgrader.wait_for_selector("td:has-text('Lovelace')", timeout=60_000)
            formgrader.screenshot(path=SHOTS / "6-formgrader-gradebook.png")
            # manual grading: her notebook as formgrader renders it (nbconvert's template asks a
            # CDN for MathJax: the browser fixture's request check catches it)
            formgrader.click("a.name-shown:has-text('Lovelace, Ana')")
            formgrader.wait_for_selector("#notebook-container .nbgrader_cell input.score", timeout=60_000)
            formgrader.wait_for_function("() => formgrader.grades.loaded && formgrader.comments.loaded",
                                         timeout=60_000)
            formgrader.screenshot(path=SHOTS / "7-formgrader-manual-grading.png")
        finally:
            grader_lab.terminate()

        page.click("#refresh_assignments_list")
        page.click("#submitted_assignments_list button:text('Fetch Feedback')")
        for _ in range(120):
            fetched = list((home / A01 / "feedback").glob(f"*/{A01}.html"))
            if fetched:
                break
            time.sleep(0.5)
        assert fetched, "the Fetch Feedback button fetched nothing"
        page.click("#refresh_assignments_list")
        page.wait_for_selector("#submitted_assignments_list >> text=feedback", timeout=30_000)
        page.screenshot(path=SHOTS / "8-student-feedback-fetched.png")
        feedback = fetched[0]
        page.goto(f"{url}/files/{feedback.relative_to(home)}?token={TOKEN}")
        page.wait_for_selector(f"text={MISTAKE.says}", timeout=60_000).scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / "9-feedback.png", full_page=False)
        assert errors == [], errors
    finally:
        lab.terminate()
