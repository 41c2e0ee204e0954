"""nbgrader's Execute, made to survive a hostile notebook, and to ask each test cell's probe.

Plain nbgrader drops the whole submission when the kernel dies (`os._exit`, a segfault, the
memory limit) or when a cell ignores the timeout's interrupt. Here only that cell fails: it
gets an error output that says why, the kernel is restarted, the cells before it are run
again (outputs discarded) to rebuild the state, and grading goes on with the next cell.

Bounded for the notebook as a whole: a deadline (every cell, replay and probe counts), a
number of restarts, the CPU time of the whole sandbox (grader.cgroup), and the output kept
(per cell and per notebook, error messages included).

After each test cell that has a probe (grader.verdict), the probe runs in the same kernel and
what it returns goes to resources["nn_course_observations"]; grader.preprocessors.TrustedVerdict
judges it.
"""
import copy
import time

from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import Execute
from traitlets import Bool, Int, Unicode

from . import kernel_pool, verdict

KERNEL_LOST = {
    DeadKernelError: ("KernelDied", "the kernel died while running this cell (os._exit, a "
                      "crash, or the memory or CPU-time limit); it was restarted without this cell"),
    CellTimeoutError: ("CellTimeoutError", "this cell ran past the time limit and ignored the "
                       "interrupt; the kernel was restarted without this cell"),
}
ERROR_CHARS = 2000     # of an error's message, and of each traceback line
PROBE_BYTES = 5_000_000   # a probe's answer: the largest (03's tower data) is under 100 kB


