"""Answers to assignment 03 (module registration), graded by tests/test_catalog.py."""
from tests.catalog import Right, Wrong

ASSIGNMENT = "03_module_registration"

_TOWER_FORWARD = '''
    def forward(self, x):
        x = (x - self.center) * self.scale
        for block in self.blocks:
            x = torch.relu(block(x))
        return self.heads["main"](x), self.heads["aux"](x)
'''

ANSWERS = {
    "ex3_1_registered": [
        Wrong("forgets that an nn.Parameter attribute is registered", says="nn.Parameter d is registered", source='''
answer_3_1 = "a"
'''),
        Wrong("believes a layer inside a plain list is registered", says="plain Python list b is not registered", source='''
answer_3_1 = "c"
'''),
        Wrong("believes a tensor with requires_grad=True is a parameter", says="plain tensor, not a parameter", source='''
answer_3_1 = "d"
'''),
        Wrong("believes every attribute is registered", says="Neither the plain list b nor the plain tensor c", source='''
answer_3_1 = "e"
'''),
        Wrong("answers with a count instead of a letter", says="one of the letters", source='''
answer_3_1 = 3
'''),
        Right("capital letter with spaces", source='''
answer_3_1 = " B "
'''),
        Right("writes the letter in parentheses", source='''
answer_3_1 = "(b)"
'''),
        Wrong("names the attributes instead of the letter", says="one of the letters", source='''
answer_3_1 = "a and d"
'''),
        Wrong("lists both letters a and d", says="one of the letters", source='''
answer_3_1 = "a, d"
'''),
        Wrong("puts the letter in a list", says="one of the letters", source='''
answer_3_1 = ["b"]
'''),
        Right("letter with a trailing newline", source='''
answer_3_1 = "b\\n"
'''),
    ],
    "ex3_2_make_simple_net": [
        Wrong("positional Sequential without an OrderedDict", says="named by position", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    """SimpleNet as an nn.Sequential with children named fc1, relu, fc2."""
    return nn.Sequential(nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, out_features))
'''),
        Wrong("adds a softmax after fc2, as the seed's forward does", says="exactly fc1, relu, fc2", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    """SimpleNet as an nn.Sequential with children named fc1, relu, fc2."""
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(in_features, hidden)),
        ("relu", nn.ReLU()),
        ("fc2", nn.Linear(hidden, out_features)),
        ("softmax", nn.Softmax(dim=1)),
    ]))
'''),
        Wrong("hard-codes 784, 128 and 10 and ignores the arguments", says="ignores them", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    """SimpleNet as an nn.Sequential with children named fc1, relu, fc2."""
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(784, 128)),
        ("relu", nn.ReLU()),
        ("fc2", nn.Linear(128, 10)),
    ]))
'''),
        Wrong("uses a sigmoid under the name relu", says="relu an nn.ReLU", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    """SimpleNet as an nn.Sequential with children named fc1, relu, fc2."""
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(in_features, hidden)),
        ("relu", nn.Sigmoid()),
        ("fc2", nn.Linear(hidden, out_features)),
    ]))
'''),
        Right("names the children with add_module", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    """SimpleNet as an nn.Sequential with children named fc1, relu, fc2."""
    net = nn.Sequential()
    net.add_module("fc1", nn.Linear(in_features, hidden))
    net.add_module("relu", nn.ReLU())
    net.add_module("fc2", nn.Linear(hidden, out_features))
    return net
'''),
        Wrong("returns a SimpleNet-style nn.Module subclass", says="should return an nn.Sequential", source='''
class _SimpleNet(nn.Module):
    def __init__(self, in_features, hidden, out_features):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


def make_simple_net(in_features=784, hidden=128, out_features=10):
    return _SimpleNet(in_features, hidden, out_features)
'''),
        Wrong("passes a plain dict to nn.Sequential", says="OrderedDict", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential({
        "fc1": nn.Linear(in_features, hidden),
        "relu": nn.ReLU(),
        "fc2": nn.Linear(hidden, out_features),
    })
'''),
        Wrong("lists the children as fc1, fc2, relu", says="in that order", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(in_features, hidden)),
        ("fc2", nn.Linear(hidden, out_features)),
        ("relu", nn.ReLU()),
    ]))
