"""Answers to the exercises, graded by the real autograder in tests/test_catalog.py.

Each assignment's module (nbNN.py) maps an answer cell's grade_id to a list of answers.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Wrong:
    """A plausible mistake: it must lose points, and the diagnosis must contain `says`."""
    mistake: str
    says: str
    source: str


@dataclass(frozen=True)
class Right:
    """A different correct answer: it must get every point."""
    way: str
    source: str