def _error(ename, evalue):
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class SurvivingExecute(Execute):
    max_output_bytes = Int(1_000_000, help="output kept per cell; the rest is dropped as it "
                           "arrives, so a flood of prints cannot fill the grader's memory").tag(config=True)
    max_notebook_output_bytes = Int(3_000_000, help="output kept for the whole notebook, error "
                                    "messages included").tag(config=True)
    notebook_seconds = Int(80, help="wall-clock time for the whole notebook: cells, replays after "
                           "a restart and probes together; cells after it are not run").tag(config=True)
    max_restarts = Int(3, help="kernel restarts per notebook; after them, no more cells run").tag(config=True)
    probes_of = Unicode("", help="the assignment whose probes run after its test cells ('' = the "
                        "one nbgrader is grading)").tag(config=True)
    seed = Int(0, help="the probes' seed (0: the grader draws one)")
    start_ahead = Bool(True, help="start the next notebook's kernel (with torch imported) while "
                       "this one runs (grader.kernel_pool); each kernel serves one notebook").tag(config=True)

    def _new_kernel_manager(self, kernel_name):
        return self.kernel_manager_class(kernel_name=kernel_name, config=self.config)

    def create_kernel_manager(self):
        # Called once nbclient has applied the configuration (kernel_manager_class is the
        # sandbox's by then): adopt the kernel started ahead, which nbclient then owns and
        # shuts down after this notebook, as one it had started itself.
        if self.start_ahead:
            kernel_name = self.kernel_name or self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
            arguments = list(self.extra_arguments)
            if self.ipython_hist_file and not any(a.startswith("--HistoryManager.hist_file") for a in arguments):
                arguments.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
            km = kernel_pool.take(self._new_kernel_manager, kernel_name, arguments, self.startup_timeout)
            if km is not None:
                self.km = km
                return km
        return super().create_kernel_manager()

    def preprocess(self, nb, resources=None, km=None):
        self._lost_cells = set()
        self._output_bytes, self._cut = {}, set()
        self._restarts = 0
        self._deadline = time.monotonic() + self.notebook_seconds
        self._stopped = ""
        assignment = self.probes_of or (resources or {}).get("nbgrader", {}).get("assignment", "")
        self._probes = verdict.source(assignment) if assignment else ""
        self._probe_names = verdict.probe_names(assignment) if self._probes else set()
        resources = resources if resources is not None else {}
        resources.setdefault("nn_course_observations", {})
        self.timeout_func = self._cell_timeout
        return super().preprocess(nb, resources, km)

    def _cell_timeout(self, cell):
        left = self._deadline - time.monotonic()
        return max(1, int(min(self.timeout or left, left)))

    def output(self, outs, msg, display_id, cell_index):
        content = msg["content"]
        if msg["msg_type"] == "error":             # a 20 MB exception message is output too
            content["evalue"] = str(content.get("evalue", ""))[:ERROR_CHARS]
            content["traceback"] = [str(line)[:ERROR_CHARS] for line in content.get("traceback", [])[-20:]]
        size = sum(len(str(value)) for value in content.values())
        used = self._output_bytes.get(cell_index, 0)
        total = sum(self._output_bytes.values())
        self._output_bytes[cell_index] = used + size
        # errors are cut to ERROR_CHARS; a probe's answer (only while a probe runs, and bounded)
        # must not be dropped by what the student printed before
        answer = (getattr(self, "_probing", False) and size <= PROBE_BYTES
                  and verdict.MARKER in str(content.get("text", ""))[:64])
        if answer:
            self._probing = False                     # one answer per probe run
        small = msg["msg_type"] == "error" or answer
        if small or (used + size <= self.max_output_bytes and total + size <= self.max_notebook_output_bytes):
            return super().output(outs, msg, display_id, cell_index)
        if cell_index not in self._cut:              # say so, once per cell
            self._cut.add(cell_index)
            outs.append(NotebookNode(output_type="stream", name="stdout",
                                     text="\n[output cut: over the limit on what a cell or notebook may print]\n"))
        return None

    def on_cell_executed(self, **kwargs):
        super().on_cell_executed(**kwargs)     # may append the reply's error: cut it too
        for output in kwargs["cell"].get("outputs", []):
            if output.output_type == "error":
                output.evalue = str(output.evalue)[:ERROR_CHARS]
                output.traceback = [str(line)[:ERROR_CHARS] for line in output.traceback[-20:]]

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and not self._stopped:
            if time.monotonic() >= self._deadline:
                self._stopped = f"the notebook ran past its time limit ({self.notebook_seconds} s)"
            elif self.km is not None and hasattr(self.km, "cpu_seconds_left") and self.km.cpu_seconds_left() <= 0:
                self._stopped = "the notebook used all its CPU time"
        if cell.cell_type == "code" and self._stopped:
            cell.outputs = [_error("NotRun", f"{self._stopped}, so this cell was not run")]
            return cell, resources
        self._kill_leftovers()
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except (DeadKernelError, CellTimeoutError) as error:
            ename, evalue = KERNEL_LOST[type(error)]
            self.log.warning("Cell %d: %s", index, evalue)
            cell.outputs = [_error(ename, evalue)]
            self._lost_cells.add(index)
            self._restart_and_replay(upto=index)
            return cell, self.resources
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            self._observe(cell, index)
        return cell, self.resources

    def _kill_leftovers(self):
        """Processes an earlier cell left running do not outlive it (SandboxedKernelManager)."""
        if self.km is not None and hasattr(self.km, "kill_leftovers"):
            self.km.kill_leftovers()

    def _observe(self, cell, index):
        grade_id = cell.metadata.nbgrader["grade_id"]
        if grade_id not in self._probe_names:
            return
        seed = self.seed or verdict.process_seed()
        probe = NotebookNode(cell_type="code", source=verdict.kernel_code(self._probes, grade_id, seed),
                             metadata={}, outputs=[])
        seen = None
        try:
            self._probing = True
            self.execute_cell(probe, index)
            seen = verdict.read_observation(probe.outputs)
        except (DeadKernelError, CellTimeoutError):
            self._restart_and_replay(upto=index + 1)
        finally:
            self._probing = False
            self.nb.cells[index] = cell            # nbclient stored the probe in the cell's place
        self.resources["nn_course_observations"][grade_id] = seen

    def _restart(self):
        """A fresh kernel in place of the lost one; False once the restarts are used up (then
        no more cells run, and the notebook is graded on what ran)."""
        while True:
            if self.kc is not None:
                self.kc.stop_channels()
                self.kc = None
            self._restarts += 1
            if self._restarts > self.max_restarts:
                self._stopped = f"the kernel was restarted {self.max_restarts} times"
                return False
            try:
                run_sync(self.km.restart_kernel)(now=True)
                run_sync(self._connect)()
                return True
            except RuntimeError as error:     # "Kernel died before replying to kernel_info"
                # (a fork bomb's last processes held the process limit): restart it again
                self.log.warning("Restarting the kernel failed (%s); trying again", error)

    async def _connect(self):
        """nbclient's start_new_kernel_client without its clean-up on failure, which would shut
        the kernel manager down (the sandbox's scratch and group with it) and drop it."""
        self.kc = self.km.client()
        await ensure_async(self.kc.start_channels())
        await ensure_async(self.kc.wait_for_ready(timeout=self.startup_timeout))
        self.kc.allow_stdin = False

    def _restart_and_replay(self, upto):
        if not self._restart():
            return
        for index, cell in enumerate(self.nb.cells[:upto]):
            if cell.cell_type != "code" or index in self._lost_cells:
                continue
            if time.monotonic() >= self._deadline:
                return
            self._kill_leftovers()                 # as in the first run: a replayed fork bomb too
            try:
                self.execute_cell(copy.deepcopy(cell), index)
            except (DeadKernelError, CellTimeoutError):
                # It behaved differently the second time (a cell that killed its sandbox took
                # the kernel down only as the next cell ran): replay again without it, within
                # max_restarts, so the later cells keep the state the other cells built.
                self.log.warning("Replaying cell %d failed; replaying without it", index)
                self._lost_cells.add(index)
                self._restart_and_replay(upto)
                return
            finally:
                self.nb.cells[index] = cell        # the replay's outputs are not the graded ones
