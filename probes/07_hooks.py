"""Probes for 07 (see grader/verdict.py): each runs in the student's kernel after its test cell,
on inputs made from `seed`, and returns plain data that the grader compares with the solution's."""


def _p07_linear(gen, n_in, n_out):
    """A fresh nn.Linear whose weights come from `gen`; the global RNG is left as it was."""
    with torch.random.fork_rng(devices=[]):
        layer = nn.Linear(n_in, n_out)
    with torch.no_grad():
        layer.weight.copy_(torch.randn(layer.weight.shape, generator=gen))
        layer.bias.copy_(torch.randn(layer.bias.shape, generator=gen))
    return layer


def _p07_net(rng, gen, n_in, flat=False):
    """A seeded MLP with nested blocks: Linear layers, then a mix of activations, one of them an
    in-place ReLU right after a Linear, a nested ReLU (unless `flat`) and a ReLU6 (an nn.Hardtanh)."""
    n_blocks = rng.randint(3, 5)
    acts = ["relu_inplace", "relu6", "relu"] + [rng.choice(["relu", "tanh", "sigmoid", "relu6"])
                                                 for _ in range(n_blocks - 3)]
    rng.shuffle(acts)
    nested = rng.choice([i for i, act in enumerate(acts) if act in ("relu", "relu_inplace")])
    make = {"relu": lambda: nn.ReLU(), "relu_inplace": lambda: nn.ReLU(inplace=True), "tanh": lambda: nn.Tanh(),
            "sigmoid": lambda: nn.Sigmoid(), "relu6": lambda: nn.ReLU6()}
    top, width = [], n_in
    for index, act in enumerate(acts):
        out = rng.randint(2, 6)
        block = [_p07_linear(gen, width, out), make[act]()]
        width = out
        if index == nested and not flat:
            top.append(nn.Sequential(*block, *([nn.Identity()] if rng.random() < 0.5 else [])))
        else:
            top += block
    top.append(_p07_linear(gen, width, rng.randint(2, 4)))
    return nn.Sequential(*top)


def ex7_1_forward_bypass_test(seed):
    import random
    rng = random.Random(seed)
    letter = answer_7_1.strip().strip("().").strip().lower() if isinstance(answer_7_1, str) else None
    claim = {"a": (True, True), "b": (False, False), "c": (False, True), "d": (True, False)}.get(letter)
    # What the student's option predicts for a seeded model: which hooks fire on model.forward(x),
    # the model's own (named "") and those of the hooked children.
    hooked = sorted(rng.sample([str(i) for i in range(rng.randint(2, 6))], rng.randint(1, 2)))
    fired = None if claim is None else ([""] if claim[0] else []) + (hooked if claim[1] else [])
    return {"letter": letter if letter in ("a", "b", "c", "d") else None,
            "type": type(answer_7_1).__name__, "fired": fired}


def ex7_2_record_activations_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    n_in = rng.randint(3, 6)
    net = _p07_net(rng, gen, n_in)
    show = lambda v: v.tolist() if isinstance(v, torch.Tensor) else f"<{type(v).__name__}>"

    # the default module_types, with autograd on: the hooks must not cut the graph
    x = torch.randn(rng.randint(2, 5), n_in, generator=gen)
    target = torch.randn(x.shape[0], net[-1].out_features, generator=gen)
    with record_activations(net) as acts:
        ((net(x) - target) ** 2).mean().backward()
    default = {"dict": isinstance(acts, dict), "keys": sorted(acts),
               "values": {k: show(v) for k, v in acts.items()},
               "requires_grad": {k: bool(getattr(v, "requires_grad", False)) for k, v in acts.items()},
               "grads": [None if p.grad is None else p.grad.norm().item() for p in net.parameters()]}

    # several types, in a seeded order, two passes without grad: only the most recent output stays
    has_sigmoid = any(isinstance(m, nn.Sigmoid) for m in net.modules())
    types = [nn.Linear, nn.Hardtanh] + ([nn.Sigmoid] if has_sigmoid and rng.random() < 0.5 else [])
    rng.shuffle(types)
    passes = [torch.randn(rng.randint(2, 6), n_in, generator=gen) for _ in range(2)]
    with record_activations(net, module_types=tuple(types)) as acts:
        with torch.no_grad():
            for x in passes:
                _ = net(x)
    typed = {"types": [t.__name__ for t in types], "keys": sorted(acts),
             "values": {k: show(v) for k, v in acts.items()}}

    # the model itself (named '') is recorded too when its type is asked for
    with record_activations(net, module_types=(nn.Sequential,)) as acts:
        with torch.no_grad():
            _ = net(passes[0])
    root = {"keys": sorted(acts), "values": {k: show(v) for k, v in acts.items()}}
    return {"default": default, "typed": typed, "root": root}


