"""Instructor tooling for Inside nn.Module: a thin layer over nbgrader's API.

One module per verb (release, autograde, feedback, export, lint), each with a keyword-only
`main(*, ...)`; `python -m grader` is the command line over them.
"""