'''),
        Wrong("puts a Flatten in front, as for MNIST images", says="exactly fc1, relu, fc2", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential(OrderedDict([
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(in_features, hidden)),
        ("relu", nn.ReLU()),
        ("fc2", nn.Linear(hidden, out_features)),
    ]))
'''),
        Wrong("hard-codes the hidden width 128", says="ignores them", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(in_features, 128)),
        ("relu", nn.ReLU()),
        ("fc2", nn.Linear(128, out_features)),
    ]))
'''),
        Right("OrderedDict from keywords, in-place ReLU", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    layers = OrderedDict(fc1=nn.Linear(in_features, hidden), relu=nn.ReLU(inplace=True),
                         fc2=nn.Linear(hidden, out_features))
    return nn.Sequential(layers)
'''),
    ],
    "ex3_3_mlp": [
        Wrong("keeps the layers in a plain Python list", says="not a plain Python list", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = [nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])]

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)
'''),
        Wrong("applies ReLU after the last layer too", says="do not apply ReLU after the last layer", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers:
            x = torch.relu(layer(x))
        return x
'''),
        Wrong("puts nn.ReLU modules into the same ModuleList", says="and nothing else", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        layers = []
        for a, b in zip(sizes, sizes[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        self.layers = nn.ModuleList(layers[:-1])

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
'''),
        Wrong("forward written for exactly two layers", says="not a fixed number of layers", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        x = torch.relu(self.layers[0](x))
        return self.layers[-1](x)
'''),
        Right("appends to a ModuleList and uses enumerate", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList()
        for i in range(len(sizes) - 1):
            self.layers.append(nn.Linear(sizes[i], sizes[i + 1]))

    def forward(self, x):
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < last:
                x = nn.functional.relu(x)
        return x
'''),
        Wrong("creates fresh layers inside forward", says="create the layers in __init__", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.sizes = sizes

    def forward(self, x):
        pairs = list(zip(self.sizes, self.sizes[1:]))
        for a, b in pairs[:-1]:
            x = torch.relu(nn.Linear(a, b)(x))
        return nn.Linear(*pairs[-1])(x)
'''),
        Wrong("ends with a softmax", says="nor any other activation", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return torch.softmax(self.layers[-1](x), dim=-1)
'''),
        Wrong("uses nn.Sequential, not the nn.ModuleList asked for", says="should be an nn.ModuleList", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)
'''),
        Wrong("sets each layer as its own attribute with setattr", says="should register layers.0 and layers.1", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.n = len(sizes) - 1
        for i in range(self.n):
            setattr(self, f"fc{i}", nn.Linear(sizes[i], sizes[i + 1]))

    def forward(self, x):
        for i in range(self.n):
            x = getattr(self, f"fc{i}")(x)
            if i < self.n - 1:
                x = torch.relu(x)
        return x
'''),
        Wrong("off by one: one layer too few", says="should register layers.0 and layers.1", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 2)])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)
'''),
        Wrong("applies ReLU to the input too", says="not on the input", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = layer(torch.relu(x))
        return self.layers[-1](torch.relu(x))
'''),
        Right("extends the ModuleList, ReLU before every layer but the first", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList()
        self.layers.extend(nn.Linear(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:]))

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            if i:
                x = torch.relu(x)
            x = layer(x)
        return x
'''),
    ],
    "ex3_4_tower": [
        Wrong("registers scale as a frozen parameter (requires_grad=False), though it is learned",
              says="requires_grad=False", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width), requires_grad=False)
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("leaves the blocks in a plain list", says="blocks are not registered", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = [nn.Linear(width, width) for _ in range(depth)]
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("leaves the heads in a plain dict", says="nn.ModuleDict", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = {"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)}
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("makes center a learned nn.Parameter", says="center should not be learned", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.center = nn.Parameter(torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("keeps scale a plain tensor with requires_grad=True", says="scale is not registered", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = torch.ones(width, requires_grad=True)
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("registers center with persistent=False", says="persistent=True", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width), persistent=False)
''' + _TOWER_FORWARD),
        Wrong("builds three blocks whatever depth says", says="should build depth blocks", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(3)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Right("Sequential blocks, register_parameter, ModuleDict filled by key", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.register_buffer("center", torch.zeros(width), persistent=True)
        self.register_parameter("scale", nn.Parameter(torch.ones(width)))
        self.blocks = nn.Sequential(*[nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict()
        self.heads["main"] = nn.Linear(width, n_classes)
        self.heads["aux"] = nn.Linear(width, 1)
''' + _TOWER_FORWARD),
        Wrong("leaves center a plain tensor", says="center is not registered", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.center = torch.zeros(width)
''' + _TOWER_FORWARD),
        Wrong("registers scale as a buffer", says="scale should be learned", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.register_buffer("scale", torch.ones(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("repeats one layer depth times ([layer] * depth)", says="build a new nn.Linear(width, width) for each block", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width)] * depth)
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("starts scale at random values", says="scale should start at torch.ones(width)", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.randn(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("gives the aux head n_classes outputs", says="from width and n_classes", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, n_classes)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Wrong("makes center an nn.Parameter with requires_grad=False", says="center should not be learned", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.center = nn.Parameter(torch.zeros(width), requires_grad=False)
''' + _TOWER_FORWARD),
        Right("ModuleDict from a dict(), ModuleList extended, scale from torch.full", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList()
        self.blocks.extend([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict(dict(main=nn.Linear(width, n_classes), aux=nn.Linear(width, 1)))
        self.scale = nn.Parameter(torch.full((width,), 1.0))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
        Right("assigns center as an nn.Buffer", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList(nn.Linear(width, width) for _ in range(depth))
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.center = nn.Buffer(torch.zeros(width))
''' + _TOWER_FORWARD),
    ],
    "ex3_5_count_parameters": [
        Wrong("ignores trainable_only", says="should skip parameters with requires_grad=False", source='''
def count_parameters(model, trainable_only=False):
    """Number of scalar values in model's parameters (shared ones once, buffers never)."""
    return sum(p.numel() for p in model.parameters())
'''),
        Wrong("counts tensors, not their values", says="counted tensors instead of their values", source='''
def count_parameters(model, trainable_only=False):
    """Number of scalar values in model's parameters (shared ones once, buffers never)."""
    return len([p for p in model.parameters() if p.requires_grad or not trainable_only])
'''),
        Wrong("inverts the trainable filter", says="yours counts the frozen ones", source='''
def count_parameters(model, trainable_only=False):
    """Number of scalar values in model's parameters (shared ones once, buffers never)."""
    if trainable_only:
        return sum(p.numel() for p in model.parameters() if not p.requires_grad)
    return sum(p.numel() for p in model.parameters())
'''),
        Wrong("counts every name, so tied parameters twice", says="counted once", source='''
def count_parameters(model, trainable_only=False):
    """Number of scalar values in model's parameters (shared ones once, buffers never)."""
    return sum(p.numel() for _, p in model.named_parameters(remove_duplicate=False)
               if p.requires_grad or not trainable_only)
'''),
        Wrong("counts the state_dict, buffers included", says="Buffers such as BatchNorm", source='''
def count_parameters(model, trainable_only=False):
    """Number of scalar values in model's parameters (shared ones once, buffers never)."""
    if trainable_only:
        return sum(p.numel() for p in model.parameters() if p.requires_grad)
    return sum(v.numel() for v in model.state_dict().values())
'''),
        Wrong("counts only the children's direct parameters", says="owns directly", source='''
def count_parameters(model, trainable_only=False):
    """Number of scalar values in model's parameters (shared ones once, buffers never)."""
    seen = {}
    for child in model.modules():
        if child is model and len(list(model.children())) > 0:
            continue
        for p in child.parameters(recurse=False):
            if p.requires_grad or not trainable_only:
                seen[id(p)] = p.numel()
    return sum(seen.values())
'''),
        Right("deduplicates by identity over every name", source='''
def count_parameters(model, trainable_only=False):
    """Number of scalar values in model's parameters (shared ones once, buffers never)."""
    unique = {}
    for _, p in model.named_parameters(remove_duplicate=False):
        if trainable_only and not p.requires_grad:
            continue
        unique[id(p)] = int(p.numel())
    return sum(unique.values())
'''),
        Wrong("counts len(p), the first dimension only", says="counted len(p), the first dimension", source='''
def count_parameters(model, trainable_only=False):
    return sum(len(p) for p in model.parameters() if p.requires_grad or not trainable_only)
'''),
        Wrong("adds up parameters() of every module, so nested ones again and again", says="counted every parameter twice", source='''
def count_parameters(model, trainable_only=False):
    return sum(p.numel() for m in model.modules() for p in m.parameters()
               if p.requires_grad or not trainable_only)
'''),
        Wrong("takes 'has a gradient' for trainable", says="a .grad cannot tell what is trainable", source='''
def count_parameters(model, trainable_only=False):
    return sum(p.numel() for p in model.parameters() if p.grad is not None or not trainable_only)
'''),
        Wrong("returns a tensor", says="Python int", source='''
def count_parameters(model, trainable_only=False):
    sizes = [p.numel() for p in model.parameters() if p.requires_grad or not trainable_only]
    return torch.tensor(sizes, dtype=torch.long).sum()
'''),
        Wrong("removes duplicates with a set of sizes, not of parameters", says="by identity", source='''
def count_parameters(model, trainable_only=False):
    return sum(set(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only))
'''),
        Wrong("removes duplicates by shape", says="by identity", source='''
def count_parameters(model, trainable_only=False):
    by_shape = {}
    for p in model.parameters():
        if p.requires_grad or not trainable_only:
            by_shape[tuple(p.shape)] = p.numel()
    return sum(by_shape.values())
'''),
        Right("a set of the parameters themselves, math.prod of the shape", source='''
import math

def count_parameters(model, trainable_only=False):
    params = set(model.parameters())
    return sum(math.prod(p.shape) for p in params if not trainable_only or p.requires_grad)
'''),
    ],
}

# Third review round (issue 13): work shared between calls, grad mode, shapes and dtypes the
# visible example never shows, flags read per layer instead of per parameter.
_TOWER_FORWARD = '''
    def forward(self, x):
        x = (x - self.center) * self.scale
        for block in self.blocks:
            x = torch.relu(block(x))
        return self.heads["main"](x), self.heads["aux"](x)
'''

ANSWERS["ex3_1_registered"] += [
    Wrong("believes the layer inside the list is registered, in capitals", says="plain Python list b is not registered", source='''
answer_3_1 = "C"
'''),
    Wrong("answers with the number of registered attributes", says="one of the letters", source='''
answer_3_1 = 2
'''),
    Right("the letter with a full stop", source='''
answer_3_1 = "b."
'''),
]

ANSWERS["ex3_2_make_simple_net"] += [
    Wrong("caches the network with functools.lru_cache, so every call returns the same layers", says="share layers", source='''
import functools


@functools.lru_cache(maxsize=None)
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(in_features, hidden)),
        ("relu", nn.ReLU()),
        ("fc2", nn.Linear(hidden, out_features)),
    ]))
'''),
    Wrong("builds the layers with bias=False", says="fc1.weight, fc1.bias, fc2.weight, fc2.bias", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(in_features, hidden, bias=False)),
        ("relu", nn.ReLU()),
        ("fc2", nn.Linear(hidden, out_features, bias=False)),
    ]))
'''),
    Right("an OrderedDict zipped from names and layers", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    names = ["fc1", "relu", "fc2"]
    layers = [nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, out_features)]
    return nn.Sequential(OrderedDict(zip(names, layers)))
'''),
]

ANSWERS["ex3_3_mlp"] += [
    Wrong("runs forward under torch.no_grad() (passes the visible tests: they call it under no_grad)", says="stay on the autograd graph",
          source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        with torch.no_grad():
            for layer in self.layers[:-1]:
                x = torch.relu(layer(x))
            return self.layers[-1](x)
'''),
    Wrong("detaches the activations between layers", says="reach every layer", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x)).detach()
        return self.layers[-1](x)
'''),
    Right("F.relu over all layers but the last, indexed with range", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList()
        for i in range(len(sizes) - 1):
            self.layers.append(nn.Linear(sizes[i], sizes[i + 1]))

    def forward(self, x):
        n = len(self.layers)
        for i in range(n):
            x = self.layers[i](x)
            if i < n - 1:
                x = nn.functional.relu(x)
        return x
'''),
]

