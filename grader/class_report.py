"""Write the class report: one self-contained HTML page with, per assignment, how many
submissions ended which way (the counts of the terminal's summary), who lost points and why,
each exercise's mean (weakest first) and a student x exercise heatmap, so the instructor sees
at a glance which students missed which concepts."""
import base64
import io
from collections import Counter
from html import escape

import numpy as np
from matplotlib.figure import Figure  # no pyplot: no GUI backend, no global figure state

from . import course, report
from .terminal import printable

WEAK = 0.5  # an exercise whose mean is at most this fraction is drawn in red and listed as weak
ENDINGS = ("full marks", "partial", "no points", "flagged", "not gradable", "autograde failed")


def main(*, to):
    """Write the class report of every assignment to the HTML file `to`."""
    by_assignment = {}
    for row in report.rows(course.all_assignments()):
        by_assignment.setdefault(row.assignment, []).append(row)
    parts = [f"<h1>Class report</h1>\n{_summary(by_assignment)}"]
    for assignment, group in by_assignment.items():
        parts.append(f"<h2>{escape(assignment)}</h2>\n{_exercises(group)}")
    to.parent.mkdir(parents=True, exist_ok=True)
    to.write_text(PAGE.format(body="\n".join(parts)), encoding="utf-8")
    print(f"wrote {to}")
    return 0


def _summary(by_assignment):
    counts = {assignment: Counter(report.ending(row) for row in group) for assignment, group in by_assignment.items()}
    # the endings of this course's, then any other status (e.g. missing), each counted once
    endings = [*ENDINGS, *sorted({e for c in counts.values() for e in c} - set(ENDINGS))]
    head = "<tr><th>assignment</th>" + "".join(f"<th>{escape(e)}</th>" for e in endings) + "</tr>"
    lines, losses = [], []
    for assignment, group in by_assignment.items():
        lines.append(f"<tr><td>{escape(assignment)}</td>"
                     + "".join(f"<td>{counts[assignment][e]}</td>" for e in endings) + "</tr>")
        for row in group:
            if report.ending(row) != "full marks":
                reasons = "<br>".join(escape(r) for r in row.reasons)
                losses.append(f"<tr><td>{escape(row.student)}</td><td>{escape(assignment)}</td>"
                              f"<td>{row.score:g}/{row.max_score:g}</td><td>{escape(report.ending(row))}</td>"
                              f"<td>{reasons}</td></tr>")
    loss_head = "<tr><th>student</th><th>assignment</th><th>score</th><th>ended</th><th>reasons</th></tr>"
    return (f"<table>{head}{''.join(lines)}</table>\n<h2>Submissions that lost points, failed or were flagged</h2>\n"
            f"<table>{loss_head}{''.join(losses)}</table>")


def _exercises(group):
    # Only "graded": a submission that failed to run scores 0 everywhere, and a flagged one
    # may have had its tests tampered with; neither says which exercise is hard.
    graded = [row for row in group if row.status == "graded"]
    if not graded:
        return "<p>No graded submissions.</p>"
    columns = list(graded[0].cells)
    # fraction of each test cell's points, one row per student, best students first
    graded.sort(key=lambda row: (-row.score, row.student))
    share = np.array([[row.cells[c][0] / row.cells[c][1] if c in row.cells and row.cells[c][1] else 0.0
                       for c in columns] for row in graded])
    means = sorted(zip(share.mean(axis=0), columns), key=lambda m: m[0])   # weakest first
    weak = ", ".join(f"{escape(report._column(c))} ({mean:.0%})" for mean, c in means if mean <= WEAK)
    table = "".join(f"<tr><td>{escape(report._column(c))}</td><td>{mean:.0%}</td></tr>" for mean, c in means)
    return (f"<p>{len(graded)} graded submission(s). Weakest exercises: {weak or 'none'}.</p>\n"
            f"<table><tr><th>test</th><th>class mean, weakest first</th></tr>{table}</table>\n"
            f'<img alt="points per student and test" src="data:image/png;base64,'
            f'{_heatmap(share, [_label(row.student) for row in graded], [report._column(c) for c in columns])}">')


def _label(student):
    # a student's name is drawn as text: no control characters, and "$" is not mathtext
    return printable(student).replace("$", r"\$")


def _heatmap(share, students, tests):
    """Students (rows) x tests (columns), coloured by the fraction of the points earned."""
    height = min(0.22 * len(students), 60) + 1.5       # a thousand students: one tall, thin image
    fig = Figure(figsize=(1.0 + 0.75 * len(tests), height), dpi=80, layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(share, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(tests)), tests, rotation=90, fontsize=8)
    if len(students) <= 80:                            # past that, names would overlap
        ax.set_yticks(range(len(students)), students, fontsize=7)
    else:
        ax.set_ylabel(f"{len(students)} students, best first")
    fig.colorbar(image, ax=ax, label="share of the points", shrink=min(1.0, 8 / max(height, 1)))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Class report</title>
<style>body{{font-family:sans-serif;margin:2em}} table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}}</style>
</head><body>
{body}
</body></html>
"""
