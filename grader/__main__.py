"""python -m grader VERB ...: the instructor's command line (one module per verb)."""
import argparse
import sys
from pathlib import Path

from .course import UserError


def _parser():
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    release = verbs.add_parser("release", help="generate course/ from solutions/")
    release.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all")
    release.add_argument("--check", action="store_true",
                         help="only check that course/ is what solutions/ generates")

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

    export = verbs.add_parser("export", help="write grades: a row per student and assignment")
    export.add_argument("--to", type=Path, required=True, metavar="FILE.csv")

    class_report = verbs.add_parser("report", help="write the class report page: summary and "
                                    "score distributions per exercise")
    class_report.add_argument("--to", type=Path, required=True, metavar="FILE.html")

    verbs.add_parser("lint", help="check the structure of the solution notebooks")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        if args.verb == "release":
            from . import release
            return release.main(assignments=args.assignments, check=args.check)
        if args.verb == "autograde":
            from . import autograde
            return autograde.main(assignments=args.assignments, submissions=args.submissions,
                                  isolate=args.isolate, workers=args.workers, cluster=args.cluster)
        if args.verb == "feedback":
            from . import feedback
            return feedback.main(assignments=args.assignments)
        if args.verb == "export":
            from . import export
            return export.main(to=args.to)
        if args.verb == "report":
            from . import class_report
            return class_report.main(to=args.to)
        if args.verb == "lint":
            from . import lint
            return lint.main()
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
