"""Instructor tooling for Inside nn.Module: a thin layer over nbgrader's API.

One module per verb (release, autograde, feedback, export, lint), each with a keyword-only
`main(*, ...)`; `python -m grader` is the command line over them.
"""
import sys

# jsonschema (through nbformat) imports rfc3987_syntax where it is installed (jupyter-events
# needs it), and that builds 38 parsers: 0.9 s in every grading process and worker, for an IRI
# format check nothing here asks for. Without it jsonschema simply skips that format.
sys.modules.setdefault("rfc3987_syntax", None)
