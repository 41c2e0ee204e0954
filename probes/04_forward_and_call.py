"""Probes for 04 (see grader/verdict.py): each runs in the student's kernel after its test cell,
on inputs made from `seed`, and returns plain data that the grader compares with the solution's."""


def ex4_1_forward_skips_hooks_test(seed):
    import random
    rng = random.Random(seed)
    answer = answer_4_1
    letter = answer.strip().strip("().").strip().lower() if type(answer) is str else None
    letter = letter if letter in ("a", "b", "c", "d") else None
    # What the student's option predicts `calls` holds after a seeded number of tiny.forward(x) calls:
    # the entries of one call and how many in all (a wide range, so that two seeds rarely draw one count).
    runs = rng.randint(2, 10**9)
    per_call = {"a": ["pre-hook", "forward hook"], "b": ["forward hook"], "c": [], "d": ["pre-hook"]}.get(letter)
    return {"type": type(answer).__name__, "letter": letter, "runs": runs,
            "calls": None if per_call is None else {"each call": per_call, "entries": len(per_call) * runs}}


def ex4_2_pair_scorer_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    dim_a, dim_b, hidden, batch = rng.randint(2, 7), rng.randint(2, 7), rng.randint(2, 6), rng.randint(2, 7)
    with torch.random.fork_rng(devices=[]):
        torch.default_generator.manual_seed(seed)
        model = PairScorer(dim_a, dim_b, hidden).cpu()
    with torch.no_grad():
        for layer in (model.enc_a, model.enc_b):
            layer.weight.copy_(torch.randn(layer.weight.shape, generator=gen))
            layer.bias.copy_(torch.randn(layer.bias.shape, generator=gen))
    a, b = torch.randn(batch, dim_a, generator=gen), torch.randn(batch, dim_b, generator=gen)
    a1, b1 = torch.randn(1, dim_a, generator=gen), torch.randn(1, dim_b, generator=gen)

    def plain(out):
        if isinstance(out, torch.Tensor):
            return {"shape": list(out.shape), "values": out.detach().cpu().tolist()}
        if isinstance(out, (tuple, list)):
            return {"type": type(out).__name__, "items": [plain(o) for o in out]}
        return {"type": type(out).__name__}

    def call(*args, **kwargs):
        try:
            return plain(model(*args, **kwargs))
        except Exception as error:
            return {"error": type(error).__name__}

    seen = {"score": call(a, b), "keyword": call(a, b, return_embeddings=True),
            "positional": call(a, b, True), "one": call(a1, b1)}
    runs = {"enc_a": 0, "enc_b": 0}
    hooks = [getattr(model, k).register_forward_hook(lambda m, i, o, k=k: runs.__setitem__(k, runs[k] + 1)) for k in runs]
    try:
        with torch.no_grad():
            model(a, b, return_embeddings=True)
    except Exception as error:
        runs["error"] = type(error).__name__
    finally:
        for hook in hooks:
            hook.remove()
    seen["runs"] = runs
    try:                                   # the same model in float64: score follows the model's dtype
        with torch.random.fork_rng(devices=[]):
            torch.default_generator.manual_seed(seed)
            wide = PairScorer(dim_a, dim_b, hidden).cpu().double()
        with torch.no_grad():
            for mine, ours in ((wide.enc_a, model.enc_a), (wide.enc_b, model.enc_b)):
                mine.weight.copy_(ours.weight)
                mine.bias.copy_(ours.bias)
        score64 = wide(a.double(), b.double())
        seen["float64"] = {"dtype": str(getattr(score64, "dtype", type(score64).__name__)), **plain(score64)}
    except Exception as error:
        seen["float64"] = {"error": type(error).__name__}
    score = model(a, b)
    seen["on_graph"] = isinstance(score, torch.Tensor) and score.requires_grad and score.grad_fn is not None
    try:
        (score * torch.randn(score.shape, generator=gen)).sum().backward()
        seen["grads"] = [None if p.grad is None else p.grad.cpu().tolist()
                         for p in (model.enc_a.weight, model.enc_a.bias, model.enc_b.weight, model.enc_b.bias)]
    except Exception as error:
        seen["grads"] = {"error": type(error).__name__}
    return seen