ANSWERS["ex3_4_tower"] += [
    Wrong("makes scale a single learned number, torch.ones(1) (passes the visible tests: it broadcasts)", says="one value per feature",
          source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(1))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
    Wrong("creates center in float64 (the forward then crashed the test with a raw traceback)", says="float32", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width, dtype=torch.float64))
''' + _TOWER_FORWARD),
    Wrong("registers scale both as a parameter and as a buffer (the constructor raised a raw KeyError)", says="Tower(width=8, depth=3, n_classes=3) raised",
          source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("scale", torch.ones(width))
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
]

ANSWERS["ex3_5_count_parameters"] += [
    Wrong("decides per layer from its weight whether it is trainable (passes the visible tests: whole layers frozen)",
          says="every parameter's own requires_grad", source='''
def count_parameters(model, trainable_only=False):
    total, seen = 0, set()
    for module in model.modules():
        own = list(module.parameters(recurse=False))
        if trainable_only and own and not own[0].requires_grad:
            continue
        for p in own:
            if id(p) not in seen:
                seen.add(id(p))
                total += p.numel()
    return total
'''),
    Wrong("passes recurse=False, so the children's parameters are never reached", says="walk into the children", source='''
def count_parameters(model, trainable_only=False):
    return sum(p.numel() for p in model.parameters(recurse=False) if p.requires_grad or not trainable_only)
