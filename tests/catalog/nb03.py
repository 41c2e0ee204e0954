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
    ],
    "ex3_4_tower": [
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
        Wrong("inverts the trainable filter", says="only fc2's 1290 parameters are trainable", source='''
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
    ],
}
