"""python -m grader VERB ...: the instructor's command line (one module per verb)."""
import argparse
import sys
from pathlib import Path

from . import course
from .course import UserError


def _parser():
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    release = verbs.add_parser("release", help="generate course/ from solutions/ and release it "
                               "to the exchange, for students to fetch")
    release.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all")
    release.add_argument("--check", action="store_true",
                         help="only check that course/ is what solutions/ generates")

    collect = verbs.add_parser("collect", help="bring students' submissions from the exchange "
                               "into work/collected")
    collect.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all")

    roster = verbs.add_parser("roster", help="put the class list (id,first_name,last_name,email) "
                              "in the gradebook")
    roster.add_argument("csv", type=Path, metavar="FILE.csv")

    autograde = verbs.add_parser("autograde", help="grade submissions with nbgrader")
    autograde.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all")
    autograde.add_argument("--submissions", type=Path, metavar="DIR",
                           help="STUDENT/ASSIGNMENT/NOTEBOOK.ipynb (default: the sample class)")
    autograde.add_argument("--workers", type=int, metavar="N",
                           help="submissions graded at once on this machine (default: one per core)")
    autograde.add_argument("--cluster", metavar="ADDRESS",
                           help="run the grading on a Dask cluster, e.g. tcp://scheduler:8786 (README)")
    autograde.add_argument("--no-sandbox", dest="isolate", action="store_false",
                           help="run student code without isolation (only for code you trust)")

    feedback = verbs.add_parser("feedback", help="write feedback HTML for graded submissions")
    feedback.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all")
    feedback.add_argument("--release", action="store_true",
                          help="also hand it back through the exchange, for students to fetch")

    export = verbs.add_parser("export", help="write grades: a row per student and assignment")
    export.add_argument("--to", type=Path, required=True, metavar="FILE.csv")

    class_report = verbs.add_parser("report", help="write the class report page: summary and "
                                    "score distributions per exercise")
    class_report.add_argument("--to", type=Path, required=True, metavar="FILE.html")

    student_lab = verbs.add_parser("student-lab", help="JupyterLab as one student sees it "
                                   "(their folder, the Assignments tab, Validate)")
    student_lab.add_argument("student", metavar="STUDENT")
    student_lab.add_argument("lab_args", nargs=argparse.REMAINDER, metavar="...",
                             help="passed to jupyter lab (e.g. --port 8890)")

    verbs.add_parser("lint", help="check the structure of the solution notebooks")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        if args.verb == "release":
            from . import release
            return release.main(assignments=args.assignments, check=args.check)
        if args.verb == "collect":
            from . import exchange
            return exchange.collect(course.resolve(args.assignments))
        if args.verb == "roster":
            from . import roster
            return roster.main(roster=args.csv)
        if args.verb == "autograde":
            from . import autograde
            return autograde.main(assignments=args.assignments, submissions=args.submissions,
                                  isolate=args.isolate, workers=args.workers, cluster=args.cluster)
        if args.verb == "feedback":
            from . import feedback
            return feedback.main(assignments=args.assignments, release=args.release)
        if args.verb == "export":
            from . import export
            return export.main(to=args.to)
        if args.verb == "report":
            from . import class_report
            return class_report.main(to=args.to)
        if args.verb == "student-lab":
            from . import student_lab
            return student_lab.main(student=args.student, extra=args.lab_args)
        if args.verb == "lint":
            from . import lint
            return lint.main()
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
