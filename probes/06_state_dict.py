"""Probes for 06 (see grader/verdict.py): each runs in the student's kernel after its test cell,
on inputs made from `seed`, and returns plain data that the grader compares with the solution's."""


def ex6_1_reference_or_copy_test(seed):
    # the letter, and what it predicts `print(sd[...])` shows for a seeded layer and fill value
    import random
    rng = random.Random(seed)
    choice = answer_6_1.strip().strip("().").strip().lower() if isinstance(answer_6_1, str) else None
    g = torch.Generator().manual_seed(seed)
    with torch.random.fork_rng(devices=[]):
        layer = nn.Linear(rng.randint(2, 5), rng.randint(2, 6))
    with torch.no_grad():
        layer.bias.copy_(torch.randn(layer.bias.shape, generator=g))
    sd = layer.state_dict()
    before = sd["bias"].clone().tolist()
    with torch.no_grad():
        layer.bias.fill_(round(rng.uniform(-9, 9), 2))
    predicted = {"a": before, "b": sd["bias"].tolist(), "c": "RuntimeError"}
    return {"choice": choice, "prints": predicted.get(choice)}


def ex6_2_save_and_reload_test(seed):
    import os
    import random
    import tempfile
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    n_in, n_out = rng.randint(2, 6), rng.randint(2, 5)
    widths = [rng.randint(3, 8) for _ in range(rng.randint(1, 2))]
    act = rng.choice([nn.ReLU, nn.Tanh, nn.Sigmoid])

    shared = []   # True when a model built here is handed the original's own tensors to load

    class Fresh(nn.Sequential):
        def load_state_dict(self, state_dict, *args, **kwargs):
            mine = {t.data_ptr() for t in orig.state_dict().values()}
            shared.append(any(hasattr(t, "data_ptr") and t.data_ptr() in mine for t in state_dict.values()))
            return super().load_state_dict(state_dict, *args, **kwargs)

    def build():
        with torch.random.fork_rng(devices=[]):
            layers, last = [], n_in
            for width in widths:
                layers += [nn.Linear(last, width), nn.BatchNorm1d(width), act()]
                last = width
            return Fresh(*layers, nn.Linear(last, n_out))

    def fill(m, g):
        with torch.no_grad():
            for key, t in m.state_dict().items():
                if t.is_floating_point():
                    t.copy_(torch.randn(t.shape, generator=g))
                    if key.endswith("running_var"):
                        t.abs_().add_(0.5)
                else:
                    t.fill_(int(torch.randint(1, 100, (), generator=g)))
        return m

    made = []

    def make_model():
        made.append(fill(build(), torch.Generator().manual_seed(seed + 1)))
        return made[-1]

    orig = fill(build(), gen).eval()
    before = {k: v.clone() for k, v in orig.state_dict().items()}
    x = torch.randn(rng.randint(3, 7), n_in, generator=gen)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "given"))
        path = os.path.join(d, "given", f"w{rng.randint(0, 999)}.pt")
        os.chdir(d)                       # a stray relative file name lands in the temporary folder
        try:
            out = save_and_reload(orig, make_model, path)
        finally:
            os.chdir(cwd)
        saved = os.path.exists(path)
        try:
            file = torch.load(path, weights_only=True)
            file = list(file) if isinstance(file, dict) else type(file).__name__
        except Exception as error:
            file = type(error).__name__
    is_module = isinstance(out, nn.Module)
    seen = {"module": is_module, "made": any(m is out for m in made), "saved": saved, "file": file,
            "original": [orig.training, all(torch.equal(v, orig.state_dict()[k]) for k, v in before.items())]}
    if is_module:
        with torch.no_grad():
            seen |= {"training": out.training, "outputs": out(x).tolist()}
    seen["loads_the_original"] = any(shared)     # not the file: load_state_dict(model.state_dict())

    # once the file exists, make_model() overwrites it with a decoy's weights: only a model filled
    # from the file shows them (a make_model() called before saving sees no file and is not swapped)
    decoy = fill(build(), torch.Generator().manual_seed(seed + 2)).eval()
    spied, swapped = [], []
    with tempfile.TemporaryDirectory() as d:
        spy_path = os.path.join(d, "spy.pt")

        def make_spy():
            if os.path.exists(spy_path):
                torch.save(decoy.state_dict(), spy_path)
                swapped.append(True)
            spied.append(make_model())
            return spied[-1]

        os.chdir(d)
        try:
            out2 = save_and_reload(orig, make_spy, spy_path)
        finally:
            os.chdir(cwd)
    if isinstance(out2, nn.Module) and any(m is out2 for m in spied):
        with torch.no_grad():
            seen["from_file"] = torch.equal(out2.eval()(x), (decoy if swapped else orig)(x))
    else:
        seen["from_file"] = False

    # a file whose tensors claim a GPU no machine has (cuda:99) loads only with map_location="cpu"
    import torch.serialization as serialization
    real_tag = serialization.location_tag
    with tempfile.TemporaryDirectory() as d:
        os.chdir(d)
        serialization.location_tag = lambda storage: "cuda:99"
        try:
            out3 = save_and_reload(orig, make_model, os.path.join(d, "from_gpu.pt"))
            with torch.no_grad():
                seen["gpu_file"] = isinstance(out3, nn.Module) and torch.equal(out3.eval()(x), orig(x))
        except Exception as error:
            seen["gpu_file"] = type(error).__name__
        finally:
            serialization.location_tag = real_tag
            os.chdir(cwd)
    return seen