'''),
    Right("named_parameters (deduplicated by default) and an explicit loop", source='''
def count_parameters(model, trainable_only=False):
    total = 0
    for _, p in model.named_parameters():
        if trainable_only and not p.requires_grad:
            continue
        total += p.numel()
    return int(total)
'''),
]

ANSWERS["ex3_3_mlp"] += [
    Wrong("calls the ModuleList itself, self.layers(x), as if it were an nn.Sequential (a raw NotImplementedError before)",
          says="cannot be called", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        return self.layers(x)
'''),
]


# Fourth review round (held-out review B): signatures, dtypes and flags the visible example never
# shows, exceptions turned into sentences, the activation and the layer shapes named.
ANSWERS["ex3_2_make_simple_net"] += [
    Wrong("returns the network in float64 (.double()); the forward then crashed the test with a raw RuntimeError",
          says="float32 parameters", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential(OrderedDict([("fc1", nn.Linear(in_features, hidden)), ("relu", nn.ReLU()),
                                      ("fc2", nn.Linear(hidden, out_features))])).double()
'''),
    Wrong("drops the default sizes from the signature (was told to use an OrderedDict)", says="keep the default sizes", source='''
def make_simple_net(in_features, hidden, out_features):
    return nn.Sequential(OrderedDict([("fc1", nn.Linear(in_features, hidden)), ("relu", nn.ReLU()),
                                      ("fc2", nn.Linear(hidden, out_features))]))
'''),
    Wrong("forgets the return statement", says="returns None", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    net = nn.Sequential(OrderedDict([("fc1", nn.Linear(in_features, hidden)), ("relu", nn.ReLU()),
                                     ("fc2", nn.Linear(hidden, out_features))]))
'''),
    Wrong("freezes fc1 (passes every visible test)", says="should be trainable", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    net = nn.Sequential(OrderedDict([("fc1", nn.Linear(in_features, hidden)), ("relu", nn.ReLU()),
                                     ("fc2", nn.Linear(hidden, out_features))]))
    net.fc1.requires_grad_(False)
    return net
'''),
    Wrong("reuses module-level layers at the default sizes only (the old check used other sizes)", says="share layers", source='''
_fc1, _fc2 = nn.Linear(784, 128), nn.Linear(128, 10)

def make_simple_net(in_features=784, hidden=128, out_features=10):
    fc1 = _fc1 if (in_features, hidden) == (784, 128) else nn.Linear(in_features, hidden)
    fc2 = _fc2 if (hidden, out_features) == (128, 10) else nn.Linear(hidden, out_features)
    return nn.Sequential(OrderedDict([("fc1", fc1), ("relu", nn.ReLU()), ("fc2", fc2)]))
'''),
    Right("attributes assigned on an empty nn.Sequential", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    net = nn.Sequential()
    net.fc1 = nn.Linear(in_features, hidden)
    net.relu = nn.ReLU()
    net.fc2 = nn.Linear(hidden, out_features)
    return net
'''),
    Right("an nn.Sequential subclass built from keywords, with an extra keyword-only argument", source='''
class SimpleSeq(nn.Sequential):
    pass

def make_simple_net(in_features=28 * 28, hidden=128, out_features=10, *, bias=True):
    return SimpleSeq(OrderedDict(fc1=nn.Linear(in_features, hidden, bias=bias, dtype=torch.float32),
                                 relu=nn.ReLU(), fc2=nn.Linear(hidden, out_features, bias=bias)))
'''),
]

