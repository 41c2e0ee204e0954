from tests.catalog import Right, Wrong

ASSIGNMENT = "07_hooks"
ANSWERS = {
    "ex7_1_forward_bypass": [
        Wrong("thinks both hooks fire", says="cannot fire", source='''
answer_7_1 = "a"
'''),
        Wrong("thinks no hook fires, not even the inner layer's", says="still fires", source='''
answer_7_1 = "b"
'''),
        Wrong("swaps which hook is bypassed", says="other way round", source='''
answer_7_1 = "d"
'''),
        Wrong("writes a number instead of a letter", says="one of the strings", source='''
answer_7_1 = 3
'''),
        Right("upper case with spaces", source='''
answer_7_1 = " C "
'''),
    ],
    "ex7_2_record_activations": [
        Wrong("removes the hooks after yield, without finally", says="finally", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, module_types):
            handles.append(module.register_forward_hook(
                lambda m, args, out, name=name: records.__setitem__(name, out.detach().clone())))
    yield records
    for handle in handles:
        handle.remove()
'''),
        Wrong("stores output.detach() without a copy", says="in-place op", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(
                    lambda m, args, out, name=name: records.__setitem__(name, out.detach())))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong("stores the output itself, graph and all", says="still require grad", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(
                    lambda m, args, out, name=name: records.__setitem__(name, out)))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong("clears every module's hook dict instead of removing its own handles", says="someone else",
              source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}

    def hook(module, args, output):
        records[names[module]] = output.detach().clone()

    names = {}
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                names[module] = name
                module.register_forward_hook(hook)
        yield records
    finally:
        for module in model.modules():
            module._forward_hooks.clear()
'''),
        Wrong("catches the exception so that the clean-up runs", says="swallows", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, module_types):
            handles.append(module.register_forward_hook(
                lambda m, args, out, name=name: records.__setitem__(name, out.detach().clone())))
    try:
        yield records
    except Exception:
        pass
    for handle in handles:
        handle.remove()
'''),
        Wrong("walks named_children, missing nested modules", says="nested", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    try:
        for name, module in model.named_children():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(
                    lambda m, args, out, name=name: records.__setitem__(name, out.detach().clone())))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong("always records nn.ReLU, ignoring module_types", says="module_types", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    try:
        for name, module in model.named_modules():
            if isinstance(module, nn.ReLU):
                handles.append(module.register_forward_hook(
                    lambda m, args, out, name=name: records.__setitem__(name, out.detach().clone())))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong("keeps the first output instead of the most recent", says="most recent", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(
                    lambda m, args, out, name=name: records.setdefault(name, out.detach().clone())))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong("keys the dict by class name and position", says="qualified names", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    try:
        for i, module in enumerate(model.modules()):
            if isinstance(module, module_types):
                key = f"{type(module).__name__}_{i}"
                handles.append(module.register_forward_hook(
                    lambda m, args, out, key=key: records.__setitem__(key, out.detach().clone())))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Right("an ExitStack that enters each handle as a context manager", source='''
from contextlib import ExitStack


@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}

    def make_hook(name):
        def hook(module, args, output):
            records[name] = output.detach().clone()
        return hook

    with ExitStack() as stack:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                stack.enter_context(module.register_forward_hook(make_hook(name)))
        yield records
'''),
        Right("a class with __enter__ and __exit__", source='''
class record_activations:
    def __init__(self, model, module_types=(nn.ReLU,)):
        self.model, self.module_types = model, module_types
        self.records, self.handles = {}, []

    def __enter__(self):
        for name, module in self.model.named_modules():
            if isinstance(module, self.module_types):
                self.handles.append(module.register_forward_hook(self._hook(name)))
        return self.records

    def _hook(self, name):
        def hook(module, args, output):
            self.records[name] = output.detach().clone()
        return hook

    def __exit__(self, exc_type, exc, tb):
        for handle in self.handles:
            handle.remove()
        self.handles.clear()
        return False
