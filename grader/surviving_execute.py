"""nbgrader's Execute, made to survive a cell that kills or wedges the kernel.

Plain nbgrader drops the whole submission when the kernel dies (`os._exit`, a segfault, the
memory limit) or when a cell ignores the timeout's interrupt. Here only that cell fails: it
gets an error output that says why, the kernel is restarted, the cells before it are run
again (outputs discarded) to rebuild the state, and grading goes on with the next cell.
"""
import copy

from jupyter_core.utils import run_sync
from traitlets import Int
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute

KERNEL_LOST = {
    DeadKernelError: ("KernelDied", "the kernel died while running this cell (os._exit, a "
                      "crash, or the memory or CPU-time limit); it was restarted without this cell"),
    CellTimeoutError: ("CellTimeoutError", "this cell ran past the time limit and ignored the "
                       "interrupt; the kernel was restarted without this cell"),
}


class SurvivingExecute(Execute):
    max_output_bytes = Int(1_000_000, help="output kept per cell; the rest is dropped as it "
                           "arrives, so a flood of prints cannot fill the grader's memory").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._lost_cells = set()
        self._output_bytes = {}
        return super().preprocess(nb, resources, km)

    def output(self, outs, msg, display_id, cell_index):
        content = msg["content"]
        size = len(content.get("text", "")) + sum(map(len, map(str, content.get("data", {}).values())))
        used = self._output_bytes.get(cell_index, 0)
        self._output_bytes[cell_index] = used + size
        if used + size <= self.max_output_bytes:
            return super().output(outs, msg, display_id, cell_index)
        if used <= self.max_output_bytes:  # the first output over the limit: say so, once
            note = NotebookNode(output_type="stream", name="stdout",
                                text=f"\n[output cut: this cell printed more than {self.max_output_bytes:,} bytes]\n")
            outs.append(note)
        return None

    def preprocess_cell(self, cell, resources, index):
        try:
            return super().preprocess_cell(cell, resources, index)
        except (DeadKernelError, CellTimeoutError) as error:
            ename, evalue = KERNEL_LOST[type(error)]
            self.log.warning("Cell %d: %s", index, evalue)
            cell.outputs = [NotebookNode(output_type="error", ename=ename, evalue=evalue,
                                         traceback=[f"{ename}: {evalue}"])]
            self._lost_cells.add(index)
            self._restart_and_replay(upto=index)
            return cell, self.resources

    def _restart_and_replay(self, upto):
        if self.kc is not None:
            self.kc.stop_channels()
        run_sync(self.km.restart_kernel)(now=True)
        self.start_new_kernel_client()
        for index, cell in enumerate(self.nb.cells[:upto]):
            if cell.cell_type != "code" or index in self._lost_cells:
                continue
            try:
                self.execute_cell(copy.deepcopy(cell), index)
            except (DeadKernelError, CellTimeoutError):
                # It behaved differently the second time: stop replaying and grade on.
                self.log.warning("Replaying cell %d failed; later cells may fail", index)
                run_sync(self.km.restart_kernel)(now=True)
                self.start_new_kernel_client()
                return
