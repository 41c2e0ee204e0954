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