ANSWERS["ex3_3_mlp"] += [
    Wrong("builds each layer with its sizes swapped, nn.Linear(b, a) (a raw shape error before)", says="should have shape (8, 4)", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(b, a) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)
'''),
    Wrong("builds float64 layers (was told an nn.ModuleList cannot be called)", says="float32 parameters", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b, dtype=torch.float64) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)
'''),
    Wrong("uses tanh between the layers", says="uses tanh", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.tanh(layer(x))
        return self.layers[-1](x)
'''),
    Wrong("applies ReLU only after the first layer (passes the visible two-layer tests)", says="a ReLU after every layer but the last", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        x = torch.relu(self.layers[0](x))
        for layer in self.layers[1:]:
            x = layer(x)
        return x
'''),
    Wrong("applies the layers in reverse order", says="apply the layers in order", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        layers = list(self.layers)[::-1]
        for layer in layers[:-1]:
            x = torch.relu(layer(x))
        return layers[-1](x)
'''),
    Wrong("first layer, middle layers, last layer: a single-layer MLP applies its layer twice", says="has a single layer", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        x = torch.relu(self.layers[0](x))
        for layer in self.layers[1:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)
'''),
    Wrong("forward forgets to return (a raw TypeError before)", says="returns None", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        x = self.layers[-1](x)
'''),
    Right("map(nn.Linear, ...) and star-unpacking of the layers", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList(map(nn.Linear, sizes[:-1], sizes[1:]))

    def forward(self, x):
        *hidden, last = self.layers
        for layer in hidden:
            x = nn.functional.relu(layer(x))
        return last(x)
'''),
    Right("an extra in-place nn.ReLU child and an index test", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.act = nn.ReLU(inplace=True)
        self.sizes = list(sizes)

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = self.act(x)
        return x
'''),
    Right("functools.reduce with clamp(min=0)", source='''
import functools

class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList()
        for a, b in zip(sizes, sizes[1:]):
            self.layers.append(nn.Linear(a, b))

    def forward(self, x):
        x = functools.reduce(lambda h, layer: layer(h).clamp(min=0), self.layers[:-1], x)
        return self.layers[-1](x)
'''),
]

ANSWERS["ex3_4_tower"] += [
    Wrong("registers center as a buffer that requires grad (passes the visible tests)", says="should not require grad", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width, requires_grad=True))
''' + _TOWER_FORWARD),
    Wrong("keeps LeakyTower's plain center tensor and registers the buffer as well", says="register each name once", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.center = torch.zeros(width)
        self.register_buffer("center", torch.zeros(width))
''' + _TOWER_FORWARD),
    Wrong("registers the buffer under another spelling, centre", says="center is not registered", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, n_classes), "aux": nn.Linear(width, 1)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("centre", torch.zeros(width))
''' + _TOWER_FORWARD),
    Right("scale from nn.init.ones_ on an empty tensor, ModuleDict from keywords", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict(dict(main=nn.Linear(width, n_classes), aux=nn.Linear(width, 1)))
        self.scale = nn.Parameter(nn.init.ones_(torch.empty(width)))
        self.register_buffer("center", torch.zeros(width).detach().clone())
''' + _TOWER_FORWARD),
]

ANSWERS["ex3_5_count_parameters"] += [
    Wrong("keeps parameters whose requires_grad equals trainable_only, so only frozen ones by default (was told recurse=False)",
          says="yours counts only the frozen ones", source='''
def count_parameters(model, trainable_only=False):
    return sum(p.numel() for p in model.parameters() if p.requires_grad == trainable_only)
'''),
    Wrong("counts only nn.Linear weights and biases (was told it counted buffers)", says="BatchNorm's weight and bias are parameters too", source='''
def count_parameters(model, trainable_only=False):
    total = 0
    for m in model.modules():
        if isinstance(m, nn.Linear):
            for p in (m.weight, m.bias):
                if p is not None and (p.requires_grad or not trainable_only):
                    total += p.numel()
    return total
'''),
    Wrong("renames the flag to trainable (a raw TypeError before)", says="keep the signature", source='''
def count_parameters(model, trainable=False):
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable)
'''),
    Wrong("multiplies the shape with functools.reduce, which fails on a scalar parameter (passed every test before)",
          says="a scalar included", source='''
