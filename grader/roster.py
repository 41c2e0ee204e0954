"""The class list into the gradebook: a CSV with the columns id, first_name, last_name, email
(nbgrader's own `nbgrader db student import` format), so that formgrader shows names."""
import csv

from . import course
from .exchange import SAFE_ID
from .terminal import printable


def main(*, roster):
    if not roster.is_file():
        raise course.UserError(f"no such file: {roster}")
    from nbgrader.api import Gradebook

    with open(roster, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "id" not in rows[0]:
        raise course.UserError(f"{roster}: the first line should name the columns: id,first_name,last_name,email")
    bad = [printable(row["id"]) for row in rows if not SAFE_ID.fullmatch(row["id"] or "")]
    if bad:
        raise course.UserError(f"{roster}: a student id is letters, digits and ._@- (not: {', '.join(bad)})")
    config = course.load_config()
    course.api(config)      # creates the gradebook where there is none yet
    with Gradebook(config.CourseDirectory.db_url, course_id=config.CourseDirectory.course_id) as gb:
        for row in rows:
            gb.update_or_create_student(row["id"], **{key: (row.get(key) or None) for key in
                                                      ("first_name", "last_name", "email")})
    print(f"{len(rows)} student(s) in the gradebook from {roster}")
    return 0