'''),
    ],
    "ex7_3_input_standardization": [
        Wrong("standardizes x in place", says="in place", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        args[0].sub_(mean).div_(std)
    return module.register_forward_pre_hook(hook)
'''),
        Wrong("returns only the standardized tensor, dropping the other inputs", says="other positional",
              source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return (args[0] - mean) / std
    return module.register_forward_pre_hook(hook)
'''),
        Wrong("uses a forward hook, which standardizes the output", says="pre-hook", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args, output):
        return (output - mean) / std
    return module.register_forward_hook(hook)
'''),
        Wrong("forgets to return the handle", says="RemovableHandle", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return ((args[0] - mean) / std,) + tuple(args[1:])
    module.register_forward_pre_hook(hook)
'''),
        Wrong("un-standardizes: x * std + mean", says="(x - mean) / std", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return (args[0] * std + mean,) + tuple(args[1:])
    return module.register_forward_pre_hook(hook)
'''),
        Right("a with_kwargs pre-hook that returns (args, kwargs)", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args, kwargs):
        new_args = list(args)
        new_args[0] = (new_args[0] - mean) / std
        return tuple(new_args), kwargs
    return module.register_forward_pre_hook(hook, with_kwargs=True)
'''),
        Right("a lambda with tuple concatenation", source='''
def add_input_standardization(module, mean, std):
    return module.register_forward_pre_hook(lambda m, args: ((args[0] - mean) / std,) + args[1:])
'''),
    ],
    "ex7_4_grad_norm_logger": [
        Wrong("closure reads the loop variable late", says="late binding", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output):
                log[name].append(grad_output[0].norm().item())

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("logs the gradient with respect to the input", says="Yours is the norm of grad_input[0]", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_input[0].norm().item())

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("logs the squared norm", says="Yours is the squared norm", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].pow(2).sum().item())

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("appends tensors instead of floats", says="Python floats", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].detach().norm())

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("uses the deprecated register_backward_hook", says="register_full_backward_hook", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())

            handles.append(module.register_backward_hook(hook))
    return log, handles
'''),
        Wrong("tensor hooks on the outputs instead of module backward hooks", says="register_full_backward_hook",
              source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def forward_hook(mod, args, output, name=name):
                output.register_hook(lambda g: log[name].append(g.norm().item()))

            handles.append(module.register_forward_hook(forward_hook))
    return log, handles
'''),
        Wrong("overwrites the list on every backward pass", says="after two passes", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name] = [grad_output[0].norm().item()]

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("hooks every module, not only nn.Linear", says="one key per nn.Linear", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        log[name] = []

        def hook(mod, grad_input, grad_output, name=name):
            log[name].append(grad_output[0].norm().item())

        handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("returns only the last handle", says="still there", source='''
def attach_grad_norm_logger(model):
    log = {}
    handle = None
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())

            handle = module.register_full_backward_hook(hook)
    return log, [handle]
'''),
        Wrong("walks named_children, missing nested layers", says="nested", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_children():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Right("functools.partial binds the name", source='''
from functools import partial


def _log_norm(log, name, module, grad_input, grad_output):
    log[name].append(float(torch.linalg.vector_norm(grad_output[0])))


def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if type(module) is nn.Linear or isinstance(module, nn.Linear):
            log[name] = []
            handles.append(module.register_full_backward_hook(partial(_log_norm, log, name)))
    return log, handles
'''),
        Right("a callable object per layer", source='''
class _NormLogger:
    def __init__(self, values):
        self.values = values

    def __call__(self, module, grad_input, grad_output):
        self.values.append(grad_output[0].norm().item())


def attach_grad_norm_logger(model):
    linears = [(n, m) for n, m in model.named_modules() if isinstance(m, nn.Linear)]
    log = {n: [] for n, _ in linears}
    handles = [m.register_full_backward_hook(_NormLogger(log[n])) for n, m in linears]
    return log, handles
'''),
    ],
}


# Further mistakes and correct variants (second review round).
def _recorder(store, register="register_forward_hook", select="isinstance(module, module_types)", after=""):
    """A record_activations that differs from the solution only in the given pieces."""
    return f'''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {{}}, []

    def make_hook(name):
        def hook(module, args, output):
            {store}
        return hook

    try:
        for name, module in model.named_modules():
            if {select}:
                handles.append(module.{register}(make_hook(name)))
        yield records
    finally:
        for handle in handles:
            handle.remove()
        {after}
'''


def _logger(body, register="register_full_backward_hook"):
    return f'''
def attach_grad_norm_logger(model):
    log, handles = {{}}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                {body}

            handles.append(module.{register}(hook))
    return log, handles
'''


ANSWERS["ex7_1_forward_bypass"] += [
    Wrong("writes the name of the hook that fires, B, instead of the option's letter", says="option b", source='''
answer_7_1 = "B"
'''),
    Wrong("writes the option's text instead of its letter", says="one of the strings", source='''
answer_7_1 = "only B"
'''),
    Wrong("wraps the letter in a list", says="one of the strings", source='''