def ex7_2_record_activations_test_2(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    n_in = rng.randint(3, 6)
    net = _p07_net(rng, gen, n_in, flat=True)   # nesting is the first test cell's business
    modules = dict(net.named_modules())
    counts = lambda: {n: [len(m._forward_hooks), len(m._forward_pre_hooks)] for n, m in modules.items()}
    changed = lambda before: sorted(n for n, c in counts().items() if c != before[n])
    from torch.nn.modules import module as internals
    global_hooks = lambda: len(internals._global_forward_hooks) + len(internals._global_forward_pre_hooks)

    # someone else's hooks, on a seeded choice of modules (a ReLU among them)
    theirs, handles = [], []
    relus = [n for n, m in modules.items() if isinstance(m, nn.ReLU)]
    for name in sorted(set(rng.sample(sorted(modules), 2) + [rng.choice(relus)])):
        handles.append(modules[name].register_forward_hook(lambda m, a, o, name=name: theirs.append(name)))
        handles.append(modules[name].register_forward_pre_hook(lambda m, a: None))
    before, globals_before = counts(), global_hooks()
    batch = lambda: torch.randn(rng.randint(2, 6), n_in, generator=gen)

    with record_activations(net) as acts:
        inside = changed(before)
        for _ in range(rng.randint(1, 3)):
            _ = net(batch())
    kept = {k: list(getattr(v, "shape", [])) for k, v in acts.items()}
    _ = net(batch())
    normal = {"inside": inside, "left": changed(before), "theirs": sorted(theirs),
              "unchanged": kept == {k: list(getattr(v, "shape", [])) for k, v in acts.items()}}

    # an exception inside the block: the hooks go, the exception reaches the caller
    boom = type(f"Boom{rng.randint(100, 999)}", (Exception,), {})
    raised = []
    for kind in ("boom", "shape"):
        try:
            with record_activations(net, module_types=(nn.Linear, nn.ReLU)):
                _ = net(batch())
                if kind == "boom":
                    raise boom()
                _ = net(torch.randn(2, n_in + 1, generator=gen))
        except (boom, RuntimeError) as error:
            raised.append(type(error).__name__)
        else:
            raised.append(None)
        raised.append(changed(before))
    for handle in handles:
        handle.remove()
    return {"normal": normal, "errors": raised, "global": global_hooks() - globals_before}


def ex7_3_input_standardization_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    n_in, n_out, n = rng.randint(2, 6), rng.randint(2, 5), rng.randint(2, 6)
    lin = _p07_linear(gen, n_in, n_out)
    x = torch.randn(n, n_in, generator=gen) * rng.uniform(1, 4) + rng.uniform(-5, 5)
    x_orig = x.clone()
    if rng.random() < 0.5:
        mean, std = torch.randn(n_in, generator=gen) + rng.uniform(-5, 5), torch.rand(n_in, generator=gen) + 0.5
    else:
        mean, std = round(rng.uniform(-5, 5), 3), round(rng.uniform(0.5, 3), 3)

    handle = add_input_standardization(lin, mean, std)
    out = lin(x).detach().tolist()
    x_after = x.tolist()
    kind = type(handle).__name__
    handle.remove()
    x_raw = torch.randn(n, n_in, generator=gen)
    raw = lin(x_raw).detach().tolist()

    # the gradient flows back to x through (x - mean) / std
    handle = add_input_standardization(lin, mean, std)
    x_grad = x_orig.clone().requires_grad_(True)
    (lin(x_grad) * torch.randn(n, n_out, generator=gen)).sum().backward()
    handle.remove()
    grad = None if x_grad.grad is None else x_grad.grad.tolist()

    # the other positional inputs pass through, in order
    class Mix(nn.Module):
        def forward(self, x, *others):
            for index, other in enumerate(others):
                x = (x + other) * (index + 2)
            return x

    mix = Mix()
    m, s = round(rng.uniform(-3, 3), 2), round(rng.uniform(0.5, 4), 2)
    handle = add_input_standardization(mix, m, s)
    inputs = [torch.randn(3, generator=gen) for _ in range(rng.randint(2, 4))]
    mixed = mix(*inputs).tolist()
    handle.remove()

    # keyword arguments reach forward unchanged, and a pre-hook registered before still runs
    class Shift(nn.Module):
        def forward(self, x, shift=0.0):
            return x + shift

    shifter, seen = Shift(), []
    spy = shifter.register_forward_pre_hook(lambda mod, args: seen.append(len(args)))
    handle = add_input_standardization(shifter, m, s)
    shifted = shifter(torch.randn(3, generator=gen), shift=torch.randn(3, generator=gen)).tolist()
    handle.remove()
    spy.remove()
    # another dtype: a float64 module fed a float64 x (mean and std plain floats) stays float64
    lin64 = _p07_linear(gen, n_in, n_out).double()
    handle = add_input_standardization(lin64, m, s)
    out64 = lin64(x_orig.double())
    handle.remove()
    double = [str(out64.dtype), out64.detach().tolist()]
    return {"out": out, "x_after": x_after, "handle": kind, "raw": raw, "grad": grad, "mixed": mixed,
            "shifted": shifted, "spy": seen, "double": double}


def ex7_4_grad_norm_logger_test(seed):
    import random
    from torch.utils.hooks import RemovableHandle
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    n_in = rng.randint(2, 5)
    layers, width = [], n_in
    for _ in range(rng.randint(2, 4)):
        out = rng.randint(2, 6)
        layers.append([_p07_linear(gen, width, out), rng.choice([nn.ReLU, nn.Tanh])()])
        width = out
    top = []
    for block in layers:
        top += [nn.Sequential(*block)] if rng.random() < 0.4 else block
    top.append(_p07_linear(gen, width, rng.randint(2, 4)))
    net = nn.Sequential(*top)

    log, handles = attach_grad_norm_logger(net)
    show = lambda values: [v if type(v) is float else f"<{type(v).__name__}>" for v in values]
    start = {k: show(v) for k, v in log.items()} if isinstance(log, dict) else f"<{type(log).__name__}>"
    target = None
    for _ in range(2):
        x = torch.randn(rng.randint(2, 6), n_in, generator=gen).requires_grad_(True)
        if target is None or target.shape[0] != x.shape[0]:
            target = torch.randn(x.shape[0], net[-1].out_features, generator=gen)
        ((net(x) - target) ** 2).mean().backward()
    logged = {k: show(v) for k, v in log.items()}
    linears = [m for m in net.modules() if isinstance(m, nn.Linear)]
    full = [m._is_full_backward_hook is True or len(m._backward_pre_hooks) > 0 for m in linears]
    kinds = [isinstance(handles, (list, tuple))] + [isinstance(h, RemovableHandle) for h in handles]
    for handle in handles:
        if isinstance(handle, RemovableHandle):
            handle.remove()
    left = sum(len(m._backward_hooks) + len(m._backward_pre_hooks) + len(m._forward_hooks)
               + len(m._forward_pre_hooks) for m in net.modules())
    x = torch.randn(3, n_in, generator=gen).requires_grad_(True)
    net(x).sum().backward()
    after = {k: len(v) for k, v in log.items()}

    # the model itself an nn.Linear (named ''), and a LayerNorm, which has a weight but is no Linear
    single = _p07_linear(gen, rng.randint(2, 5), rng.randint(2, 4))
    with torch.random.fork_rng(devices=[]):
        normed = nn.Sequential(_p07_linear(gen, n_in, 4), nn.LayerNorm(4), _p07_linear(gen, 4, 2))
    roots = {}
    for label, model in (("single", single), ("normed", normed)):
        log, handles = attach_grad_norm_logger(model)
        x = torch.randn(3, model.in_features if label == "single" else n_in, generator=gen).requires_grad_(True)
        model(x).sum().backward()
        for handle in handles:
            handle.remove()
        roots[label] = {k: show(v) for k, v in log.items()}
    return {"start": start, "logged": logged, "full": full, "handles": kinds, "left": left, "after": after,
            "roots": roots}
