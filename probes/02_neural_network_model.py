"""Probes for 02 (see grader/verdict.py): each runs in the student's kernel after its test cell,
on inputs made from `seed`, and returns plain data that the grader compares with the solution's."""


def ex2_1_linear_formula_test(seed):
    import random
    import torch
    rng, g = random.Random(seed), torch.Generator().manual_seed(seed)
    choice = answer_2_1.strip().strip("().").strip().lower() if isinstance(answer_2_1, str) else None
    n_in, n_out = rng.sample(range(2, 8), 2)
    batch = rng.choice([n for n in range(2, 10) if n not in (n_in, n_out)])
    W, b, xb = torch.randn(n_out, n_in, generator=g), torch.randn(n_out, generator=g), torch.randn(batch, n_in, generator=g)
    options = {"a": lambda: W @ xb + b, "b": lambda: xb @ W + b, "c": lambda: xb @ W.T + b, "d": lambda: xb @ W.T}
    if choice not in options:
        return {"choice": choice, "type": type(answer_2_1).__name__}
    try:
        value = options[choice]().tolist()
    except RuntimeError as error:
        value = type(error).__name__
    return {"choice": choice, "type": type(answer_2_1).__name__, "value": value}


def ex2_2_shapes_test(seed):
    import random
    rng = random.Random(seed)
    if not isinstance(shapes_2_2, dict):
        return {"type": type(shapes_2_2).__name__}
    keys = sorted(shapes_2_2, key=repr)
    order = rng.sample(keys, len(keys)) + rng.choices(keys, k=rng.randint(1, 4)) if keys else []

    def shape(value):
        if isinstance(value, tuple) and all(isinstance(d, int) and not isinstance(d, bool) for d in value):
            return list(value)
        return f"<{type(value).__name__}>"
    return {"keys": [repr(k) for k in keys], "shapes": [[repr(k), shape(shapes_2_2[k])] for k in order]}


def ex2_3_mlp_forward_test(seed):
    import random
    import torch
    rng, g = random.Random(seed), torch.Generator().manual_seed(seed)
    depths = [1, 2, rng.randint(3, 5)]
    rng.shuffle(depths)
    single = rng.randrange(len(depths))   # that network also gets one 1-D example

    def quarters(k, *shape):   # nonzero multiples of 1/4 up to k/4: float32 sums of products are exact in any order
        sign = torch.randint(0, 2, shape, generator=g) * 2 - 1
        return (torch.randint(1, k + 1, shape, generator=g) * sign).float() / 4
    seen = []
    for case, depth in enumerate(depths):
        sizes = [rng.randint(1, 8)] + [rng.randint(3, 8) for _ in range(depth)]   # wide: some ReLU clips
        weights = [quarters(4, o, i) for i, o in zip(sizes, sizes[1:])]
        biases = [quarters(2, o) for o in sizes[1:]]
        inputs = [quarters(8, rng.randint(3, 6), sizes[0])]
        if case == single:
            inputs.append(quarters(8, sizes[0]))
        for x in inputs:
            xs, ws, bs = x.clone(), [w.clone() for w in weights], [b.clone() for b in biases]
            out = mlp_forward(xs, ws, bs)
            untouched = (torch.equal(xs, x) and len(ws) == len(weights) and len(bs) == len(biases)
                         and all(torch.equal(a, c) for a, c in zip(ws + bs, weights + biases)))
            if isinstance(out, torch.Tensor):
                seen.append({"sizes": sizes, "dtype": str(out.dtype), "shape": list(out.shape),
                             "out": out.detach().cpu().tolist(), "untouched": untouched})
            else:
                seen.append({"sizes": sizes, "type": type(out).__name__, "untouched": untouched})
    # gradients reach every input: Gaussian values here, so no pre-activation is exactly 0, where
    # ReLU's slope is a convention (torch.relu 0, clamp 1, maximum 0.5: all right answers)
    rows = rng.randint(3, 6)
    leaves = [torch.randn(rows, sizes[0], generator=g)] + [torch.randn(w.shape, generator=g) / w.shape[1] ** 0.5 for w in weights] \
        + [torch.randn(b.shape, generator=g) - 0.5 for b in biases]
    leaves = [t.requires_grad_() for t in leaves]
    try:
        out = mlp_forward(leaves[0], leaves[1:1 + len(weights)], leaves[1 + len(weights):])
        out.sum().backward()
        seen.append({"grads": [None if t.grad is None else t.grad.tolist() for t in leaves]})
    except Exception as error:
        seen.append({"grads": type(error).__name__})
    return seen


def ex2_4_count_parameters_test(seed):
    import random
    rng = random.Random(seed)
    lengths = [1, 2, 3, 4, 5, 6, rng.randint(2, 6)]
    rng.shuffle(lengths)
    seen = []
    for n in lengths:
        sizes = [rng.randint(1, 99) for _ in range(n)]
        for bias in rng.sample([True, False], 2):
            given = list(sizes)
            got = count_parameters(given, bias=bias)
            seen.append([sizes, bias, type(got).__name__, int(got), given == sizes])
    return seen


def ex2_5_collapse_linear_test(seed):
    import random
    import torch
    rng, g = random.Random(seed), torch.Generator().manual_seed(seed)
    hidden = [rng.randint(2, 7), rng.randint(1, 7), rng.randint(1, 7)]   # hidden width 1: W2 * W1 == W2 @ W1
    rng.shuffle(hidden)

    def quarters(*shape):   # nonzero multiples of 1/4: W2 @ W1 is exact however it is computed
        sign = torch.randint(0, 2, shape, generator=g) * 2 - 1
        return (torch.randint(1, 5, shape, generator=g) * sign).float() / 4
    seen = []
    for n_hid in hidden:
        n_in, n_out = rng.randint(1, 7), rng.randint(1, 7)
        orig = [quarters(*shape) for shape in [(n_hid, n_in), (n_hid,), (n_out, n_hid), (n_out,)]]
        args = [t.clone() for t in orig]
        res = collapse_linear(*args)
        untouched = all(torch.equal(a, o) for a, o in zip(args, orig))
        kind = [type(res).__name__] + ([type(t).__name__ for t in res] if isinstance(res, (tuple, list)) else [])
        if isinstance(res, (tuple, list)) and len(res) == 2 and all(isinstance(t, torch.Tensor) for t in res):
            W, b = (t.detach().cpu() for t in res)
            seen.append({"sizes": [n_in, n_hid, n_out], "kind": kind, "untouched": untouched, "dtype": str(W.dtype),
                         "W": W.tolist(), "b": b.tolist()})
        else:
            seen.append({"sizes": [n_in, n_hid, n_out], "kind": kind, "untouched": untouched})
    return seen
