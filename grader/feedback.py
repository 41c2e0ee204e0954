"""Write feedback HTML for every graded submission (hidden tests redacted, see
grader.feedback_redaction), and a note for submissions that could not be graded."""
import html
import re
import shutil

from . import course, outcomes


def main(*, assignments=(), release=False):
    """Feedback pages in work/feedback; with release, handed back through the exchange too."""
    names = course.resolve(assignments)
    config = course.load_config()
    work = course.work_dir(config)
    api = course.api(config)
    written = 0
    for assignment in names:
        for student in outcomes.students(work, assignment):
            outcome = outcomes.read(work, assignment, student) or {}
            if outcome.get("status") in ("graded", "flagged"):
                result = api.generate_feedback(assignment, student)
                if not result["success"]:
                    print(f"no feedback for {student}/{assignment}: {course.failure(result)}")
                    continue
                if outcome.get("reason"):
                    _add_banner(work, assignment, student, outcome["reason"])
                _offline(work, assignment, student)
            else:
                _write_note(work, assignment, student, outcome)
            _carry_exchange_files(work, assignment, student)
            written += 1
    print(f"feedback for {written} submission(s) in {work / 'feedback'}")
    if release:
        from . import exchange
        exchange.release_feedback(names)
    return 0


def _carry_exchange_files(work, assignment, student):
    """The exchange hands a feedback page back by the submission's time and secret (nbgrader's
    timestamp.txt and submission_secret.txt, written by `submit`): `--release` needs them."""
    for name in ("timestamp.txt", "submission_secret.txt"):
        source = work / "submitted" / student / assignment / name
        if source.is_file():
            shutil.copy(source, work / "feedback" / student / assignment)


def _offline(work, assignment, student):
    """Drop nbgrader's MathJax-from-a-CDN script: a page must open offline, and the course's
    prose has no TeX to typeset (grader.lint refuses it)."""
    for page in (work / "feedback" / student / assignment).glob("*.html"):
        text = page.read_text()
        page.write_text(re.sub(r'<script src="https?://[^"]*mathjax[^"]*">\s*</script>', "", text,
                               flags=re.IGNORECASE))


def _add_banner(work, assignment, student, reason):
    """Put what grading noticed (tampering, restored cells) at the top of each feedback page."""
    items = "".join(f"<li>{html.escape(part)}</li>" for part in reason.split("; "))
    banner = (f'<div style="border:2px solid #c00;padding:8px;margin:8px">'
              f"<b>Notes from grading</b><ul>{items}</ul></div>")
    for page in (work / "feedback" / student / assignment).glob("*.html"):
        text = page.read_text()
        page.write_text(re.sub(r"(<body[^>]*>)", lambda m: m[1] + banner, text, count=1))


def _write_note(work, assignment, student, outcome):
    """A page that tells the student why nothing of theirs could be graded."""
    folder = work / "feedback" / student / assignment
    shutil.rmtree(folder, ignore_errors=True)  # an older graded feedback would mislead
    folder.mkdir(parents=True)
    reason = html.escape(outcome.get("reason") or "unknown reason")
    # named as nbgrader names a notebook's feedback, so that the exchange hands it back
    for notebook in course.notebook_names(assignment):
        (folder / notebook.replace(".ipynb", ".html")).write_text(
            f"<html><body><h1>{html.escape(assignment)}: not graded</h1>"
            f"<p>Your submission could not be graded, so it scores 0: {reason}.</p>"
            f"<p>Submit the notebook from the release, with its original name, and ask your "
            f"instructor to grade it again.</p></body></html>\n")