import functools
import operator

def count_parameters(model, trainable_only=False):
    return sum(functools.reduce(operator.mul, p.shape) for p in model.parameters()
               if p.requires_grad or not trainable_only)
'''),
    Wrong("counts shape[0] * shape[-1], so a bias of n counts n * n", says="sum of p.numel()", source='''
def count_parameters(model, trainable_only=False):
    return sum(p.shape[0] * p.shape[-1] for p in model.parameters() if p.requires_grad or not trainable_only)
'''),
    Wrong("sets requires_grad while counting, unfreezing the model (was told it counted frozen ones)", says="changed the model's requires_grad", source='''
def count_parameters(model, trainable_only=False):
    total = 0
    for p in model.parameters():
        if trainable_only and not p.requires_grad:
            continue
        total += p.requires_grad_(True).numel()
    return total
'''),
    Wrong("sums numpy products, which are numpy integers", says="Python int", source='''
import numpy as np

def count_parameters(model, trainable_only=False):
    return sum(np.prod(p.shape) for p in model.parameters() if p.requires_grad or not trainable_only)
'''),
    Right("map(torch.numel) over a filter", source='''
def count_parameters(model, trainable_only=False):
    keep = (lambda p: p.requires_grad) if trainable_only else (lambda p: True)
    return sum(map(torch.numel, filter(keep, model.parameters())))