def ex4_3_adaptive_depth_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    dim = rng.randint(3, 6)

    def build(max_steps, tol, weight, bias):
        with torch.random.fork_rng(devices=[]):
            torch.default_generator.manual_seed(seed)
            model = AdaptiveDepth(dim, max_steps=max_steps, tol=tol).cpu()
        with torch.no_grad():
            model.layer.weight.copy_(weight)
            model.layer.bias.copy_(bias)
        return model

    def run(model, x):
        runs = [0]
        hook = model.layer.register_forward_hook(lambda m, i, o: runs.__setitem__(0, runs[0] + 1))
        try:
            out = model(x)
        except Exception as error:
            return {"error": type(error).__name__}
        finally:
            hook.remove()
        seen = {"type": type(out).__name__, "length": len(out) if isinstance(out, (tuple, list)) else None,
                "layer_runs": runs[0]}
        if isinstance(out, (tuple, list)) and len(out) == 2:
            h, steps = out
            seen["steps_type"] = type(steps).__name__
            seen["steps"] = int(steps) if isinstance(steps, (int, torch.Tensor)) else None
            seen["h"] = h.detach().cpu().tolist() if isinstance(h, torch.Tensor) else None
        return seen

    # a contracting layer (not symmetric, with a bias) and a tolerance other than 0.1
    tol = round(rng.uniform(0.15, 0.45), 3)
    weight = 0.5 * torch.eye(dim) + 0.1 * torch.randn(dim, dim, generator=gen) / dim ** 0.5
    main = build(rng.randint(6, 10), tol, weight, 0.03 * torch.randn(dim, generator=gen))
    big = 0.3 * torch.rand(rng.randint(2, 5), dim, generator=gen)
    big[rng.randrange(big.shape[0]), rng.randrange(dim)] = rng.choice([-1, 1]) * rng.uniform(1.5, 3.0)
    small = tol * 0.9 * (2 * torch.rand(rng.randint(1, 4), dim, generator=gen) - 1)
    negative = -(torch.rand(rng.randint(2, 4), dim, generator=gen) + 0.5)
    seen = {"big": run(main, big), "small": run(main, small), "negative": run(main, negative)}
    # a slow layer that reaches max_steps while h is still large
    slow = build(rng.randint(3, 6), 0.1, 0.95 * torch.eye(dim) + 0.02 * torch.randn(dim, dim, generator=gen),
                 0.02 * torch.randn(dim, generator=gen))
    seen["slow"] = run(slow, torch.rand(3, dim, generator=gen) + 0.6)
    # a generic layer
    odd = build(rng.randint(2, 5), 0.1, 0.6 * torch.randn(dim, dim, generator=gen), 0.3 * torch.randn(dim, generator=gen))
    seen["odd"] = run(odd, torch.randn(3, dim, generator=gen))
    # gradients through the recorded loop
    x = big.clone().requires_grad_()
    try:
        h = main(x)[0]
        seen["on_graph"] = bool(h.requires_grad and h.grad_fn is not None)
        (h * torch.randn(h.shape, generator=gen)).sum().backward()
        seen["grads"] = [None if t.grad is None else t.grad.cpu().tolist() for t in (main.layer.weight, main.layer.bias, x)]
    except Exception as error:
        seen["grads"] = {"error": type(error).__name__}
    seen["settings"] = [main.max_steps, main.tol, slow.max_steps, odd.max_steps]   # left as built
    return seen


def ex4_4_residual_block_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    dim, batch = rng.randint(3, 7), rng.randint(2, 6)
    with torch.random.fork_rng(devices=[]):
        torch.default_generator.manual_seed(seed)
        block = ResidualBlock(dim).cpu()
    children = dict(block.named_children())
    seen = {"layers": [isinstance(children.get(name), nn.Linear) for name in ("fc1", "fc2")],
            "shapes": [list(p.shape) for p in (block.fc1.weight, block.fc1.bias, block.fc2.weight, block.fc2.bias)],
            "parameters": sum(p.numel() for p in block.parameters())}
    with torch.no_grad():
        for p in block.parameters():
            p.copy_(torch.randn(p.shape, generator=gen))
    x = torch.randn(batch, dim, generator=gen)
    before = x.clone()
    runs = {"fc1": 0, "fc2": 0}
    hooks = [getattr(block, k).register_forward_hook(lambda m, i, o, k=k: runs.__setitem__(k, runs[k] + 1)) for k in runs]
    try:
        out = block(x)
    finally:
        for hook in hooks:
            hook.remove()
    seen["runs"] = runs
    seen["out"] = out.detach().cpu().tolist()
    seen["shape"] = list(out.shape)
    seen["input_unchanged"] = torch.equal(x, before)
    x = torch.randn(batch, dim, generator=gen, requires_grad=True)
    try:
        out = block(x)
        (out * torch.randn(out.shape, generator=gen)).sum().backward()
        seen["grads"] = [None if t.grad is None else t.grad.cpu().tolist() for t in (x, block.fc1.weight, block.fc2.bias)]
    except Exception as error:
        seen["grads"] = {"error": type(error).__name__}
    return seen


