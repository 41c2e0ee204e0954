"""Probes for 01 (see grader/verdict.py): each runs in the student's kernel after its test cell,
on inputs made from `seed`, and returns plain data that the grader compares with the solution's."""


def ex1_1_running_mean_test(seed):
    import random
    rng = random.Random(seed)
    values = [round(rng.uniform(-9, 9), 3) for _ in range(rng.randint(5, 15))]
    values.insert(rng.randrange(1, len(values)), 0.0)         # a zero is a value like any other
    values.append(values[rng.randrange(len(values))])         # and a repeated value counts again
    first, second = RunningMean(), RunningMean()
    start = [first.count, first.mean]
    means = [first.update(v) for v in values]
    other = second.update(values[0] * 2 + 1)
    kind = lambda value: "float" if isinstance(value, float) else type(value).__name__
    whole = RunningMean()
    k = rng.randint(-9, 9)
    whole.update(k)
    ints = [kind(RunningMean().update(1)), kind(first.mean), kind(whole.update(k + 2 * rng.randint(1, 5)))]
    return {"start": start, "means": means, "count": first.count, "mean": first.mean,
            "other": [other, second.count], "ints": ints, "whole": whole.mean}


def ex1_2_block_and_scale_test(seed):
    import random
    import torch
    rng = random.Random(seed)
    g = torch.Generator().manual_seed(seed)
    # A float factor with three decimals (the last one odd: never a one-decimal number) and an int one.
    factor = rng.choice([-1, 1]) * (rng.randint(0, 9) + rng.randrange(1, 1000, 2) / 1000)
    whole = rng.choice([k for k in range(-9, 10) if k not in (0, 1)])
    scale, other = Scale(factor), Scale(whole)
    start = [scale.num_calls, other.num_calls]
    inputs = [round(rng.uniform(-9, 9), 3) for _ in range(rng.randint(2, 6))]
    outputs = [scale(x) for x in inputs]
    direct = scale.forward(inputs[0])           # forward called directly: not a call
    tensor = torch.randn(rng.randint(2, 5), generator=g)
    before = tensor.tolist()
    scaled = other(tensor)
    counts = [scale.num_calls, other.num_calls]

    runs = [0]

    class Shift(Block):
        def __init__(self, k):
            super().__init__()
            self.k = k

        def forward(self, a, b=0, *, times=1):
            runs[0] += 1
            return (a + b) * times + self.k

    shift = Shift(rng.randint(-5, 5))
    a, b, t = rng.randint(-9, 9), rng.randint(-9, 9), rng.randint(2, 5)
    shifted = [shift(a), shift(a, b), shift(a, times=t), shift(a, b=b, times=t)]

    class Sub(Scale):                           # Scale's call runs the subclass's forward
        def forward(self, x):
            return [x, self.factor, "sub"]

    sub = Sub(factor)(inputs[-1])
    block_init, inits = vars(Block).get("__init__"), []      # Scale runs Block.__init__ (super().__init__())
    if block_init is not None:
        def counted(self, *args, **kwargs):
            inits.append(type(self).__name__)
            return block_init(self, *args, **kwargs)

        Block.__init__ = counted
        try:
            Scale(factor)
        finally:
            Block.__init__ = block_init
    return {"start": start, "outputs": outputs, "direct": direct, "counts": counts,
            "scaled": scaled.tolist(), "input_after": before == tensor.tolist(),
            "repr": [repr(scale), repr(other), repr(Scale(-factor))],
            "shifted": shifted, "shift_calls": shift.num_calls, "shift_runs": runs[0], "sub": sub,
            "block_init": inits, "fresh": Scale(factor).num_calls, "factor": getattr(Scale(-factor), "factor", None)}


def _random_names(rng, pool, count):
    return [f"{name}{rng.randint(0, 9)}" for name in rng.sample(pool, count)]


