"""Probes for 05 (see grader/verdict.py): each runs in the student's kernel after its test cell,
on inputs made from `seed`, and returns plain data that the grader compares with the solution's."""


def _p05_linear(n_in, n_out, gen, dtype=None, scale=1.0):
    """A fresh nn.Linear with weights drawn from `gen` (built without touching the global RNG)."""
    dtype = dtype or torch.float32
    with torch.random.fork_rng(devices=[]):
        layer = nn.Linear(n_in, n_out, dtype=dtype)
    with torch.no_grad():
        layer.weight.copy_(scale * torch.randn(n_out, n_in, generator=gen, dtype=dtype))
        layer.bias.copy_(scale * torch.randn(n_out, generator=gen, dtype=dtype))
    return layer


def _p05_flat(module):
    return torch.cat([p.detach().cpu().flatten() for p in module.parameters()]).tolist()


def _p05_two_part(rng, gen, n_in, classes, head_first=False, dtype=None):
    """A model with children .body (at least two Linear layers) and .head, of drawn sizes."""
    class TwoPart(nn.Module):
        def __init__(self):
            super().__init__()
            sizes = [n_in] + [rng.randint(3, 7) for _ in range(rng.randint(2, 3))]
            layers = []
            for a, b in zip(sizes, sizes[1:]):
                layers += [_p05_linear(a, b, gen, dtype, 0.5), rng.choice([nn.ReLU, nn.Tanh])()]
            body = nn.Sequential(*layers)
            if rng.random() < 0.5:
                head = _p05_linear(sizes[-1], classes, gen, dtype, 0.5)
            else:
                mid = rng.randint(3, 6)
                head = nn.Sequential(_p05_linear(sizes[-1], mid, gen, dtype, 0.5), nn.Tanh(),
                                     _p05_linear(mid, classes, gen, dtype, 0.5))
            if head_first:
                self.head, self.body = head, body
            else:
                self.body, self.head = body, head

        def forward(self, x):
            return self.head(self.body(x))

    return TwoPart()


def ex5_1_late_layer_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    letter = answer_5_1.strip().strip("().").strip().lower() if isinstance(answer_5_1, str) else None
    if letter not in ("a", "b", "c", "d"):
        return {"letter": None, "type": type(answer_5_1).__name__}
    # What the chosen option predicts for a drawn model: the late layer's .grad and its weight
    # after `steps` training steps (for "a": where training every parameter puts it).
    n_in, hidden, n_out, steps = rng.randint(2, 6), rng.randint(2, 5), rng.randint(1, 4), rng.randint(2, 6)
    lr = round(rng.uniform(0.05, 0.3), 3)
    first, late = _p05_linear(n_in, hidden, gen), _p05_linear(hidden, n_out, gen)
    x, y = torch.randn(16, n_in, generator=gen), torch.randn(16, n_out, generator=gen)
    if letter == "c":
        return {"letter": letter, "type": "str", "has_grad": None, "late_weight": None}
    if letter == "a":
        model = nn.Sequential(first, late)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        for _ in range(steps):
            opt.zero_grad()
            F.mse_loss(model(x), y).backward()
            opt.step()
    return {"letter": letter, "type": "str", "has_grad": letter != "d", "late_weight": late.weight.detach().tolist()}


def ex5_2_train_step_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    seen = {}
    with torch.random.fork_rng(devices=[]):
        # regression with stale gradients already in .grad, two calls with the same SGD
        n_in, n_out, batch = rng.randint(2, 6), rng.randint(2, 5), rng.randint(6, 20)
        lr = round(rng.uniform(0.02, 0.4), 3)
        net = _p05_linear(n_in, n_out, gen, torch.float64)
        for p in net.parameters():
            p.grad = rng.uniform(5, 50) * torch.randn(p.shape, generator=gen, dtype=torch.float64)
        opt = torch.optim.SGD(net.parameters(), lr=lr)
        outs = []
        for _ in range(2):
            x = torch.randn(batch, n_in, generator=gen, dtype=torch.float64)
            y = torch.randn(batch, n_out, generator=gen, dtype=torch.float64)
            x_before, y_before = x.clone(), y.clone()
            out = train_step(net, opt, nn.MSELoss(), x, y)
            # the pre-step loss, the model left in train mode, x and y left as they are, the lr untouched
            outs.append([type(out).__name__, float(out), net.training, torch.equal(x, x_before) and torch.equal(y, y_before),
                         opt.param_groups[0]["lr"] == lr])
        seen["regression"] = {"returned": outs, "weights": _p05_flat(net)}

        # a classifier: the loss_fn and the optimizer (Adam) given, not fixed ones
        n_in, classes, batch = rng.randint(2, 6), rng.randint(2, 5), rng.randint(6, 20)
        clf = _p05_linear(n_in, classes, gen, torch.float64)
        opt = torch.optim.Adam(clf.parameters(), lr=round(rng.uniform(0.01, 0.1), 3))
        outs = []
        for _ in range(rng.randint(2, 3)):
            x = torch.randn(batch, n_in, generator=gen, dtype=torch.float64)
            y = torch.randint(0, classes, (batch,), generator=gen)
            out = train_step(clf, opt, nn.CrossEntropyLoss(), x, y)
            outs.append([type(out).__name__, float(out)])
        seen["classifier"] = {"returned": outs, "weights": _p05_flat(clf)}

        # one output per example: model(x) of shape (N, 1), like y
        n_in, batch = rng.randint(2, 6), rng.randint(6, 20)
        reg = _p05_linear(n_in, 1, gen, torch.float64)
        x = torch.randn(batch, n_in, generator=gen, dtype=torch.float64)
        y = torch.randn(batch, 1, generator=gen, dtype=torch.float64)
        out = train_step(reg, torch.optim.SGD(reg.parameters(), lr=round(rng.uniform(0.02, 0.4), 3)), nn.MSELoss(), x, y)
        seen["one_output"] = {"returned": [type(out).__name__, float(out)], "weights": _p05_flat(reg)}
    return seen