def ex4_5_mode_report_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    dim, batch = rng.randint(4, 8), rng.randint(3, 6)

    def layers(depth):
        """A few layers dim -> dim, with a nested Sequential while depth allows."""
        parts = [nn.Linear(dim, dim)]
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(["relu", "tanh", "bn", "nest"] if depth else ["relu", "tanh", "bn"])
            if kind == "nest":
                parts.append(nn.Sequential(*layers(depth - 1)))
            else:
                parts.append({"relu": nn.ReLU(), "tanh": nn.Tanh(), "bn": nn.BatchNorm1d(dim)}[kind])
        return parts

    def model(dropout, nested_dropout, case):
        """The last dropout ends the model (after a linear layer), so its mask always shows."""
        torch.default_generator.manual_seed(seed + case)
        top = layers(2) + [nn.Sequential(*layers(1))]    # grandchildren, at least
        if dropout:
            top.insert(rng.randint(1, len(top)) if nested_dropout else len(top), nn.Dropout(rng.uniform(0.3, 0.6)))
        if nested_dropout:
            top.append(nn.Sequential(nn.Linear(dim, dim), nn.Dropout(rng.uniform(0.3, 0.6))))
        net = nn.Sequential(*top)
        for m in net.modules():       # arrival modes: some in training mode, some frozen in eval mode
            m.training = rng.random() < 0.6
        return net

    def report(net, n):
        x = torch.randn(batch, dim, generator=gen)
        result = mode_report(net, x, n)
        grad_on = torch.is_grad_enabled()          # left as it was found (a with block)
        torch.set_grad_enabled(True)
        plain = list(result) if isinstance(result, (tuple, list)) else [result]
        return {"type": type(result).__name__, "grad_on": grad_on,
                "report": [v if type(v) is bool else type(v).__name__ for v in plain],
                "flags": [m.training for m in net.modules()]}

    seen = {}
    with torch.random.fork_rng(devices=[]):
        for case in range(3):
            dropout, nested = rng.random() < 0.5, rng.random() < 0.5
            net = model(dropout, nested, case)
            seen[f"case{case}"] = {"dropout": [dropout, nested], **report(net, rng.randint(2, 4))}
        seen["nested_only"] = report(model(False, True, 3), rng.randint(2, 4))
        seen["plain"] = report(model(False, False, 4), rng.randint(2, 4))
        seen["dropout_in_eval"] = report(model(True, False, 5).eval(), rng.randint(2, 4))
        seen["one_call"] = report(model(True, False, 6), 1)
        with torch.no_grad():                      # a caller with gradients off keeps them off
            seen["inside_no_grad"] = report(model(True, False, 7), rng.randint(2, 4))
    forwards, calls, modes = [0], {True: 0, False: 0}, set()

    class Counter(nn.Module):
        def forward(self, x):
            forwards[0] += 1
            return x * 1.0

    def count(module, inputs, output):
        modes.add(torch.is_grad_enabled())
        calls[module.training] += 1

    counter = Counter()
    counter.register_forward_hook(count)
    report(counter, rng.randint(2, 5))
    seen["counted"] = [forwards[0], calls[True], calls[False], sorted(modes)]
    k = rng.randint(3, 5)
    odd_one = rng.randint(2, k - 1)            # neither the first nor the last output differs

    class Middle(nn.Module):
        def __init__(self):
            super().__init__()
            self.seen = 0

        def forward(self, x):
            if self.training:
                self.seen += 1
                return x + float(self.seen == odd_one)
            return x * 1.0

    seen["middle"] = report(Middle(), k)
    return seen