def ex1_3_tiny_module_test(seed):
    import random
    import torch
    rng = random.Random(seed)
    g = torch.Generator().manual_seed(seed)

    class Node(TinyModule):
        def __init__(self, plan):
            super().__init__()
            for name, value in plan:
                setattr(self, name, value)

    def make(kind):
        shape = [rng.randint(1, 3) for _ in range(rng.randint(1, 2))]
        if kind == "parameter":
            return nn.Parameter(torch.randn(*shape, generator=g))
        if kind == "tensor":
            return torch.randn(*shape, generator=g)
        if kind == "number":
            return rng.choice([round(rng.uniform(-5, 5), 2), rng.randint(-9, 9)])
        if kind == "plain":
            return TinyModule()                  # a bare TinyModule child
        return Node([])                          # a subclass child

    kinds = ["parameter", "tensor", "number", "plain", "node"]
    report = []
    pool = ["weight", "bias", "scale", "gain", "shift", "alpha", "beta", "emb", "proj", "gate",
            "encoder", "decoder", "head", "body", "first", "second", "left", "right", "block", "stem"]
    for _ in range(rng.randint(2, 3)):
        names = _random_names(rng, pool, rng.randint(6, 9))
        chosen = kinds[:] + [rng.choice(kinds) for _ in names[len(kinds):]]  # every kind at least once
        rng.shuffle(chosen)
        plan = [(name, make(kind)) for name, kind in zip(names, chosen)]
        late = [(name + "_late", make(rng.choice(kinds))) for name in _random_names(rng, pool, 2)]
        module = Node(plan[:-1])
        for name, value in [plan[-1]] + late:   # assigned after __init__: registered all the same
            setattr(module, name, value)
        everything = plan + late
        report.append({
            "parameters": list(module._parameters),
            "modules": list(module._modules),
            "same_parameter": [module._parameters[n] is v for n, v in everything if n in module._parameters],
            "same_module": [module._modules[n] is v for n, v in everything if n in module._modules],
            "readable": [getattr(module, n, None) is v for n, v in everything],
            "numbers": [getattr(module, n, None) for n, v in everything if isinstance(v, (int, float))],
        })
    first, second = Node([]), Node([])
    first.weight = nn.Parameter(torch.zeros(1))

    class Tagged(nn.Parameter):                  # a subclass of nn.Parameter is a parameter too
        pass

    setattr(second, f"tagged{rng.randint(0, 9)}", Tagged(torch.zeros(1)))
    again = Node([])                             # re-assigning a registered name: replaced, in place
    names = _random_names(rng, pool, 3)
    for name in names:
        setattr(again, name, nn.Parameter(torch.zeros(1)) if name[0] < "m" else Node([]))
    renamed = rng.choice(names)
    new = nn.Parameter(torch.ones(1)) if renamed[0] < "m" else Node([])
    setattr(again, renamed, new)
    registry = again._parameters if renamed[0] < "m" else again._modules
    return {"modules": report, "own_dicts": [first._parameters is second._parameters,
                                             list(second._parameters), list(TinyModule()._modules)],
            "again": [list(again._parameters), list(again._modules), registry.get(renamed) is new]}


def ex1_3_tiny_module_test_2(seed):
    import random
    import torch
    rng = random.Random(seed)
    g = torch.Generator().manual_seed(seed)
    labels, made = {}, []                       # id -> label of every parameter built here

    def parameter(shared=True):
        if shared and made and rng.random() < 0.15:
            return rng.choice(made)             # shared (tied) with an earlier module
        shape = [rng.randint(1, 3) for _ in range(rng.randint(1, 2))]
        zero = rng.random() < 0.3               # equal values, different objects
        p = nn.Parameter(torch.zeros(*shape) if zero else torch.randn(*shape, generator=g))
        labels[id(p)] = f"p{len(labels)}"
        if shared:
            made.append(p)
        return p

    class Node(TinyModule):
        def __init__(self, depth, deep=0):
            super().__init__()
            names = _random_names(rng, ["weight", "bias", "scale", "gain", "shift", "alpha", "encoder",
                                        "decoder", "head", "body", "first", "second", "left", "right"],
                                  rng.randint(3 if depth == 0 else 1, 5))
            kinds = ["parameter" if depth > 2 or rng.random() < 0.55 else "child" for _ in names]
            if depth == 0:                        # a child assigned before a parameter of the root
                kinds[0], kinds[-1], deep = "child", "parameter", 3
            elif deep:                            # the root's first child holds a grandchild...
                kinds[0] = "child" if deep > 1 else "own"   # ...that holds a parameter of its own
            for index, (name, kind) in enumerate(zip(names, kinds)):  # children and parameters interleaved
                setattr(self, name, parameter(kind == "parameter") if kind != "child"
                        else Node(depth + 1, deep=deep - 1 if index == 0 else 0))

    root = Node(0)
    walk = lambda module: [[name, labels.get(id(p), "copy")] for name, p in module.named_parameters()]
    first, again = walk(root), walk(root)
    root.extra = parameter()                     # a root parameter assigned last still comes first
    setattr(root, next(iter(root._parameters)), parameter(False))  # re-assigned: keeps its place
    child = next(iter(root._modules.values()))
    child.tied = made[0]                         # shared: listed once, under its first name
    size = rng.randint(1, 4)
    for index, module in enumerate((root, child, child)):  # equal values, different objects: all listed
        twin = nn.Parameter(torch.zeros(size))
        labels[id(twin)] = f"twin{index}"
        setattr(module, f"twin{index}", twin)
    return {"first": first, "again": again, "after": walk(root), "child": walk(child),
            "count": len(list(root.parameters())),
            "values": [p.tolist() for _, p in root.named_parameters()][:3]}