'''),
    Right("walks modules with recurse=False and a set of seen ids", source='''
def count_parameters(model, trainable_only=False):
    seen, total = set(), 0
    for m in model.modules():
        for p in m.parameters(recurse=False):
            if id(p) in seen:
                continue
            seen.add(id(p))
            if trainable_only and not p.requires_grad:
                continue
            total += len(p.detach().reshape(-1))
    return total
'''),
]

ANSWERS["ex3_1_registered"] += [
    Wrong("leaves the answer as None", says="one of the letters", source='''
answer_3_1 = None
'''),
    Wrong("names the two registered attributes, a and d, instead of the option's letter", says="one of the letters", source='''
answer_3_1 = "a, d"
'''),
    Right("the letter in parentheses with spaces around", source='''
answer_3_1 = " (b) "
'''),
]

# Second review, round 2 (issue 13): held-out answers written before reading this catalog; these
# were missed, told a raw NameError, or told a different mistake before.
ANSWERS["ex3_1_registered"] += [
    Wrong("writes the letter without quotes (a raw NameError before)", says="answer_3_1 is not defined", source='''
answer_3_1 = b
'''),
]
ANSWERS["ex3_2_make_simple_net"] += [
    Wrong("puts the class nn.ReLU, not an instance, in the OrderedDict (was told a plain dict is not accepted)",
          says="module instance", source='''
def make_simple_net(in_features=784, hidden=128, out_features=10):
    return nn.Sequential(OrderedDict([("fc1", nn.Linear(in_features, hidden)), ("relu", nn.ReLU),
                                      ("fc2", nn.Linear(hidden, out_features))]))
'''),
    Wrong("orders the parameters (in_features, out_features, hidden) (was told it ignores them)",
          says="in the order (in_features, hidden, out_features)", source='''
def make_simple_net(in_features=784, out_features=10, hidden=128):
    return nn.Sequential(OrderedDict([("fc1", nn.Linear(in_features, hidden)), ("relu", nn.ReLU()),
                                      ("fc2", nn.Linear(hidden, out_features))]))
'''),
]
ANSWERS["ex3_3_mlp"] += [
    Wrong("calls layer.forward(x), skipping the hooks (passed every test before)", says="not layer.forward(x)", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer.forward(x))
        return self.layers[-1].forward(x)
'''),
    Wrong("pairs the sizes in a dict, which merges repeated widths (no test had repeated widths)",
          says="even when widths repeat", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in dict(zip(sizes, sizes[1:])).items()])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)
'''),
    Right("F.linear with each layer's own weight and bias", source='''
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(nn.functional.linear(x, layer.weight, layer.bias))
        return nn.functional.linear(x, self.layers[-1].weight, self.layers[-1].bias)
'''),
]
ANSWERS["ex3_4_tower"] += [
    Wrong("swaps the two heads' sizes (was told only the expected shapes)", says="yours has the two swapped", source='''
class Tower(nn.Module):
    def __init__(self, width=8, depth=3, n_classes=3):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({"main": nn.Linear(width, 1), "aux": nn.Linear(width, n_classes)})
        self.scale = nn.Parameter(torch.ones(width))
        self.register_buffer("center", torch.zeros(width))

    def forward(self, x):
        x = (x - self.center) * self.scale
        for block in self.blocks:
            x = torch.relu(block(x))
        return self.heads["main"](x), self.heads["aux"](x)
'''),
]
