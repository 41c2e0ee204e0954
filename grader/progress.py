"""The progress bar while a class is graded (tqdm): counts, rate and ETA on stderr, and each
submission that could not be graded, printed above the bar as soon as it is known."""
import sys
from contextlib import contextmanager

from tqdm import tqdm

from .terminal import printable


class Progress:
    def __init__(self, bar):
        self._bar = bar

    def done(self):
        self._bar.update(1)

    def problem(self, sub, status, reason):
        self._bar.write(printable(f"{sub.student} / {sub.assignment}: {status}: {reason}"[:400]))


@contextmanager
def bar(total):
    # in a log (not a terminal) the bar is redrawn every 30 s, not ten times a second
    live = sys.stderr.isatty()
    with tqdm(total=total, desc="grading", unit="submission", file=sys.stderr, dynamic_ncols=True,
              mininterval=0.1 if live else 30, smoothing=0.1) as shown:
        yield Progress(shown)