answer_7_1 = ["c"]
'''),
    Wrong("hedges with two letters", says="one of the strings", source='''
answer_7_1 = "c or d"
'''),
    Right("the letter as printed in the options, with its parenthesis", source='''
answer_7_1 = "c)"
'''),
    Right("the letter in parentheses", source='''
answer_7_1 = "(c)"
'''),
]

ANSWERS["ex7_2_record_activations"] += [
    Wrong("clones the output without detaching it", says="still require grad",
          source=_recorder("records[name] = output.clone()")),
    Wrong("stores output.detach().cpu(), which is no copy on the CPU", says="in-place op",
          source=_recorder("records[name] = output.detach().cpu()")),
    Wrong("keeps a list of every output under each name", says="not a list",
          source=_recorder("records.setdefault(name, []).append(output.detach().clone())")),
    Wrong("records only the first type of module_types (passes the visible tests)", says="every type in module_types",
          source=_recorder("records[name] = output.detach().clone()", select="isinstance(module, module_types[0])")),
    Wrong("matches type(module) exactly, missing subclasses (passes the visible tests)", says="subclasses included",
          source=_recorder("records[name] = output.detach().clone()", select="type(module) in module_types")),
    Wrong("the hook returns the copy, which replaces the module's output", says="return None",
          source=_recorder("records[name] = output.detach().clone()\n            return records[name]")),
    Wrong("empties the dict on exit along with the hooks", says="keep the records",
          source=_recorder("records[name] = output.detach().clone()", after="records.clear()")),
    Right("registers before the try and pops the handles in finally", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    handles = [
        module.register_forward_hook(lambda m, args, out, key=name: records.update({key: out.detach().clone()}))
        for name, module in model.named_modules()
        if isinstance(module, module_types)
    ]
    try:
        yield records
    finally:
        while handles:
            handles.pop().remove()
'''),
]

ANSWERS["ex7_3_input_standardization"] += [
    Wrong("standardizes with the batch's own mean and std, ignoring the arguments", says="ignores the mean and std it is given", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        x = args[0]
        return ((x - x.mean(0)) / x.std(0),) + args[1:]
    return module.register_forward_pre_hook(hook)
'''),
    Wrong("returns a list instead of a tuple", says="not a list", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return [(args[0] - mean) / std, *args[1:]]
    return module.register_forward_pre_hook(hook)
'''),
    Wrong("nests the other inputs in a tuple: (x, args[1:])", says="flat tuple", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return (args[0] - mean) / std, args[1:]
    return module.register_forward_pre_hook(hook)
'''),
    Wrong("rebinds the local args and returns nothing", says="returns None", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        args = ((args[0] - mean) / std,) + args[1:]
    return module.register_forward_pre_hook(hook)
'''),
    Wrong("computes the standardized input under torch.no_grad (passes the visible tests)", says="gradient must flow",
          source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        with torch.no_grad():
            x = (args[0] - mean) / std
        return (x,) + args[1:]
    return module.register_forward_pre_hook(hook)
'''),
    Wrong("standardizes every positional input", says="other positional", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return tuple((a - mean) / std for a in args)
    return module.register_forward_pre_hook(hook)
'''),
    Right("a callable class with sub and div", source='''
class _Standardize:
    def __init__(self, mean, std):
        self.mean, self.std = mean, std

    def __call__(self, module, args):
        return (args[0].sub(self.mean).div(self.std), *args[1:])


def add_input_standardization(module, mean, std):
    handle = module.register_forward_pre_hook(_Standardize(mean, std))
    return handle
'''),
]

ANSWERS["ex7_4_grad_norm_logger"] += [
    Wrong("logs the L1 norm (sum of absolute values)", says="Yours is the L1 norm",
          source=_logger("log[name].append(grad_output[0].abs().sum().item())")),
    Wrong("logs the spectral norm: torch.linalg.norm(g, 2) on a matrix", says="L2 norm of grad_output[0]",
          source=_logger("log[name].append(torch.linalg.norm(grad_output[0], 2).item())")),
    Wrong("logs the weight's gradient through a tensor hook", says="the norm of the weight's gradient", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            handles.append(module.weight.register_hook(lambda g, name=name: log[name].append(g.norm().item())))
    return log, handles
'''),
    Wrong("creates each list lazily inside the hook", says="before any backward pass", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            def hook(mod, grad_input, grad_output, name=name):
                log.setdefault(name, []).append(grad_output[0].norm().item())

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
    Wrong("returns the handles in a dict keyed by name", says="list of the RemovableHandles", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, {}
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())

            handles[name] = module.register_full_backward_hook(hook)
    return log, handles
'''),
    Right("float(torch.linalg.vector_norm(...)) and a tuple of handles", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            values = log[name] = []

            def hook(mod, grad_input, grad_output, values=values):
                values.append(float(torch.linalg.vector_norm(grad_output[0].detach())))

            handles.append(module.register_full_backward_hook(hook))
    return log, tuple(handles)
'''),
    Right("a full backward pre-hook, which receives grad_output too", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())

            handles.append(module.register_full_backward_pre_hook(hook))
    return log, handles
'''),
]


