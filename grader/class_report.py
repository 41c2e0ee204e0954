"""Write the class report: one self-contained HTML page with, per assignment, how many
submissions were graded, failed or flagged, who lost points and why, and a chart of
each test cell's scores, so the instructor sees which exercises the class missed."""
import base64
import io
import math
from collections import Counter
from html import escape

from matplotlib.figure import Figure  # no pyplot: no GUI backend, no global figure state

from . import course, report

WEAK = 0.5  # an exercise whose mean is at most this fraction is drawn in red and listed as weak


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


def _kind(row):
    # "flagged" is not counted as failed too: the four counts add up to the submissions.
    if row.status == "graded":
        return "full" if row.score >= row.max_score else "partial"
    return "flagged" if row.status == "flagged" else "failed"


def _summary(by_assignment):
    head = "<tr><th>assignment</th><th>full marks</th><th>partial</th><th>failed to run</th><th>flagged</th></tr>"
    lines, losses = [], []
    for assignment, group in by_assignment.items():
        count = Counter(_kind(row) for row in group)
        lines.append(f"<tr><td>{escape(assignment)}</td>"
                     + "".join(f"<td>{count[k]}</td>" for k in ("full", "partial", "failed", "flagged")) + "</tr>")
        for row in group:
            if _kind(row) != "full":
                reasons = "<br>".join(escape(r) for r in row.reasons)
                losses.append(f"<tr><td>{escape(row.student)}</td><td>{escape(assignment)}</td>"
                              f"<td>{row.score:g}/{row.max_score:g}</td><td>{escape(row.status)}</td>"
                              f"<td>{reasons}</td></tr>")
    loss_head = "<tr><th>student</th><th>assignment</th><th>score</th><th>status</th><th>reasons</th></tr>"
    return (f"<table>{head}{''.join(lines)}</table>\n<h2>Submissions that lost points, failed or were flagged</h2>\n"
            f"<table>{loss_head}{''.join(losses)}</table>")


def _exercises(group):
    # Only "graded": a submission that failed to run scores 0 everywhere, and a flagged one
    # may have had its tests tampered with; neither says which exercise is hard.
    graded = [row for row in group if row.status == "graded"]
    if not graded:
        return "<p>No graded submissions.</p>"
    stats = []
    for gid, (_, points) in graded[0].cells.items():
        scores = [row.cells[gid][0] for row in graded if gid in row.cells]
        mean = sum(scores) / len(scores) / points if points else 1.0
        stats.append((mean, report._column(gid), points, Counter(scores)))
    stats.sort(key=lambda s: s[0])  # lowest mean first: the concepts the class missed
    weak = ", ".join(f"{escape(name)} ({mean:.0%})" for mean, name, _, _ in stats if mean <= WEAK)
    return (f"<p>{len(graded)} graded submission(s). Weakest exercises: {weak or 'none'}.</p>\n"
            f'<img alt="score distributions" src="data:image/png;base64,{_figure(stats)}">')


def _figure(stats):
    cols = min(4, len(stats))
    rows = math.ceil(len(stats) / cols)
    fig = Figure(figsize=(3 * cols, 2.2 * rows), dpi=80, layout="constrained")
    for ax, (mean, name, points, counts) in zip(fig.subplots(rows, cols, squeeze=False).flat, stats):
        ax.bar(list(counts), list(counts.values()), width=max(points, 1) * 0.15,
               color="tab:red" if mean <= WEAK else "tab:blue")
        ax.set_xlim(-0.1 * max(points, 1), points * 1.1 + 0.1)
        ax.yaxis.get_major_locator().set_params(integer=True)  # students are whole
        ax.set_title(f"{name}  mean {mean:.0%} of {points:g}", fontsize=9)
        ax.set_xlabel("points", fontsize=8)
        ax.set_ylabel("students", fontsize=8)
    for ax in fig.axes[len(stats):]:
        ax.set_visible(False)
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
