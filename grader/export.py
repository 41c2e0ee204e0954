"""Write the grades CSV: a row per student and assignment, with the reasons points were lost."""
import csv

from . import course, report

COLUMNS = ["student", "assignment", "score", "max_score", "status", "reasons"]


def main(*, to):
    found = report.rows(course.all_assignments())
    to.parent.mkdir(parents=True, exist_ok=True)
    with open(to, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in found:
            writer.writerow([row.student, row.assignment, f"{row.score:g}", f"{row.max_score:g}",
                             row.status, " | ".join(row.reasons)])
    print(f"{len(found)} row(s) written to {to}")
    return 0
