"""Progress while a class is graded: in a terminal, a tqdm bar (counts, rate, ETA) with each
submission that could not be graded printed above it as soon as it is known; in a log (not a
terminal), one line per submission with the rate and time left."""
import sys
import time
from contextlib import contextmanager

from tqdm import tqdm

from .terminal import printable


class Progress:
    def __init__(self, total, live):
        self.total, self.count, self.start = total, 0, time.monotonic()
        self._bar = tqdm(total=total, desc="grading", unit="submission", file=sys.stderr,
                         dynamic_ncols=True, smoothing=0.1) if live else None

    def done(self, sub):
        self.count += 1
        if self._bar is not None:
            self._bar.update(1)
            return
        elapsed = time.monotonic() - self.start
        rate = self.count / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.count) / rate if rate else 0.0
        print(f"[{self.count}/{self.total}] {printable(sub.student)} / {sub.assignment}  "
              f"({60 * rate:.1f}/min, {tqdm.format_interval(left)} left)", flush=True)

    def problem(self, sub, status, reason):
        line = printable(f"{sub.student} / {sub.assignment}: {status}: {reason}"[:400])
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            print(line, flush=True)

    def close(self):
        if self._bar is not None:
            self._bar.close()


@contextmanager
def bar(total):
    shown = Progress(total, live=sys.stderr.isatty())
    try:
        yield shown
    finally:
        shown.close()
