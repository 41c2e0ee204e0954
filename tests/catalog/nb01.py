"""Answers to assignment 01 (Python classes) that the autograder must reject or accept."""
from tests.catalog import Right, Wrong

ASSIGNMENT = "01_python_classes"

ANSWERS = {
    "ex1_1_running_mean": [
        Wrong("keeps its state on the class, so every RunningMean shares it", says="not on the class", source='''
class RunningMean:
    values = []

    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count = len(self.values)
        self.mean = sum(self.values) / self.count
        return self.mean
'''),
        Wrong("averages the old mean with the new value", says="average all values seen", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.mean = value if self.count == 1 else (self.mean + value) / 2
        return self.mean
'''),
        Wrong("forgets to return the mean", says="returns None", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.mean += (value - self.mean) / self.count
'''),
        Wrong("uses integer division (passes the visible tests)", says="integer division", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.total += value
        self.mean = self.total // self.count
        return self.mean
'''),
        Right("keeps every value in a list of its own", source='''
class RunningMean:
    def __init__(self):
        self.values = []
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count = len(self.values)
        self.mean = sum(self.values) / self.count
        return self.mean
'''),
    ],
    "ex1_2_block_and_scale": [
        Wrong("Scale forgets super().__init__()", says="super().__init__()", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
        Wrong("__call__ runs forward but drops its result", says="must return what forward returns", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
        Wrong("hard-codes the factor in __repr__ (passes the visible tests)", says="own factor", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return "Scale(factor=2.0)"
'''),
        Wrong("__call__ accepts one positional argument only (passes the visible tests)", says="keyword arguments", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, x):
        self.num_calls += 1
        return self.forward(x)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
        Wrong("counts calls in Scale.forward instead of Block.__call__", says="not in forward", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        self.num_calls += 1
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
        Right("looks forward up on the type and builds the repr from the class name", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls = self.num_calls + 1
        return type(self).forward(self, *args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        Block.__init__(self)
        self.factor = factor

    def forward(self, x):
        return self.factor * x

    def __repr__(self):
        return f"{type(self).__name__}(factor={self.factor!r})"
'''),
    ],
    "ex1_3_tiny_module": [
        Wrong("subclasses nn.Module and so implements nothing (the review's answer: it scored 6/12)",
              says="not inherit it", source='''
class TinyModule(nn.Module):
    pass
'''),
        Wrong("registers every tensor, plain ones too, as a parameter", says="plain tensor is not a parameter", source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, torch.Tensor):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
        Wrong("walks the children but forgets the dotted prefix", says="dotted names", source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        yield from self._parameters.items()
        for child in self._modules.values():
            yield from child.named_parameters()

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
        Wrong("lists a shared (tied) parameter twice (passes the visible tests)", says="listed once", source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self, prefix=""):
        for name, p in self._parameters.items():
            yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".")

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
        Wrong("keeps the registries in the class body, shared by all modules", says="its own _parameters dict", source='''
class TinyModule:
    _parameters = {}
    _modules = {}

    def __init__(self):
        pass

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        return iter(())

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
        Wrong("remembers what it has seen in a mutable default argument (passes the visible tests)", says="second time", source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self, prefix="", seen=set()):
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", seen)

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
        Right("stores values only in the registries, found again by __getattr__, like nn.Module", source='''
class TinyModule:
    def __init__(self):
        self._parameters = {}
        self._modules = {}

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name):
        for registry in ("_parameters", "_modules"):
            found = self.__dict__.get(registry, {})
            if name in found:
                return found[name]
        raise AttributeError(name)

    def named_parameters(self):
        seen, stack = set(), [("", self)]
        order = []
        while stack:
            prefix, module = stack.pop()
            order.append((prefix, module))
            children = list(module._modules.items())
            stack.extend((prefix + name + ".", child) for name, child in reversed(children))
        for prefix, module in order:
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    ],
}

# Further mistakes and correct variants (second review round).
_BLOCK = '''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError
'''

_SETATTR = '''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)
'''

ANSWERS["ex1_1_running_mean"] += [
    Wrong("multiplies the old mean by the new count (off by one)", says="average all values seen", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.mean = (self.mean * self.count + value) / self.count
        return self.mean
'''),
    Wrong("returns the new mean but never stores it in self.mean (passes the visible tests)", says="store the new mean in self.mean",
          source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0.0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.total += value
        return self.total / self.count
'''),
    Wrong("shares the list of values through a mutable default argument", says="mutable default", source='''
class RunningMean:
    def __init__(self, values=[]):
        self.values = values
        self.count = len(values)
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count = len(self.values)
        self.mean = sum(self.values) / self.count
        return self.mean
'''),
    Wrong("starts count at 1 to avoid dividing by zero", says="count == 0", source='''
class RunningMean:
    def __init__(self):
        self.count = 1
        self.total = 0.0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.total += value
        self.mean = self.total / self.count
        return self.mean
'''),
    Wrong("returns self so that calls can be chained", says="returns a RunningMean", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.mean += (value - self.mean) / self.count
        return self
'''),
    Right("computes mean as a property from a running total", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0.0

    @property
    def mean(self):
        return self.total / self.count if self.count else 0.0

    def update(self, value):
        self.count += 1
        self.total += value
        return self.mean
'''),
    Right("keeps the values and uses statistics.fmean", source='''
import statistics


class RunningMean:
    def __init__(self):
        self._values = []
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self._values.append(value)
        self.count += 1
        self.mean = statistics.fmean(self._values)
        return self.mean
'''),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("__call__ passes args and kwargs packed, not unpacked", says="unpacked", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(args, kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong("passes factor on to super().__init__(factor)", says="no arguments", source=_BLOCK + '''

class Scale(Block):
    def __init__(self, factor):
        super().__init__(factor)
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong("forward multiplies the caller's tensor in place (passes the visible tests)", says="in place", source=_BLOCK + '''

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        x *= self.factor
        return x

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong("formats the factor with one decimal in __repr__ (passes the visible tests)", says="in full", source=_BLOCK + '''

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor:.1f})"
'''),
    Right("super(Scale, self), %-formatting and a named result", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        result = self.forward(*args, **kwargs)
        self.num_calls += 1
        return result

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super(Scale, self).__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return "Scale(factor=%r)" % (self.factor,)
'''),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong("stores parameters and modules only in the registries, without __getattr__", says="still be readable",
          source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        else:
            object.__setattr__(self, name, value)

    def named_parameters(self, prefix="", seen=None):
        seen = set() if seen is None else seen
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", seen)

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("tests type(value) is TinyModule, so subclasses are not registered", says="isinstance", source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if type(value) is nn.Parameter:
            self._parameters[name] = value
        elif type(value) is TinyModule:
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self, prefix="", seen=None):
        seen = set() if seen is None else seen
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", seen)

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("yields the children's parameters before its own", says="own parameters first", source=_SETATTR + '''
    def named_parameters(self, prefix="", seen=None):
        seen = set() if seen is None else seen
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", seen)
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("skips a parameter whose values equal one already listed (passes the visible tests)", says="by identity",
          source=_SETATTR + '''
    def named_parameters(self):
        seen = []

        def walk(module, prefix):
            for name, p in module._parameters.items():
                if not any(p.shape == q.shape and torch.equal(p, q) for q in seen):
                    seen.append(p)
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")

        yield from walk(self, "")

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("prefixes only the child's own name, not the full path", says="full path", source=_SETATTR + '''
    def named_parameters(self):
        seen = set()

        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, name + ".")

        yield from walk(self, "")

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("walks self.__dict__ in assignment order (passes the visible tests)", says="own parameters come before",
          source=_SETATTR + '''
    def named_parameters(self):
        seen = set()

        def walk(module, prefix):
            for name, value in vars(module).items():
                if isinstance(value, nn.Parameter):
                    if id(value) not in seen:
                        seen.add(id(value))
                        yield prefix + name, value
                elif isinstance(value, TinyModule):
                    yield from walk(value, prefix + name + ".")

        yield from walk(self, "")

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Right("named_parameters returns a list, deduplicating with a set of the tensors (hashed by identity)",
          source=_SETATTR + '''
    def named_parameters(self):
        result, seen = [], set()
        todo = [("", self)]
        while todo:
            prefix, module = todo.pop(0)
            own = []
            for name, p in module._parameters.items():
                if p not in seen:
                    seen.add(p)
                    own.append((prefix + name, p))
            result.extend(own)
            kids = [(prefix + name + ".", child) for name, child in module._modules.items()]
            todo = kids + todo
        return result

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
]

# Third review round (issue 13: answers tuned to the visible values, contract rules no output shows).
_RUNNING_TOTAL = '''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
'''

ANSWERS["ex1_1_running_mean"] += [
    Wrong("returns a float subclass that compares equal to everything (the review's answer: it scored ex 1.1)",
          says="equal to any number", source='''
class _Mean(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = float.__hash__

    def __sub__(self, other):
        return 0.0

    def __rsub__(self, other):
        return 0.0


class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.mean = _Mean(value)
        return self.mean
'''),
    Wrong("averages only the last three values, a window (passes the visible tests: three values)",
          says="not only the latest few", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
        self.recent = []

    def update(self, value):
        self.count += 1
        self.recent = (self.recent + [value])[-3:]
        self.mean = sum(self.recent) / len(self.recent)
        return self.mean
'''),
    Wrong("skips a value of 0 (if value:), taking it for a missing one", says="because it is 0", source=_RUNNING_TOTAL + '''
    def update(self, value):
        if value:
            self.count += 1
            self.mean += (value - self.mean) / self.count
        return self.mean
'''),
    Wrong("rounds the mean to two decimals (passes the visible tests: 5.0, 1.5)", says="do not round", source=_RUNNING_TOTAL + '''
    def update(self, value):
        self.count += 1
        self.total = getattr(self, "total", 0.0) + value
        self.mean = round(self.total / self.count, 2)
        return self.mean
'''),
    Right("a total and a count, mean as total / count with float()", source='''
class RunningMean:
    def __init__(self):
        self.count, self.total, self.mean = 0, 0.0, 0.0

    def update(self, value):
        self.count += 1
        self.total += value
        self.mean = float(self.total / self.count)
        return self.mean
'''),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("forward multiplies by 2, the visible example's factor (passes the visible tests)", says="not a fixed number",
          source=_BLOCK + '''

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * 2

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong("__call__ runs forward twice, once to look at the result and once to return it", says="once per call", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        if self.forward(*args, **kwargs) is None:
            return None
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Right("counts with a try/finally around forward, repr with format()", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        try:
            return self.forward(*args, **kwargs)
        finally:
            self.num_calls += 1

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return "Scale(factor={})".format(self.factor)
'''),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong("registers a tensor as a parameter when it requires grad (passes the visible tests)", says="not requires_grad",
          source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, torch.Tensor) and value.requires_grad:
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self, prefix="", seen=None):
        seen = set() if seen is None else seen
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", seen)

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("walks the children sorted by name (passes the visible tests: their names happen to be sorted)",
          says="do not sort", source=_SETATTR + '''
    def named_parameters(self, prefix="", seen=None):
        seen = set() if seen is None else seen
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in sorted(self._modules.items()):
            yield from child.named_parameters(prefix + name + ".", seen)

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("starts a fresh seen set in every module, so a parameter tied across modules is listed twice",
          says="listed once", source=_SETATTR + '''
    def named_parameters(self, prefix=""):
        seen = set()
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".")

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Wrong("keeps the seen set on the module, so a second call lists nothing", says="second time", source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})
        object.__setattr__(self, "_seen", set())

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self, prefix="", seen=None):
        seen = self._seen if seen is None else seen
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", seen)

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
    Right("super().__setattr__, and a walk that collects (prefix, module) pairs first", source='''
class TinyModule:
    def __init__(self):
        super().__setattr__("_parameters", {})
        super().__setattr__("_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        if isinstance(value, TinyModule):
            self._modules[name] = value
        super().__setattr__(name, value)

    def _tree(self, prefix=""):
        yield prefix, self
        for name, child in self._modules.items():
            yield from child._tree(prefix + name + ".")

    def named_parameters(self):
        seen = []
        for prefix, module in self._tree():
            for name, p in module._parameters.items():
                if not any(p is q for q in seen):
                    seen.append(p)
                    yield prefix + name, p

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
]

ANSWERS["ex1_1_running_mean"] += [
    Wrong("uses a running total that __init__ never creates (a raw AttributeError before)", says="must be set in __init__", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.total += value
        self.mean = self.total / self.count
        return self.mean
'''),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong("__setattr__ reads self._parameters before __init__ has created it (a raw AttributeError before)",
          says="object.__setattr__ first", source='''
class TinyModule:
    def __init__(self):
        self._parameters = {}
        self._modules = {}

    def __setattr__(self, name, value):
        self._parameters.pop(name, None)
        self._modules.pop(name, None)
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self, prefix="", seen=None):
        seen = set() if seen is None else seen
        for name, p in self._parameters.items():
            if id(p) not in seen:
                seen.add(id(p))
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", seen)

    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''),
]

# Fourth review round: repeated values, ints, float32, a mean read before any update, a counter set
# instead of added, a factor converted, Block.__init__ skipped, __call__ or __repr__ in the wrong
# place, a subclass of nn.Parameter, a walk level by level, a cached walk, == on tensors.
_SCALE = '''

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''

_WALK = '''
    def named_parameters(self):
        seen = set()

        def walk(module, prefix):
            for name, parameter in module._parameters.items():
                if id(parameter) not in seen:
                    seen.add(id(parameter))
                    yield prefix + name, parameter
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")

        yield from walk(self, "")
'''

_PARAMETERS = '''
    def parameters(self):
        for _, parameter in self.named_parameters():
            yield parameter
'''

ANSWERS["ex1_1_running_mean"] += [
    Wrong("keeps the values in a set, so a repeated value counts once (passes the visible tests: 2, 4, 9)",
          says="repeated 2 must count twice", source='''
class RunningMean:
    def __init__(self):
        self.values = set()
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.add(value)
        self.count += 1
        self.mean = sum(self.values) / len(self.values)
        return self.mean
'''),
    Wrong("averages with a float32 tensor (passes the visible tests: 5.0 is exact in float32)",
          says="float32", source='''
class RunningMean:
    def __init__(self):
        self.values = []
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count = len(self.values)
        self.mean = torch.tensor(self.values, dtype=torch.float32).mean().item()
        return self.mean
'''),
    Wrong("averages with torch.tensor(values), which fails on ints (a raw RuntimeError before)",
          says="accept an int as well as a float", source='''
class RunningMean:
    def __init__(self):
        self.values = []
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count = len(self.values)
        self.mean = torch.tensor(self.values).mean().item()
        return self.mean
'''),
    Wrong("uses statistics.mean, which returns an int for ints (passed the tests before)",
          says="must still be a float", source='''
import statistics


class RunningMean:
    def __init__(self):
        self.values = []
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count = len(self.values)
        self.mean = statistics.mean(self.values)
        return self.mean
'''),
    Wrong("computes mean as a property that divides by a count of 0 at the start (a raw ZeroDivisionError before)",
          says="do not divide by a count of 0", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0.0

    @property
    def mean(self):
        return self.total / self.count

    def update(self, value):
        self.count += 1
        self.total += value
        return self.mean
'''),
    Wrong("returns the mean as a float64 tensor", says="yours returns a Tensor", source='''
class RunningMean:
    def __init__(self):
        self.values = []
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count = len(self.values)
        self.mean = torch.tensor(self.values, dtype=torch.float64).mean()
        return self.mean
'''),
    Right("class-level defaults shadowed per object at the first update", source='''
class RunningMean:
    count = 0
    mean = 0.0

    def update(self, value):
        self.mean = (self.mean * self.count + value) / (self.count + 1)
        self.count += 1
        return self.mean
'''),
    Right("numpy's mean of the values (a numpy.float64 is a float)", source='''
import numpy as np


class RunningMean:
    def __init__(self):
        self.values = []
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.values.append(value)
        self.count += 1
        self.mean = np.mean(self.values)
        return self.mean
'''),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("sets num_calls to 1 at each call instead of adding one (passed the tests before: one call each)",
          says="do not set it to 1", source=_BLOCK.replace("self.num_calls += 1", "self.num_calls = 1") + _SCALE),
    Wrong("keeps num_calls on the class, Block.num_calls += 1, shared by every Block", says="kept on the class", source='''
class Block:
    num_calls = 0

    def __call__(self, *args, **kwargs):
        Block.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError
''' + _SCALE.replace("super().__init__()\n", "pass\n")),
    Wrong("stores float(factor), so repr(Scale(3)) shows 3.0 (passed the tests before)",
          says="repr(Scale(3)) should be 'Scale(factor=3)'",
          source=_BLOCK + _SCALE.replace("self.factor = factor", "self.factor = float(factor)")),
    Wrong("__call__ passes the positional arguments only, dropping keyword arguments silently",
          says="dropped the keyword argument", source=_BLOCK.replace("self.forward(*args, **kwargs)", "self.forward(*args)") + _SCALE),
    Wrong("defines __call__ in Scale, not in Block, so other subclasses cannot be called", says="define __call__ in Block", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong("defines __str__ instead of __repr__", says="use __repr__", source=_BLOCK + _SCALE.replace("__repr__", "__str__")),
    Wrong("Scale.__init__ sets num_calls itself instead of running Block.__init__ (passed the tests before)",
          says="should run Block.__init__", source=_BLOCK + _SCALE.replace("super().__init__()", "self.num_calls = 0")),
    Wrong("counts lazily with getattr(self, 'num_calls', 0), so a new Scale has no num_calls (a raw AttributeError before)",
          says="start with num_calls == 0", source='''
class Block:
    def __call__(self, *args, **kwargs):
        self.num_calls = getattr(self, "num_calls", 0) + 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError
''' + _SCALE),
    Right("a generic __repr__ built from vars(self), factor * x", source=_BLOCK + '''

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return self.factor * x

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if k != "num_calls")
        return f"{type(self).__name__}({fields})"
'''),
    Right("Block.__init__(self) called by name, repr by concatenation",
          source=_BLOCK + _SCALE.replace("super().__init__()", "Block.__init__(self)").replace(
              'f"Scale(factor={self.factor})"', '"Scale(factor=" + str(self.factor) + ")"')),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong("tests type(value) is nn.Parameter, so a subclass of nn.Parameter is not registered (passed the tests before)",
          says="subclass of nn.Parameter is a parameter too",
          source=_SETATTR.replace("isinstance(value, nn.Parameter)", "type(value) is nn.Parameter") + _WALK + _PARAMETERS),
    Wrong("remembers the parameters seen in a list and tests `p not in seen`, which compares values (a raw RuntimeError before)",
          says="not with `in` on a list of tensors", source=_SETATTR + '''
    def named_parameters(self):
        seen = []

        def walk(module, prefix):
            for name, parameter in module._parameters.items():
                if parameter not in seen:
                    seen.append(parameter)
                    yield prefix + name, parameter
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")

        yield from walk(self, "")
''' + _PARAMETERS),
    Wrong("walks the tree level by level, with a queue", says="level by level", source=_SETATTR + '''
    def named_parameters(self):
        seen, queue = set(), [("", self)]
        while queue:
            prefix, module = queue.pop(0)
            for name, parameter in module._parameters.items():
                if id(parameter) not in seen:
                    seen.add(id(parameter))
                    yield prefix + name, parameter
            for name, child in module._modules.items():
                queue.append((prefix + name + ".", child))
''' + _PARAMETERS),
    Wrong("keeps the result of the first call and returns it ever after", says="do not keep the first result",
          source=_SETATTR + _WALK.replace("def named_parameters(self):", "def _walk(self):") + '''
    def named_parameters(self):
        if "_cache" not in self.__dict__:
            object.__setattr__(self, "_cache", list(self._walk()))
        return iter(self._cache)
''' + _PARAMETERS),
    Wrong("deduplicates with a dict keyed by id, so a shared parameter keeps its last name", says="under its first name",
          source=_SETATTR + '''
    def named_parameters(self):
        found = {}

        def walk(module, prefix):
            for name, parameter in module._parameters.items():
                found[id(parameter)] = (prefix + name, parameter)
            for name, child in module._modules.items():
                walk(child, prefix + name + ".")

        walk(self, "")
        return iter(list(found.values()))
''' + _PARAMETERS),
    Right("writes self.__dict__ directly, recursion with a memo of the parameters compared with `is`", source='''
class TinyModule:
    def __init__(self):
        self.__dict__["_parameters"] = {}
        self.__dict__["_modules"] = {}

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        if isinstance(value, TinyModule):
            self._modules[name] = value
        self.__dict__[name] = value

    def named_parameters(self, prefix="", memo=None):
        memo = [] if memo is None else memo
        for name, p in self._parameters.items():
            if all(p is not q for q in memo):
                memo.append(p)
                yield prefix + name, p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + name + ".", memo)
''' + _PARAMETERS),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("stores the factor under another name, self.scale (passed the tests before)", says="store its factor as self.factor",
          source=_BLOCK + _SCALE.replace("self.factor", "self.scale")),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong("joins every name with a leading dot, '.encoder.scale'", says="start with a dot", source=_SETATTR + '''
    def named_parameters(self, prefix=""):
        for name, p in self._parameters.items():
            yield (prefix + "." + name if prefix else name), p
        for name, child in self._modules.items():
            yield from child.named_parameters(prefix + "." + name)
''' + _PARAMETERS),
    Wrong("yields (parameter, name), the pair reversed (a raw RuntimeError before)", says="the name first", source=_SETATTR + '''
    def named_parameters(self):
        seen = set()

        def walk(module, prefix):
            for name, parameter in module._parameters.items():
                if id(parameter) not in seen:
                    seen.add(id(parameter))
                    yield parameter, prefix + name
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")

        yield from walk(self, "")

    def parameters(self):
        for parameter, _ in self.named_parameters():
            yield parameter
'''),
    Wrong("registers children with isinstance(value, nn.Module), which no TinyModule is", says="isinstance(value, TinyModule)",
          source=_SETATTR.replace("isinstance(value, TinyModule)", "isinstance(value, nn.Module)") + _WALK + _PARAMETERS),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("__call__ runs Block.forward(self, ...), the base class's, not the subclass's (a raw NotImplementedError before)",
          says="ran Block's own forward", source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def forward(self, *args, **kwargs):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return Block.forward(self, *args, **kwargs)
''' + _SCALE),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong("lists only the parameters that require grad (passed the tests before)", says="list frozen parameters",
          source=_SETATTR + _WALK.replace("if id(parameter) not in seen:", "if parameter.requires_grad and id(parameter) not in seen:")
          + _PARAMETERS),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("leaves Scale.forward unwritten (a raw NotImplementedError before)", says="write Scale.forward",
          source=_BLOCK + _SCALE.replace("return x * self.factor", "raise NotImplementedError()")),
]

# Second review, held-out answers written before reading the catalog (review-A)
ANSWERS["ex1_1_running_mean"] += [
    Wrong('returns the old mean (before the update)', says='not the mean before it', source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        old = self.mean
        self.count += 1
        self.mean += (value - self.mean) / self.count
        return old
'''),
    Wrong('divides by count before incrementing it (ZeroDivisionError)', says='add one to count before dividing', source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.mean += (value - self.mean) / self.count
        self.count += 1
        return self.mean
'''),
    Wrong('__init__ requires the first value', says='should take no argument but self', source='''
class RunningMean:
    def __init__(self, first):
        self.count = 1
        self.mean = float(first)
    def update(self, value):
        self.count += 1
        self.mean += (value - self.mean) / self.count
        return self.mean
'''),
    Wrong('keeps count and total in module globals', says='in a global variable', source='''
_total = 0.0
_n = 0
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
    def update(self, value):
        global _total, _n
        _total += value
        _n += 1
        self.count = _n
        self.mean = _total / _n
        return self.mean
'''),
    Wrong('a deque window of 100 values', says='not only a window', source='''
from collections import deque
class RunningMean:
    def __init__(self):
        self.values = deque(maxlen=100)
        self.count = 0
        self.mean = 0.0
    def update(self, value):
        self.values.append(value)
        self.count += 1
        self.mean = sum(self.values) / len(self.values)
        return self.mean
'''),
    Wrong('mean is a method, not an attribute', says='yours is a method', source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0.0
    def mean(self):
        return self.total / self.count if self.count else 0.0
    def update(self, value):
        self.count += 1
        self.total += value
        return self.mean()
'''),
    Wrong('returns a Fraction', says='yours is a Fraction', source='''
from fractions import Fraction
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
        self.total = Fraction(0)
    def update(self, value):
        self.count += 1
        self.total += Fraction(value)
        self.mean = self.total / self.count
        return self.mean
'''),
    Wrong('increments count twice', says='add one to count per update, once', source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.mean += (value - self.mean) / self.count
        self.count += 1
        return self.mean
'''),
    Wrong("forgets self in update's signature", says='def update(self, value)', source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
    def update(value):
        return value
'''),
    Wrong('count as a float 0.0 and mean stored as string', says='yours returns a str', source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        self.count += 1
        self.mean += (value - self.mean) / self.count
        return str(self.mean)
'''),
    Right('dataclass with defaults', source='''
from dataclasses import dataclass
@dataclass
class RunningMean:
    count: int = 0
    mean: float = 0.0
    def update(self, value):
        self.count += 1
        self.mean = self.mean + (value - self.mean) / self.count
        return self.mean
'''),
    Right('math.fsum over a list, properties', source='''
import math
class RunningMean:
    def __init__(self):
        self._values = []
    @property
    def count(self):
        return len(self._values)
    @property
    def mean(self):
        return math.fsum(self._values) / len(self._values) if self._values else 0.0
    def update(self, value):
        self._values.append(value)
        return self.mean
'''),
    Right('total and count, float() on return', source='''
class RunningMean:
    def __init__(self, total=0.0):
        self.count, self.mean, self._total = 0, 0.0, total
    def update(self, value: float) -> float:
        self._total += value
        self.count += 1
        self.mean = float(self._total / self.count)
        return self.mean
'''),
    Right('weighted update formula', source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0

    def update(self, value):
        n = self.count + 1
        self.mean = self.mean * (n - 1) / n + value / n
        self.count = n
        return self.mean
'''),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong('count after return (never runs)', says='a line after return never runs', source='''
class Block:
    def __init__(self):
        self.num_calls = 0
    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)
        self.num_calls += 1
    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong('__repr__ prints instead of returning', says='not print it', source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        print(f"Scale(factor={self.factor})")
'''),
    Wrong('__repr__ concatenates a float (TypeError)', says='nor add a number to a string', source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return "Scale(factor=" + self.factor + ")"
'''),
    Wrong('Scale.__init__ forgets self. on factor', says='self.factor = factor', source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong('Block.__call__ hard-codes Scale.forward', says="the subclass's own forward", source='''
class Block:
    def __init__(self):
        self.num_calls = 0
    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return Scale.forward(self, *args, **kwargs)
    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong('num_calls counted per class in a dict on Block', says='count the calls of this object only', source='''
class Block:
    calls = {}
    def __init__(self):
        self.num_calls = 0
    def __call__(self, *args, **kwargs):
        Block.calls[type(self)] = Block.calls.get(type(self), 0) + 1
        self.num_calls = Block.calls[type(self)]
        return self.forward(*args, **kwargs)
    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong('__call__ only counts when called with a tensor', says='whatever its arguments', source='''
class Block:
    def __init__(self):
        self.num_calls = 0
    def __call__(self, *args, **kwargs):
        if args and isinstance(args[0], torch.Tensor):
            self.num_calls += 1
        return self.forward(*args, **kwargs)
    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Wrong('Scale forward returns factor * x for tensors only (torch.mul of tensor factor)', says='do not turn it into a tensor', source='''
class Block:
    def __init__(self):
        self.num_calls = 0

    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError

class Scale(Block):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return torch.as_tensor(x) * self.factor

    def __repr__(self):
        return f"Scale(factor={self.factor})"
'''),
    Right('result then count, repr via type name and !r', source='''
class Block:
    def __init__(self):
        self.num_calls = 0
    def __call__(self, *args, **kwargs):
        out = self.forward(*args, **kwargs)
        self.num_calls = self.num_calls + 1
        return out
    def forward(self, *args, **kwargs):
        raise NotImplementedError
class Scale(Block):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor
    def forward(self, x):
        return self.factor * x
    def __repr__(self):
        return f"{type(self).__name__}(factor={self.factor!r})"
'''),
    Right('factor set before super().__init__, torch.mul', source='''
class Block:
    def __init__(self):
        self.num_calls = 0
    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        return type(self).forward(self, *args, **kwargs)
    def forward(self, *args, **kwargs):
        raise NotImplementedError
class Scale(Block):
    def __init__(self, factor):
        self.factor = factor
        super().__init__()
    def forward(self, x):
        return torch.mul(x, self.factor) if isinstance(x, torch.Tensor) else x * self.factor
    def __repr__(self):
        return "Scale(factor={})".format(self.factor)
'''),
    Right('str.join repr, __call__ with getattr', source='''
class Block:
    def __init__(self):
        self.num_calls = 0
    def __call__(self, *args, **kwargs):
        self.num_calls += 1
        forward = getattr(self, "forward")
        return forward(*args, **kwargs)
    def forward(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} has no forward()")
class Scale(Block):
    def __init__(self, factor):
        Block.__init__(self)
        self.factor = factor
    def forward(self, x):
        y = x * self.factor
        return y
    def __repr__(self):
        return "".join(["Scale(factor=", str(self.factor), ")"])
'''),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong('setdefault keeps the first parameter on reassignment', says='should replace it in', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters.setdefault(name, value)
        elif isinstance(value, TinyModule):
            self._modules.setdefault(name, value)
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('reassignment pops and re-adds (moves to the end)', says='keep its place', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters.pop(name, None)
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('__getattr__ looks only in _parameters, children not readable', says='should read back the child', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})
    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        else:
            object.__setattr__(self, name, value)
    def __getattr__(self, name):
        params = object.__getattribute__(self, "_parameters")
        if name in params:
            return params[name]
        raise AttributeError(name)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('named_parameters forgets to yield (returns None)', says='returns None', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        out = []
        def walk(m, prefix):
            for n, p in m._parameters.items():
                out.append((prefix + n, p))
            for n, c in m._modules.items():
                walk(c, prefix + n + ".")
        walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('dedup by name, not identity', says='listed once', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if prefix + name not in seen:
                    seen.add(prefix + name)
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('stores p.detach() in the registry', says='same nn.Parameter object', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = nn.Parameter(value.detach())
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('no recursion, own params only', says='walk into child modules recursively', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        for n, p in self._parameters.items():
            yield n, p

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong("joins with '/'", says='dotted names', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + "/")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('dedup by data_ptr', says='not by data_ptr()', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if p.data_ptr() not in seen:
                    seen.add(p.data_ptr())
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('registries as lists of (name, value)', says='as dicts', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", [])
        object.__setattr__(self, "_modules", [])
    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters.append((name, value))
        elif isinstance(value, TinyModule):
            self._modules.append((name, value))
        object.__setattr__(self, name, value)
    def named_parameters(self):
        def walk(m, prefix):
            for n, p in m._parameters:
                yield prefix + n, p
            for n, c in m._modules:
                yield from walk(c, prefix + n + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('keys child modules by class name', says='attribute name', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[type(value).__name__.lower()] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        seen = set()
        def walk(module, prefix):
            for name, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield prefix + name, p
            for name, child in module._modules.items():
                yield from walk(child, prefix + name + ".")
        yield from walk(self, "")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Wrong('named_parameters yields a dict', says='returns a dict', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def named_parameters(self):
        out = {}
        def walk(m, prefix):
            for n, p in m._parameters.items():
                out.setdefault(prefix + n, p)
            for n, c in m._modules.items():
                walk(c, prefix + n + ".")
        walk(self, "")
        return out

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Right('self._parameters = {} through own __setattr__, stack walk', source='''
class TinyModule:
    def __init__(self):
        self._parameters = {}
        self._modules = {}
    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        super().__setattr__(name, value)
    def named_parameters(self):
        seen = []
        stack = [("", self)]
        while stack:
            prefix, m = stack.pop()
            for n, p in m._parameters.items():
                if not any(p is q for q in seen):
                    seen.append(p)
                    yield prefix + n, p
            stack.extend(reversed([(prefix + n + ".", c) for n, c in m._modules.items()]))
    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Right('recursion via child.named_parameters(memo, prefix)', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self.__dict__["_parameters"][name] = value
        if isinstance(value, TinyModule):
            self.__dict__["_modules"][name] = value
        self.__dict__[name] = value
    def named_parameters(self, prefix="", memo=None):
        memo = set() if memo is None else memo
        for n, p in self._parameters.items():
            if p in memo:
                continue
            memo.add(p)
            yield (f"{prefix}.{n}" if prefix else n), p
        for n, c in self._modules.items():
            yield from c.named_parameters(f"{prefix}.{n}" if prefix else n, memo)

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
    Right('list comprehension, returns a list', source='''
class TinyModule:
    def __init__(self):
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, TinyModule):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def _walk(self, prefix=""):
        return [(prefix + n, p) for n, p in self._parameters.items()] + [
            pair for n, c in self._modules.items() for pair in c._walk(prefix + n + ".")]
    def named_parameters(self):
        ids = set()
        return [(n, p) for n, p in self._walk() if not (id(p) in ids or ids.add(id(p)))]

    def parameters(self):
        for _, p in self.named_parameters():
            yield p
'''),
]


ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("formats the factor with two decimals, {self.factor:.2f}", says="with no format spec",
          source=_BLOCK + _SCALE.replace("{self.factor}", "{self.factor:.2f}")),
    Wrong("leaves the argument's name out of the repr, Scale(2.0)", says="name the argument",
          source=_BLOCK + _SCALE.replace('f"Scale(factor={self.factor})"', 'f"Scale({self.factor})"')),
]


# A second review's held-out set (issue 13): mistakes that passed or were told another mistake.
ANSWERS["ex1_1_running_mean"] += [
    Wrong("truncates each value to an int (passed the visible tests: 2.0, 4.0 and 9.0 are whole; was told 'a window')",
          says="do not round it or turn it into an int", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
        self.total = 0

    def update(self, value):
        self.total += int(value)
        self.count += 1
        self.mean = self.total / self.count
        return self.mean
'''),
    Wrong("adds abs(value), so a negative value counts as a positive one (was told 'a window')",
          says="counts with its sign", source=_RUNNING_TOTAL + '''
    def update(self, value):
        self.total = getattr(self, "total", 0.0) + abs(value)
        self.count += 1
        self.mean = self.total / self.count
        return self.mean
'''),
    Wrong("returns the median, which 2, 4 agree with (was told 'not only the latest ones')", says="the median", source='''
import statistics


class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
        self.values = []

    def update(self, value):
        self.values.append(value)
        self.count += 1
        self.mean = float(statistics.median(self.values))
        return self.mean
'''),
    Wrong("counts the distinct values, len(set(values)), while the mean is right (only the probe disagreed)",
          says="count every update", source='''
class RunningMean:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
        self.values = []

    def update(self, value):
        self.values.append(value)
        self.count = len(set(self.values))
        self.mean = sum(self.values) / len(self.values)
        return self.mean
'''),
]

ANSWERS["ex1_2_block_and_scale"] += [
    Wrong("stores the factor on the class, Scale.factor = factor, so the last Scale built sets every factor",
          says="not on the class (Scale.factor", source=_BLOCK + _SCALE.replace("self.factor = factor", "Scale.factor = factor")),
    Wrong("keeps num_calls on each object's class, type(self).num_calls (was told 'not in forward')",
          says="keep the count on each object", source=_BLOCK.replace("self.num_calls = 0", "type(self).num_calls = 0")
          .replace("self.num_calls += 1", "type(self).num_calls += 1") + _SCALE),
    Wrong("Scale defines its own __call__ that computes x * factor, skipping forward (passed the tests before)",
          says="without running self.forward", source=_BLOCK + _SCALE + '''
    def __call__(self, x):
        self.num_calls += 1
        return x * self.factor
'''),
    Wrong("__repr__ reads factor, the argument of __init__, not self.factor (a NameError told 'not print it')",
          says="__repr__ is given only self", source=_BLOCK + _SCALE.replace("{self.factor}", "{factor}")),
    Right("a class-level default num_calls = 0 shadowed per object, and Scale.__call__ delegating to Block's",
          source=_BLOCK.replace("    def __init__(self):\n        self.num_calls = 0\n", "    num_calls = 0\n\n    def __init__(self):\n        pass\n")
          + _SCALE + '''
    def __call__(self, *args, **kwargs):
        return super().__call__(*args, **kwargs)
'''),
]

ANSWERS["ex1_3_tiny_module"] += [
    Wrong("walks with a stack but pushes the children in order, so they come out reversed (was told only the expected names)",
          says="visits the children in reverse order", source=_SETATTR + '''
    def named_parameters(self):
        seen, stack = set(), [("", self)]
        while stack:
            prefix, module = stack.pop()
            for name, parameter in module._parameters.items():
                if id(parameter) not in seen:
                    seen.add(id(parameter))
                    yield prefix + name, parameter
            for name, child in module._modules.items():
                stack.append((prefix + name + ".", child))
''' + _PARAMETERS),
    Wrong("prefixes each child's names with its class name, not its attribute name", says="names the children by their class",
          source=_SETATTR + _WALK.replace('walk(child, prefix + name + ".")', 'walk(child, prefix + type(child).__name__.lower() + ".")') + _PARAMETERS),
    Right("dedup with a dict keyed by id whose setdefault keeps the first name, super().__setattr__", source='''
class TinyModule:
    def __init__(self):
        super().__setattr__("_parameters", {})
        super().__setattr__("_modules", {})

    def __setattr__(self, name, value):
        if isinstance(value, torch.nn.Parameter):
            self._parameters[name] = value
        if isinstance(value, TinyModule):
            self._modules[name] = value
        super().__setattr__(name, value)

    def named_parameters(self):
        first = {}

        def walk(module, prefix):
            for name, parameter in module._parameters.items():
                first.setdefault(id(parameter), (prefix + name, parameter))
            for name, child in module._modules.items():
                walk(child, prefix + name + ".")

        walk(self, "")
        yield from first.values()
''' + _PARAMETERS),
]