# Third review round (issue 13): answers right only on the visible example's sizes, dtypes or
# structure, contract rules no output shows (model(x) vs model.forward(x), work done twice,
# generator=None, stale gradients), and answers that used to end in a raw traceback.
_THIRD_REVIEW = {
    "ex7_1_forward_bypass": [
        Wrong("leaves the answer as None", says="one of the strings", source='''
answer_7_1 = None
'''),
        Wrong("both hooks fire, in parentheses", says="cannot fire", source='''
answer_7_1 = "(a)"
'''),
        Right("the letter with a full stop", source='''
answer_7_1 = "c."
'''),
    ],
    "ex7_2_record_activations": [
        Wrong("returns the dict instead of yielding it", says="yields the dict", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    for name, module in model.named_modules():
        if isinstance(module, module_types):
            module.register_forward_hook(lambda m, args, out, name=name: records.__setitem__(name, out.detach().clone()))
    return records
'''),
        Wrong("records the module's input with a forward pre-hook", says="holds its input", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_pre_hook(
                    lambda m, args, name=name: records.__setitem__(name, args[0].detach().clone())))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Right("functools.partial hooks and torch.clone(output).detach()", source='''
from functools import partial


def _keep(records, name, module, args, output):
    records[name] = torch.clone(output).detach()


@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    handles = {}
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles[name] = module.register_forward_hook(partial(_keep, records, name))
        yield records
    finally:
        for handle in handles.values():
            handle.remove()
'''),
    ],
    "ex7_3_input_standardization": [
        Wrong("registers with with_kwargs=True but returns only the args tuple", says="the pair (new_args, kwargs)", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args, kwargs):
        return ((args[0] - mean) / std,) + args[1:]
    return module.register_forward_pre_hook(hook, with_kwargs=True)
'''),
        Wrong("registers the pre-hook on every submodule, so a model's inner layers are standardized too", says="on module itself",
              source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return ((args[0] - mean) / std,) + args[1:]
    handle = None
    for sub in module.modules():
        handle = sub.register_forward_pre_hook(hook)
    return handle
'''),
        Right("prepend=True and torch.sub / torch.div", source='''
def add_input_standardization(module, mean, std):
    def hook(mod, args):
        return (torch.div(torch.sub(args[0], mean), std), *args[1:])
    return module.register_forward_pre_hook(hook, prepend=True)
'''),
    ],
    "ex7_4_grad_norm_logger": [
        Wrong("starts the log with dict.fromkeys(names, []), one list shared by every key", says="share one list", source='''
def attach_grad_norm_logger(model):
    linears = [(name, m) for name, m in model.named_modules() if isinstance(m, nn.Linear)]
    log = dict.fromkeys([name for name, _ in linears], [])
    handles = []
    for name, module in linears:
        def hook(mod, grad_input, grad_output, name=name):
            log[name].append(grad_output[0].norm().item())
        handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("matches type(module) is nn.Linear, missing subclasses of nn.Linear", says="subclasses included", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if type(module) is nn.Linear:
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())

            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong("returns only log, not (log, handles)", says="the pair (log, handles)", source='''
def attach_grad_norm_logger(model):
    log = {}
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []

            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())

            module.register_full_backward_hook(hook)
    return log
'''),
        Right("each hook bound to its own list through a default argument", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            handles.append(module.register_full_backward_hook(
                lambda mod, gin, gout, out=log[name]: out.append(gout[0].norm().item())))
    return log, handles
'''),
    ],
}

for _grade_id, _answers in _THIRD_REVIEW.items():
    ANSWERS[_grade_id] += _answers


# Fourth review round (held-out review B): late binding, copies, global hooks, floats, dtypes and
# keyword arguments in the pre-hook, exceptions inside backward hooks, the root and non-Linear layers.
_FOURTH_REVIEW = {
    'ex7_1_forward_bypass': [
        Wrong('answers a letter that is not an option, e', says='one of the strings', source='''
answer_7_1 = "e"
'''),
        Wrong("answers the option's position, 3, instead of its letter", says='one of the strings', source='''
answer_7_1 = 3
'''),
        Right('the letter with its parenthesis and spaces around', source='''
answer_7_1 = " c) "
'''),
    ],
    'ex7_2_record_activations': [
        Wrong('one hook for all modules reads the loop variable name late (was told the qualified names)', says='store under one name', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    def hook(module, args, output):
        records[name] = output.detach().clone()
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(hook))
        yield records
    finally:
        for h in handles:
            h.remove()
'''),
        Wrong('yields a copy of the dict, which the hooks never fill', says='not a copy of it', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    handles = []
    def make_hook(name):
        def hook(module, args, output):
            records[name] = output.detach().clone()
        return hook
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(make_hook(name)))
        yield dict(records)
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong('stores output[0], the first row only (was told only the expected values)', says='store the whole output tensor', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    handles = []
    def make_hook(name):
        def hook(module, args, output):
            records[name] = output[0].detach().clone()
        return hook
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(make_hook(name)))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong('writes the forward hook as hook(module, output)', says='hook(module, args, output)', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    handles = []
    def make_hook(name):
        def hook(module, output):
            records[name] = output.detach().clone()
        return hook
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(make_hook(name)))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
        Wrong('removes the hooks in a finally before the yield', says='register the hooks before yield', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    def make_hook(name):
        def hook(module, args, output):
            records[name] = output.detach().clone()
        return hook
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                handles.append(module.register_forward_hook(make_hook(name)))
    finally:
        for h in handles:
            h.remove()
    yield records
'''),
        Wrong('registers one global module forward hook, filtered by module, removed at the end (was told to register hooks at the start)', says='global module hook', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    names = {m: n for n, m in model.named_modules() if isinstance(m, module_types)}
    def hook(module, args, output):
        if module in names:
            records[names[module]] = output.detach().clone()
    handle = nn.modules.module.register_module_forward_hook(hook)
    try:
        yield records
    finally:
        handle.remove()
'''),
        Right('a lambda per module with a default name, records.__setitem__, handles popped', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records = {}
    handles = [m.register_forward_hook(lambda mod, args, out, n=n: records.__setitem__(n, out.detach().clone()))
               for n, m in model.named_modules() if isinstance(m, module_types)]
    try:
        yield records
    finally:
        while handles:
            handles.pop().remove()
'''),
        Right('one hook, names looked up by module, clone under no_grad, always_call=True', source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []
    names = {}
    def hook(module, args, output):
        with torch.no_grad():
            records[names[module]] = output.clone()
    try:
        for name, module in model.named_modules():
            if isinstance(module, module_types):
                names[module] = name
                handles.append(module.register_forward_hook(hook, always_call=True))
        yield records
    finally:
        for h in handles:
            h.remove()
'''),
    ],
    'ex7_3_input_standardization': [
        Wrong('writes x - mean / std, without parentheses (was told only the expected formula)', says='with parentheses', source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        return (args[0] - mean / std, *args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
        Wrong('divides by the variance, std ** 2', says='divides by std ** 2', source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        return ((args[0] - mean) / std ** 2, *args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
        Wrong('moves mean and std with .to(x.device), which floats do not have (a raw AttributeError before)', says='plain floats', source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        x = args[0]
        return ((x - mean.to(x.device)) / std.to(x.device), *args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
        Wrong('converts mean and std to float64 tensors (was told to return a flat tuple)', says="keep x's dtype", source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        m = torch.as_tensor(mean, dtype=torch.float64)
        s = torch.as_tensor(std, dtype=torch.float64)
        return ((args[0] - m) / s, *args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
        Wrong('puts the standardized x in front of the unchanged args', says='added in front of args', source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        return ((args[0] - mean) / std,) + args
    return module.register_forward_pre_hook(standardize)
'''),
        Wrong("clears the module's other pre-hooks first (passed every test)", says='other hooks alone', source='''
def add_input_standardization(module, mean, std):
    module._forward_pre_hooks.clear()
    def standardize(mod, args):
        return ((args[0] - mean) / std, *args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
        Wrong('a with_kwargs pre-hook that returns empty kwargs (passed every test)', says='Keyword arguments should reach forward', source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args, kwargs):
        return ((args[0] - mean) / std, *args[1:]), {}
    return module.register_forward_pre_hook(standardize, with_kwargs=True)
'''),
        Right('clones x, then subtracts and divides in place on the clone', source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        x = args[0].clone()
        x.sub_(mean).div_(std)
        return (x,) + tuple(args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
        Right("as_tensor in x's dtype and device, times the reciprocal, prepend=True", source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        x = args[0]
        m = torch.as_tensor(mean, dtype=x.dtype, device=x.device)
        s = torch.as_tensor(std, dtype=x.dtype, device=x.device)
        return ((x - m) * s.reciprocal(), *args[1:])
    return module.register_forward_pre_hook(standardize, prepend=True)
'''),
    ],
    'ex7_4_grad_norm_logger': [
        Wrong('takes the norm of the grad_output tuple itself (a raw AttributeError before)', says='take its first element', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output.norm().item())
                
            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong('the hook returns grad_output (a raw RuntimeError before)', says='should return None', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())
                return grad_output
            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong('takes norms along dim 0, then .item() (a raw RuntimeError before)', says='no dim', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm(dim=0).item())
                
            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong('hooks every module that has a weight (passed every test)', says='not every module with a weight', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if hasattr(module, 'weight'):
            log[name] = []
            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())
                
            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong('skips the first entry of named_modules(), the model itself (passed every test)', says='do not skip the root', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in list(model.named_modules())[1:]:
        if isinstance(module, nn.Linear):
            log[name] = []
            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())
                
            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
        Wrong('registers a backward pre-hook and a backward hook on each layer (was told about late binding)', says='one backward hook per nn.Linear', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            def hook(mod, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())
            def hook2(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())
            handles.append(module.register_full_backward_pre_hook(hook))
            handles.append(module.register_full_backward_hook(hook2))
    return log, handles
'''),
        Right('a factory closure per name and float(torch.linalg.vector_norm(...))', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    def make(name):
        def hook(mod, gin, gout):
            log[name].append(float(torch.linalg.vector_norm(gout[0])))
        return hook
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            handles.append(module.register_full_backward_hook(make(name)))
    return log, handles
'''),
        Right('comprehensions, a lambda with a default name, math.sqrt of the sum of squares', source='''
import math
def attach_grad_norm_logger(model):
    log = {n: [] for n, m in model.named_modules() if isinstance(m, nn.Linear)}
    handles = [m.register_full_backward_hook(lambda mod, gi, go, n=n: log[n].append(math.sqrt(go[0].detach().pow(2).sum().item())))
               for n, m in model.named_modules() if isinstance(m, nn.Linear)]
    return log, handles
'''),
        Right('the hook returns grad_input unchanged; handles as a tuple', source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item())
                return grad_input
            handles.append(module.register_full_backward_hook(hook))
    return log, tuple(handles)
'''),
    ],
}

for _grade_id, _answers in _FOURTH_REVIEW.items():
    ANSWERS[_grade_id] += _answers

# Second review of issue 13 (held-out set of review2-4): wrong answers it found, each caught and named.
_REVIEW_2_4 = {
    "ex7_2_record_activations": [
        Wrong("skips the first entry of named_modules(), the model itself (passed every test)", says="the model itself first", source='''
@contextmanager
def record_activations(model, module_types=(nn.ReLU,)):
    records, handles = {}, []

    def make_hook(name):
        def hook(module, args, output):
            records[name] = output.detach().clone()
        return hook

    try:
        for name, module in model.named_modules():
            if name and isinstance(module, module_types):
                handles.append(module.register_forward_hook(make_hook(name)))
        yield records
    finally:
        for handle in handles:
            handle.remove()
'''),
    ],
    "ex7_3_input_standardization": [
        Wrong("converts x to float32 with x.float() (passed every test)", says="no x.float()", source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        return ((args[0].float() - mean) / std, *args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
        Wrong("detaches x before standardizing it", says="gradient must flow", source='''
def add_input_standardization(module, mean, std):
    def standardize(mod, args):
        return ((args[0].detach() - mean) / std, *args[1:])
    return module.register_forward_pre_hook(standardize)
'''),
    ],
    "ex7_4_grad_norm_logger": [
        Wrong("divides the norm by the batch size (was told only the expected value)", says="divided by the batch size", source='''
def attach_grad_norm_logger(model):
    log, handles = {}, []
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            log[name] = []
            def hook(mod, grad_input, grad_output, name=name):
                log[name].append(grad_output[0].norm().item() / grad_output[0].shape[0])
            handles.append(module.register_full_backward_hook(hook))
    return log, handles
'''),
    ],
}

for _grade_id, _answers in _REVIEW_2_4.items():
    ANSWERS[_grade_id] += _answers