def ex5_3_fit_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    f64 = torch.float64
    seen = {}
    with torch.random.fork_rng(devices=[]):
        # full batch (batch_size = len(X)): the order of the examples cannot change the result
        n, d, classes, epochs = rng.randint(12, 30), rng.randint(3, 8), rng.randint(2, 5), rng.randint(2, 5)
        X, y = torch.randn(n, d, generator=gen, dtype=f64), torch.randint(0, classes, (n,), generator=gen)
        net = nn.Sequential(_p05_linear(d, rng.randint(3, 7), gen, f64, 0.5), nn.Tanh())
        net.append(_p05_linear(net[0].out_features, classes, gen, f64, 0.5))
        history = fit(net, X, y, epochs=epochs, lr=round(rng.uniform(0.01, 0.1), 3), batch_size=n,
                      generator=torch.Generator().manual_seed(rng.randint(0, 10**6)))
        seen["full_batch"] = {"types": ["float" if isinstance(v, float) else type(v).__name__ for v in history], "history": history,
                              "weights": _p05_flat(net)}

        # lr = 0 on equal mini-batches: each epoch's mean of batch losses is the loss on the whole set
        batch_size, batches = rng.randint(3, 8), rng.randint(2, 5)
        n = batch_size * batches
        X, y = torch.randn(n, d, generator=gen, dtype=f64), torch.randint(0, classes, (n,), generator=gen)
        frozen = nn.Sequential(_p05_linear(d, classes, gen, f64, rng.uniform(2, 5)))
        history = fit(frozen, X, y, epochs=rng.randint(2, 3), lr=0.0, batch_size=batch_size,
                      generator=torch.Generator().manual_seed(rng.randint(0, 10**6)))
        seen["lr_zero"] = {"types": ["float" if isinstance(v, float) else type(v).__name__ for v in history], "history": history}

        # which examples each training step sees (column 0 holds each example's index)
        class Recorder(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.lin = _p05_linear(n_features, 3, gen, f64)
                self.batches = []

            def forward(self, x):
                if torch.is_grad_enabled():
                    self.batches.append([int(i) for i in x[:, 0].tolist()])
                return self.lin(x[:, 1:])

        batch_size = rng.randint(3, 7)
        n = batch_size * rng.randint(2, 4) + rng.randint(1, batch_size - 1)
        epochs = rng.randint(2, 4)
        Xr = torch.cat([torch.arange(n, dtype=f64)[:, None], torch.randn(n, 2, generator=gen, dtype=f64)], dim=1)
        yr = torch.randint(0, 3, (n,), generator=gen)

        def batches_seen(generator_seed, global_seed):
            torch.default_generator.manual_seed(global_seed)   # CPU only, inside fork_rng: the notebook's state comes back
            rec = Recorder(2)
            fit(rec, Xr, yr, epochs=epochs, lr=0.01, batch_size=batch_size,
                generator=torch.Generator().manual_seed(generator_seed))
            return rec.batches

        seeds = rng.sample(range(1, 10**6), 3)
        seen_batches = batches_seen(seeds[0], seeds[1])
        per_epoch = len(seen_batches) // epochs if len(seen_batches) % epochs == 0 else None
        orders = ([sum(seen_batches[k * per_epoch:(k + 1) * per_epoch], []) for k in range(epochs)]
                  if per_epoch else [])
        seen["batches"] = {
            "sizes": [len(b) for b in seen_batches],
            "each_epoch_sees_all_once": [sorted(o) == list(range(n)) for o in orders],
            "distinct_epoch_orders": len({tuple(o) for o in orders}),
            "same_generator_same_batches": batches_seen(seeds[0], seeds[2]) == seen_batches,
            "other_generator_other_batches": batches_seen(seeds[2], seeds[1]) != seen_batches,
        }
    return seen


def ex5_3_fit_test_2(seed):
    # As its test cell: with the test's settings (a 64-32-10 net, 10 epochs, lr 1e-2, batches of
    # 64 on digits_split()), fit reaches 0.90 held-out accuracy and halves its epoch loss; here
    # from a drawn initialization and shuffling. The judge checks that, on the plain data.
    gen = torch.Generator().manual_seed(seed)
    X_tr, y_tr, X_te, y_te = digits_split()
    with torch.random.fork_rng(devices=[]):
        net = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
        with torch.no_grad():
            for layer in (net[0], net[2]):
                bound = layer.in_features ** -0.5
                layer.weight.uniform_(-bound, bound, generator=gen)
                layer.bias.uniform_(-bound, bound, generator=gen)
        history = fit(net, X_tr, y_tr, epochs=10, lr=1e-2, batch_size=64, generator=gen)
    with torch.no_grad():
        predicted = net(X_te).argmax(dim=1)
    return {"history": [float(v) for v in history], "predicted": predicted.tolist(), "labels": y_te.tolist()}


def _judge_ex5_3_fit_test_2(expected, got):
    """'' when the answer predicts the held-out labels (the solution's) at 0.90 and its epoch
    loss halves over 10 epochs, as the test cell asks."""
    labels, predicted, history = expected["labels"], got["predicted"], got["history"]
    if len(predicted) != len(labels):
        return "answer['predicted'] (length)"
    if sum(p == y for p, y in zip(predicted, labels)) < 0.90 * len(labels):
        return "answer['predicted'] (accuracy below 0.90)"
    if len(history) != 10 or not history[-1] < 0.5 * history[0]:
        return "answer['history']"
    return ""


def ex5_4_finetune_head_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    n_in, classes, batch = rng.randint(4, 10), rng.randint(2, 5), rng.randint(10, 30)
    with torch.random.fork_rng(devices=[]):
        model = _p05_two_part(rng, gen, n_in, classes, head_first=rng.random() < 0.5)
        X, y = torch.randn(batch, n_in, generator=gen), torch.randint(0, classes, (batch,), generator=gen)
        finetune_head(model, X, y, steps=rng.randint(2, 5), lr=round(rng.uniform(0.1, 0.6), 3))
    # the count returned is test_2's concern, as in the test cells
    return {"requires_grad": [[name, p.requires_grad] for name, p in model.named_parameters()],
            "body": _p05_flat(model.body), "head": _p05_flat(model.head)}


def ex5_4_finetune_head_test_2(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    counts = []
    with torch.random.fork_rng(devices=[]):
        for _ in range(2):
            n_in, classes = rng.randint(4, 12), rng.randint(2, 6)
            model = _p05_two_part(rng, gen, n_in, classes, head_first=rng.random() < 0.5)
            X, y = torch.randn(8, n_in, generator=gen), torch.randint(0, classes, (8,), generator=gen)
            count = finetune_head(model, X, y, steps=1, lr=0.1)
            counts.append([type(count).__name__, count])
    return {"counts": counts}


def ex5_5_make_optimizer_test(seed):
    import random
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    seen = []
    for head_first in (False, True):                   # body and head are taken by name, not by order
        with torch.random.fork_rng(devices=[]):
            model = _p05_two_part(rng, gen, rng.randint(3, 8), rng.randint(2, 5), head_first=head_first)
        names = {id(p): name for name, p in model.named_parameters()}
        body_lr, head_lr = rng.choice([1e-4, 1e-3, 2e-3, 5e-3, 0.01]) * rng.randint(1, 9), round(rng.uniform(0.02, 0.5), 3)
        opt = make_optimizer(model, body_lr=body_lr, head_lr=head_lr)
        seen.append({
            "type": type(opt).__name__,
            "groups": [{"params": sorted(names.get(id(p), "?") for p in group["params"]),
                        "lr": group.get("lr"), "momentum": group.get("momentum"),
                        "options": [group.get(key) for key in ("dampening", "weight_decay", "nesterov", "maximize")]}
                       for group in opt.param_groups],
            "stepped": any(p.grad is not None for p in model.parameters()),
        })
    return seen