def ex6_3_strip_prefix_test(seed):
    import random
    from collections import OrderedDict
    rng = random.Random(seed)
    g = torch.Generator().manual_seed(seed)
    words = ["embed", "encoder", "decoder", "head", "body", "fc", "proj", "norm", "attn", "mlp", "block"]
    counter = iter(range(1000))

    def rest():   # a dotted name, unique by its number (so no two stripped keys collide)
        parts = rng.sample(words, rng.randint(1, 2))
        parts[-1] += str(next(counter))
        return ".".join(parts) + "." + rng.choice(["weight", "bias"])

    def tricky(prefix):
        dot = prefix.rindex(".")
        keys = [prefix + rest() for _ in range(rng.randint(1, 3))]         # plain prefixed keys
        keys += [prefix + prefix + rest(),                                  # nested wrapper (lstrip)
                 prefix + rng.choice(words) + "." + prefix + rest(),        # prefix also in the middle
                 rest(),                                                    # no prefix at all
                 rng.choice(words) + "." + prefix + rest(),                 # prefix only in the middle
                 prefix[:dot] + "_" + prefix[dot + 1:] + rest()]            # '.' is not any character
        rng.shuffle(keys)
        return OrderedDict((k, torch.randn(rng.randint(1, 3), generator=g)) for k in keys)

    def observe(state_dict, *prefix):
        copy = OrderedDict(state_dict)
        out = strip_prefix(state_dict, *prefix)
        seen = {"dict": isinstance(out, dict), "new": out is not state_dict,
                "input_kept": list(state_dict) == list(copy) and all(state_dict[k] is copy[k] for k in copy)}
        if isinstance(out, dict):
            seen["keys"] = sorted(out)
            seen["tensors"] = {k: v.tolist() for k, v in out.items()}
        return seen

    other = rng.choice(["_orig_mod.", "model.", "net.", "backbone.", "wrapped."])
    return {"default": observe(tricky("module.")), "given": observe(tricky(other), other),
            "module": observe(tricky("module."), "module.")}


def ex6_4_load_matching_test(seed):
    import random
    rng = random.Random(seed)
    g = torch.Generator().manual_seed(seed)
    n_in, h1, h2, n_out = rng.sample(range(2, 9), 4)
    with torch.random.fork_rng(devices=[]):
        target = nn.Sequential(nn.Linear(n_in, h1), nn.BatchNorm1d(h1), nn.ReLU(),
                               nn.Linear(h1, h2), nn.Tanh(), nn.Linear(h2, n_out))

    def like(t, shape=None):
        shape = t.shape if shape is None else shape
        if t.is_floating_point():
            return torch.randn(shape, generator=g)
        return torch.randint(1, 100, shape, generator=g, dtype=t.dtype)

    with torch.no_grad():
        for t in target.state_dict().values():
            t.copy_(like(t))
    own = target.state_dict()
    head, odd = rng.sample(["0", "3", "5"], 2)          # a new head, an odd layer; the third one fits
    # (the head's first dimension differs; BatchNorm's 0-d counter fits, where len() fails)
    source = {}
    for key, t in own.items():
        layer, name = key.split(".")
        if layer == head:                                 # both entries of the head differ
            shape = (t.shape[0] + rng.randint(1, 3),) + tuple(t.shape[1:])
        elif layer == odd and name == "weight":           # as many elements, another shape
            shape = rng.choice([(t.shape[1], t.shape[0]), (t.numel(),), (1, t.numel())])
        elif layer == odd or (layer == "1" and name == "bias" and rng.random() < 0.5):
            continue                                      # a key the file lacks
        else:
            shape = t.shape
        source[key] = like(t, shape)
    extras = rng.sample(["extra.weight", "aux.bias", "classifier.weight", "9.weight", "1.scale"], rng.randint(1, 2))
    items = list(source.items())
    for key in extras:
        items.insert(rng.randint(0, len(items)), (key, torch.randn(rng.randint(1, 4), generator=g)))
    source = dict(items)
    keys, values = list(source), {k: v.clone() for k, v in source.items()}
    skipped = load_matching(target, source)
    return {"skipped": list(skipped) if isinstance(skipped, (list, tuple)) else type(skipped).__name__,
            "model": {k: v.tolist() for k, v in target.state_dict().items()},
            "input_kept": list(source) == keys and all(torch.equal(source[k], values[k]) for k in keys)}


def _ex6_5_run(seed):
    # a seeded little training setup: data, builder and one epoch of shuffled mini-batches (CPU)
    import random
    rng = random.Random(seed)
    n_in, hidden, n_out = rng.randint(2, 4), rng.randint(4, 9), rng.randint(2, 4)
    p, sgd, batch = rng.choice([0.2, 0.3, 0.5]), rng.random() < 0.5, rng.randint(6, 12)
    g = torch.Generator().manual_seed(seed)
    n = rng.randint(24, 40)
    X, y = torch.randn(n, n_in, generator=g), torch.randint(0, n_out, (n,), generator=g)

    def build(s):
        gg = torch.Generator().manual_seed(s)
        with torch.random.fork_rng(devices=[]):
            m = nn.Sequential(nn.Linear(n_in, hidden), nn.Tanh(), nn.Dropout(p), nn.Linear(hidden, n_out))
        with torch.no_grad():
            for q in m.parameters():
                q.copy_(torch.randn(q.shape, generator=gg) * 0.5)
        o = (torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9) if sgd
             else torch.optim.Adam(m.parameters(), lr=0.05))
        return m, o, torch.Generator().manual_seed(s + 1)

    def epoch(m, o, gen):
        m.train()
        order = torch.randperm(n, generator=gen)
        for start in range(0, n, batch):
            i = order[start:start + batch]
            o.zero_grad()
            nn.functional.cross_entropy(m(X[i]), y[i]).backward()
            o.step()

    return rng, build, epoch


def ex6_5_checkpoint_test(seed):
    import os
    import tempfile
    with torch.random.fork_rng(devices=[]):       # the probe's global RNG use is undone at the end
        rng, build, epoch = _ex6_5_run(seed)
        torch.manual_seed(seed)
        m1, o1, g1 = build(seed)
        for _ in range(rng.randint(1, 2)):
            epoch(m1, o1, g1)
        done = rng.randint(1, 20)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, f"ckpt{rng.randint(0, 99)}.pt")
            torch.manual_seed(seed + 3)            # as the test cell: seeded, then saved (dropout is test_2's)
            save_checkpoint(path, m1, o1, done, g1)
            try:
                torch.load(path, weights_only=True)
                file = "loads"
            except Exception as error:
                file = type(error).__name__
            torch.manual_seed(seed + 7)            # the "new process": other weights and random states
            m2, o2, g2 = build(seed + 1000)
            g2.manual_seed(rng.randint(1, 10**6))
            back = load_checkpoint(path, m2, o2, g2)
        state = o2.state_dict()["state"]
        return {"file": file,
                "epoch": back if isinstance(back, int) and not isinstance(back, bool) else type(back).__name__,
                "weights": [q.tolist() for q in m2.parameters()],
                "optimizer": {str(i): {k: v.tolist() if hasattr(v, "tolist") else v for k, v in s.items()}
                              for i, s in sorted(state.items())},
                "generator": torch.randint(0, 10**6, (4,), generator=g2).tolist(),
                "global": torch.randint(0, 10**6, (4,)).tolist()}


def ex6_5_checkpoint_test_2(seed):
    import os
    import tempfile
    with torch.random.fork_rng(devices=[]):       # the probe's global RNG use is undone at the end
        rng, build, epoch = _ex6_5_run(seed + 1)
        n_epochs = rng.randint(3, 5)
        stop = rng.randint(1, n_epochs - 1)
        torch.manual_seed(seed)
        m1, o1, g1 = build(seed)
        for _ in range(n_epochs):
            epoch(m1, o1, g1)
        torch.manual_seed(seed)
        m2, o2, g2 = build(seed)
        for _ in range(stop):
            epoch(m2, o2, g2)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "resume.pt")
            save_checkpoint(path, m2, o2, stop, g2)
            torch.manual_seed(seed + 1000)         # the "new process": other weights and random states
            m3, o3, g3 = build(seed + 1000)
            start = load_checkpoint(path, m3, o3, g3)
        for _ in range(start, n_epochs):
            epoch(m3, o3, g3)
        return {"start": start, "weights": [q.tolist() for q in m3.parameters()],
                "identical": all(torch.equal(a, b) for a, b in zip(m1.parameters(), m3.parameters()))}
