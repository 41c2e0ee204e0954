"""Wrong and right answers to 02 · What a neural-network model is."""
from tests.catalog import Right, Wrong

ASSIGNMENT = "02_neural_network_model"

ANSWERS = {
    "ex2_1_linear_formula": [
        Wrong("puts the weight in front of the batch", says="cannot be multiplied", source='''
answer_2_1 = "a"
'''),
        Wrong("reads the weight as (in, out)", says="reads the weight as (in, out)", source='''
answer_2_1 = "b"
'''),
        Wrong("forgets the bias", says="leaves out the bias", source='''
answer_2_1 = "d"
'''),
        Wrong("answers with the position instead of the letter", says="one of the strings", source='''
answer_2_1 = 3
'''),
        Right("upper case, with spaces", source='''
answer_2_1 = " C "
'''),
        Right("writes the letter in parentheses, as the list shows it", source='''
answer_2_1 = "(c)"
'''),
        Wrong("hedges with two letters", says="one of the strings", source='''
answer_2_1 = "c, d"
'''),
        Wrong("writes the expression instead of its letter", says="one of the strings", source='''
answer_2_1 = "xb @ layer.weight.T + layer.bias"
'''),
        Wrong("puts the letter in a list", says="one of the strings", source='''
answer_2_1 = ["c"]
'''),
        Right("the letter picked out of a string", source='''
answer_2_1 = "abcd"[2]
'''),
    ],
    "ex2_2_shapes": [
        Wrong("writes every weight as (in, out)", says="has the two swapped", source='''
shapes_2_2 = {
    "net[0].weight": (6, 16),
    "net[0].bias": (16,),
    "net[4].weight": (16, 3),
    "net(x)": (10, 3),
    "net(x[0])": (3,),
}
'''),
        Wrong("gives a bias a column shape", says="one number per output feature", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16, 1),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (3,),
}
'''),
        Wrong("thinks one example keeps a batch dimension of 1", says="single 1-D example", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16,),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (1, 3),
}
'''),
        Wrong("forgets the batch dimension of the output", says="batch dimension of x", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16,),
    "net[4].weight": (3, 16),
    "net(x)": (3,),
    "net(x[0])": (3,),
}
'''),
        Wrong("writes the shapes as lists", says="tuple of ints", source='''
shapes_2_2 = {
    "net[0].weight": [16, 6],
    "net[0].bias": [16],
    "net[4].weight": [3, 16],
    "net(x)": [10, 3],
    "net(x[0])": [3],
}
'''),
        Right("builds the shapes from the widths, as torch.Size", source='''
n_in, hidden, n_out, batch = 6, 16, 3, 10
shapes_2_2 = {
    "net[0].weight": torch.Size([hidden, n_in]),
    "net[0].bias": torch.Size([hidden]),
    "net[4].weight": torch.Size([n_out, hidden]),
    "net(x)": torch.Size([batch, n_out]),
    "net(x[0])": torch.Size([n_out]),
}
'''),
        Wrong("writes a 1-D shape as (16) without the trailing comma", says="trailing comma", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (3),
}
'''),
        Wrong("gives the bias one entry per input feature", says="one number per output feature", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (6,),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (3,),
}
'''),
        Wrong("gives net(x) the hidden width instead of the output width", says="stops at the hidden width", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16,),
    "net[4].weight": (3, 16),
    "net(x)": (10, 16),
    "net(x[0])": (3,),
}
'''),
        Wrong("puts the features before the batch in the output", says="batch dimension of x", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16,),
    "net[4].weight": (3, 16),
    "net(x)": (3, 10),
    "net(x[0])": (3,),
}
'''),
        Wrong("takes net[4] for a hidden 16-to-16 layer", says="3 rows and 16 columns", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16,),
    "net[4].weight": (16, 16),
    "net(x)": (10, 3),
    "net(x[0])": (3,),
}
'''),
        Right("builds the net and reads the shapes off it", source='''
net = nn.Sequential(
    nn.Linear(6, 16), nn.Tanh(),
    nn.Linear(16, 16), nn.Tanh(),
    nn.Linear(16, 3),
)
x = torch.randn(10, 6)
shapes_2_2 = {
    "net[0].weight": tuple(net[0].weight.shape),
    "net[0].bias": tuple(net[0].bias.shape),
    "net[4].weight": tuple(net[4].weight.shape),
    "net(x)": tuple(net(x).shape),
    "net(x[0])": tuple(net(x[0]).shape),
}
'''),
    ],
    "ex2_3_mlp_forward": [
        Wrong("multiplies by W without transposing", says="(out_features, in_features)", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W + b
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
        Wrong("applies ReLU after the last layer too", says="last layer's output", source='''
def mlp_forward(x, weights, biases):
    h = x
    for W, b in zip(weights, biases):
        h = torch.relu(h @ W.T + b)
    return h
'''),
        Wrong("forgets the activation between layers", says="apply ReLU between the layers", source='''
def mlp_forward(x, weights, biases):
    h = x
    for W, b in zip(weights, biases):
        h = h @ W.T + b
    return h
'''),
        Wrong("forgets the biases", says="leaves the biases out", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, W in enumerate(weights):
        h = h @ W.T
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
        Wrong("hard-codes a network of two layers", says="any number of layers", source='''
def mlp_forward(x, weights, biases):
    W1, W2 = weights
    b1, b2 = biases
    return torch.relu(x @ W1.T + b1) @ W2.T + b2
'''),
        Wrong("uses only the first and the last layer", says="any number of layers", source='''
def mlp_forward(x, weights, biases):
    h = torch.relu(x @ weights[0].T + biases[0]) if len(weights) > 1 else x
    return h @ weights[-1].T + biases[-1]
'''),
        Wrong("uses torch.mm, which needs a 2-D batch", says="single 1-D example", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = torch.mm(h, W.t()) + b
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
        Wrong("applies ReLU in place to the caller's tensor", says="must not modify", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        if i > 0:
            h.relu_()
        h = h @ W.T + b
    x.relu_()
    return h
'''),
        Right("layers as functions, composed with a loop over all but the last", source='''
import torch.nn.functional as F

def mlp_forward(x, weights, biases):
    *hidden, last = list(zip(weights, biases))
    for W, b in hidden:
        x = F.relu(torch.matmul(x, W.transpose(0, 1)) + b)
    W, b = last
    return torch.matmul(x, W.transpose(0, 1)) + b
'''),
        Right("recursion on the first layer", source='''
def mlp_forward(x, weights, biases):
    h = x @ weights[0].T + biases[0]
    if len(weights) == 1:
        return h
    return mlp_forward(h.clamp(min=0), weights[1:], biases[1:])
'''),
        Wrong("applies ReLU to the input before the first layer", says="the input x itself", source='''
def mlp_forward(x, weights, biases):
    h = x
    for W, b in zip(weights, biases):
        h = torch.relu(h) @ W.T + b
    return h
'''),
        Wrong("pops the last layer off the caller's lists", says="must not modify", source='''
def mlp_forward(x, weights, biases):
    W_last, b_last = weights.pop(), biases.pop()
    h = x
    for W, b in zip(weights, biases):
        h = torch.relu(h @ W.T + b)
    return h @ W_last.T + b_last
'''),
        Wrong("computes in float64 for accuracy", says="dtype", source='''
def mlp_forward(x, weights, biases):
    h = x.double()
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.double().T + b.double()
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
        Wrong("adds the bias as a row, b.unsqueeze(0)", says="single 1-D example", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T + b.unsqueeze(0)
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
        Wrong("uses tanh as the activation", says="yours uses tanh", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T + b
        if i < len(weights) - 1:
            h = torch.tanh(h)
    return h
'''),
        Wrong("off by one: no ReLU after the second-to-last layer", says="apply ReLU between the layers", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T + b
        if i < len(weights) - 2:
            h = torch.relu(h)
    return h
'''),
        Right("F.linear, with an in-place relu_ on the fresh result", source='''
import torch.nn.functional as F

def mlp_forward(x, weights, biases):
    h = x
    for i in range(len(weights)):
        h = F.linear(h, weights[i], biases[i])
        if i != len(weights) - 1:
            h.relu_()
    return h
'''),
        Right("ReLU before every layer but the first", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        if i > 0:
            h = torch.relu(h)
        h = h @ W.T + b
    return h
'''),
        Right("transposes the activations instead of the weight", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = (W @ h.T).T + b
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
    ],
    "ex2_4_count_parameters": [
        Wrong("forgets the biases", says="counted only the weights", source='''
def count_parameters(sizes, bias=True):
    return sum(a * b for a, b in zip(sizes, sizes[1:]))
'''),
        Wrong("counts a bias for every width, the input included", says="784 inputs", source='''
def count_parameters(sizes, bias=True):
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    return weights + (sum(sizes) if bias else 0)
'''),
        Wrong("ignores bias=False", says="with bias=False", source='''
def count_parameters(sizes, bias=True):
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))
'''),
        Wrong("hard-codes three widths", says="any number of sizes", source='''
def count_parameters(sizes, bias=True):
    n_in, hidden, n_out = sizes
    total = n_in * hidden + hidden * n_out
    if bias:
        total += hidden + n_out
    return total
'''),
        Wrong("returns a tensor", says="Python int", source='''
def count_parameters(sizes, bias=True):
    s = torch.tensor(sizes)
    total = (s[:-1] * s[1:]).sum()
    if bias:
        total = total + s[1:].sum()
    return total
'''),
        Right("builds the layers on the meta device and counts numel", source='''
def count_parameters(sizes, bias=True):
    layers = [nn.Linear(a, b, bias=bias, device="meta") for a, b in zip(sizes, sizes[1:])]
    return sum(p.numel() for layer in layers for p in layer.parameters())
'''),
        Right("one expression, bias as 0 or 1", source='''
def count_parameters(sizes, bias=True):
    return sum((a + int(bias)) * b for a, b in zip(sizes[:-1], sizes[1:]))
'''),
        Wrong("counts one bias per layer input instead of per output", says="one bias per output", source='''
def count_parameters(sizes, bias=True):
    total = 0
    for a, b in zip(sizes, sizes[1:]):
        total += a * b + (a if bias else 0)
    return total
'''),
        Wrong("off by one: range stops before the last layer", says="left out the last layer", source='''
def count_parameters(sizes, bias=True):
    total = 0
    for i in range(len(sizes) - 2):
        total += sizes[i] * sizes[i + 1] + (sizes[i + 1] if bias else 0)
    return total
'''),
        Wrong("returns a numpy integer", says="Python int", source='''
def count_parameters(sizes, bias=True):
    s = np.array(sizes)
    total = (s[:-1] * s[1:]).sum()
    if bias:
        total += s[1:].sum()
    return total
'''),
        Wrong("pops the widths off the caller's list", says="must not modify the list sizes", source='''
def count_parameters(sizes, bias=True):
    total = 0
    prev = sizes.pop(0)
    while sizes:
        width = sizes.pop(0)
        total += prev * width + (width if bias else 0)
        prev = width
    return total
'''),
        Wrong("counts biases of the hidden layers only", says="left out the last layer's biases", source='''
def count_parameters(sizes, bias=True):
    total = sum(a * b for a, b in zip(sizes, sizes[1:]))
    if bias:
        total += sum(sizes[1:-1])
    return total
'''),
        Right("numpy dot products, cast to int", source='''
def count_parameters(sizes, bias=True):
    fan_in, fan_out = np.array(sizes[:-1], dtype=np.int64), np.array(sizes[1:], dtype=np.int64)
    return int(fan_in @ fan_out + (fan_out.sum() if bias else 0))
'''),
    ],
    "ex2_5_collapse_linear": [
        Wrong("multiplies the weights in the wrong order", says="opposite order", source='''
def collapse_linear(W1, b1, W2, b2):
    return W1 @ W2, W2 @ b1 + b2
'''),
        Wrong("adds the two biases", says="not b1 + b2", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1, b1 + b2
'''),
        Wrong("sends b1 through W2 transposed", says="yours computes b1 @ W2", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1, b1 @ W2 + b2
'''),
        Wrong("drops the first bias", says="yours leaves out W2 @ b1", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1, b2
'''),
        Wrong("adds into b2 in place to save memory", says="must not modify", source='''
def collapse_linear(W1, b1, W2, b2):
    b2 += W2 @ b1
    return W2 @ W1, b2
'''),
        Right("reads W and b off the two layers applied to the identity and to zero", source='''
def collapse_linear(W1, b1, W2, b2):
    def both(x):
        return (x @ W1.T + b1) @ W2.T + b2
    n_in = W1.shape[1]
    b = both(torch.zeros(n_in))
    W = (both(torch.eye(n_in)) - b).T
    return W, b
'''),
        Right("matmul and addmv", source='''
def collapse_linear(W1, b1, W2, b2):
    return torch.matmul(W2, W1), torch.addmv(b2, W2, b1)
'''),
        Wrong("returns W transposed, as (in, out)", says="W is transposed", source='''
def collapse_linear(W1, b1, W2, b2):
    return W1.T @ W2.T, W2 @ b1 + b2
'''),
        Wrong("multiplies elementwise with *", says="multiplies elementwise", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 * W1, W2 @ b1 + b2
'''),
        Wrong("keeps b as a column (out, 1)", says="b (out,)", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1, W2 @ b1.unsqueeze(1) + b2.unsqueeze(1)
'''),
        Wrong("returns a list [W, b]", says="tuple (W, b)", source='''
def collapse_linear(W1, b1, W2, b2):
    return [W2 @ W1, W2 @ b1 + b2]
'''),
        Wrong("forgets the second bias", says="yours leaves out b2", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1, W2 @ b1
'''),
        Right("b1 as a row through W2.T, W as a transposed product", source='''
def collapse_linear(W1, b1, W2, b2):
    W = (W1.T @ W2.T).T
    b = b1 @ W2.T + b2
    return (W, b)
'''),
    ],
}

# Third review round (issue 13): answers tuned to the visible example's dtype and batch size,
# a result returned in the wrong order, a float where an int is due.
ANSWERS["ex2_1_linear_formula"] += [
    Wrong("leaves out the bias, in capitals", says="leaves out the bias", source='''
answer_2_1 = "D"
'''),
    Wrong("leaves the placeholder None", says="one of the strings", source='''
answer_2_1 = None
'''),
    Right("the letter with a closing parenthesis and spaces", source='''
answer_2_1 = " c) "
'''),
]

ANSWERS["ex2_2_shapes"] += [
    Wrong("writes the shapes as strings", says="tuple of ints", source='''
shapes_2_2 = {
    "net[0].weight": "(16, 6)",
    "net[0].bias": "(16,)",
    "net[4].weight": "(3, 16)",
    "net(x)": "(10, 3)",
    "net(x[0])": "(3,)",
}
'''),
    Wrong("adds a key for the middle layer too", says="exactly the keys", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16,),
    "net[2].weight": (16, 16),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (3,),
}
'''),
    Right("dict(zip(keys, shapes))", source='''
_keys = ["net[0].weight", "net[0].bias", "net[4].weight", "net(x)", "net(x[0])"]
shapes_2_2 = dict(zip(_keys, [(16, 6), (16,), (3, 16), (10, 3), (3,)]))
'''),
]

ANSWERS["ex2_3_mlp_forward"] += [
    Wrong("casts x to float32 first (passes the visible tests: they are float32)", says="keep the dtype of x", source='''
def mlp_forward(x, weights, biases):
    h = x.float()
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.float().T + b.float()
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
    Wrong("squeezes the result (passes the visible tests: batches of 6 and 4)", says="keep the batch dimension", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T + b
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h.squeeze()
'''),
    Right("torch.nn.functional.linear and clamp_min", source='''
def mlp_forward(x, weights, biases):
    pairs = list(zip(weights, biases))
    h = x
    for W, b in pairs[:-1]:
        h = torch.nn.functional.linear(h, W, b).clamp_min(0)
    W, b = pairs[-1]
    return torch.nn.functional.linear(h, W, b)
'''),
]

ANSWERS["ex2_4_count_parameters"] += [
    Wrong("inverts the bias flag", says="counted only the weights", source='''
def count_parameters(sizes, bias=True):
    total = 0
    for a, b in zip(sizes, sizes[1:]):
        total += a * b + (0 if bias else b)
    return total
'''),
    Wrong("adds up with math.fsum, which returns a float", says="Python int", source='''
import math


def count_parameters(sizes, bias=True):
    return math.fsum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
'''),
    Right("two sums, the biases multiplied by the flag", source='''
def count_parameters(sizes, bias=True):
    widths = list(sizes)
    weights = sum(a * b for a, b in zip(widths, widths[1:]))
    return weights + int(bias) * sum(widths[1:])
'''),
]

ANSWERS["ex2_5_collapse_linear"] += [
    Wrong("computes in float64 for accuracy (the test then crashed with a raw dtype error)", says="dtype of the weights", source='''
def collapse_linear(W1, b1, W2, b2):
    W1, b1, W2, b2 = (t.double() for t in (W1, b1, W2, b2))
    return W2 @ W1, W2 @ b1 + b2
'''),
    Wrong("returns (b, W), the bias first", says="return W first", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ b1 + b2, W2 @ W1
'''),
    Right("torch.einsum for both", source='''
def collapse_linear(W1, b1, W2, b2):
    W = torch.einsum("oh,hi->oi", W2, W1)
    b = torch.einsum("oh,h->o", W2, b1) + b2
    return (W, b)
'''),
]

ANSWERS["ex2_4_count_parameters"] += [
    Wrong("indexes sizes[i + 1] for every i, one past the end (a raw IndexError before)", says="one layer per consecutive pair", source='''
def count_parameters(sizes, bias=True):
    total = 0
    for i in range(len(sizes)):
        total += sizes[i] * sizes[i + 1] + (sizes[i + 1] if bias else 0)
    return total
'''),
]

# Second review, held-out answers written before reading the catalog (review-A)
ANSWERS["ex2_1_linear_formula"] += [
    Wrong('bare name c, no quotes', says='answer_2_1 is not defined', source='''
answer_2_1 = c'''),
    Wrong('not an option: e', says='one of the strings', source='''
answer_2_1 = "e"'''),
    Right('c with a period', source='''
answer_2_1 = "c."'''),
    Right('C in parens', source='''
answer_2_1 = " (C) "'''),
    Right('chr', source='''
answer_2_1 = chr(ord("a") + 2)'''),
]

ANSWERS["ex2_2_shapes"] += [
    Wrong('leaves the placeholders ...', says='replace every ...', source='''
shapes_2_2 = {
    "net[0].weight": ...,
    "net[0].bias": ...,
    "net[4].weight": ...,
    "net(x)": ...,
    "net(x[0])": ...,
}
'''),
    Wrong('a typo in a key', says="yours misses ['net[0].bias']", source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].biases": (16,),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (3,),
}
'''),
    Wrong('net(x[0]) keeps the batch of 10', says='single 1-D example', source='''
shapes_2_2 = {
    "net[0].weight": (16, 6),
    "net[0].bias": (16,),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (10, 3),
}
'''),
    Wrong('floats in the shapes', says='tuple of ints', source='''
shapes_2_2 = {
    "net[0].weight": (16.0, 6.0),
    "net[0].bias": (16,),
    "net[4].weight": (3, 16),
    "net(x)": (10, 3),
    "net(x[0])": (3,),
}
'''),
    Wrong('undefined variable', says='shapes_2_2 is not defined', source='''
shapes = {}'''),
    Right('torch.Size everywhere', source='''
shapes_2_2 = {
    "net[0].weight": torch.Size([16, 6]),
    "net[0].bias": torch.Size([16]),
    "net[4].weight": torch.Size([3, 16]),
    "net(x)": torch.Size([10, 3]),
    "net(x[0])": torch.Size([3]),
}
'''),
    Right('builds the net and a batch, reads shapes', source='''
net = nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 3))
x = torch.randn(10, 6)
shapes_2_2 = {"net[0].weight": tuple(net[0].weight.shape), "net[0].bias": tuple(net[0].bias.shape),
              "net[4].weight": tuple(net[4].weight.shape), "net(x)": tuple(net(x).shape), "net(x[0])": tuple(net(x[0]).shape)}
'''),
]

ANSWERS["ex2_3_mlp_forward"] += [
    Wrong('detaches the result', says='cut off from the graph', source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T + b
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h.detach()
'''),
    Wrong('computes under torch.no_grad()', says='cut off from the graph', source='''
def mlp_forward(x, weights, biases):
    with torch.no_grad():
        h = x
        for i, (W, b) in enumerate(zip(weights, biases)):
            h = h @ W.T + b
            if i < len(weights) - 1:
                h = torch.relu(h)
    return h
'''),
    Wrong('goes through numpy', says='cut off from the graph', source='''
def mlp_forward(x, weights, biases):
    h = x.detach().numpy()
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.detach().numpy().T + b.detach().numpy()
        if i < len(weights) - 1:
            h = np.maximum(h, 0)
    return torch.from_numpy(h)
'''),
    Wrong('ReLU before adding the bias', says='applies ReLU first', source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T
        if i < len(weights) - 1:
            h = torch.relu(h)
        h = h + b
    return h
'''),
    Wrong('stops before the last layer', says='stops before the last layer', source='''
def mlp_forward(x, weights, biases):
    h = x
    for W, b in zip(weights[:-1], biases[:-1]):
        h = torch.relu(h @ W.T + b)
    return h
'''),
    Wrong('ReLU after every layer but the first (i > 0)', says='after the last layer only', source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T + b
        if i > 0:
            h = torch.relu(h)
    return h
'''),
    Wrong("transposes the caller's weights in place", says='do not change the inputs in place', source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.t_() + b
        W.t_()
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
    Wrong('returns a list of activations', says='should return a tensor', source='''
def mlp_forward(x, weights, biases):
    hs = [x]
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = hs[-1] @ W.T + b
        hs.append(torch.relu(h) if i < len(weights) - 1 else h)
    return hs
'''),
    Wrong('builds nn.Linear layers from the weights (copies: no gradient to them)', says='some of yours get none', source='''
def mlp_forward(x, weights, biases):
    layers = []
    for i, (W, b) in enumerate(zip(weights, biases)):
        lin = nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            lin.weight.copy_(W)
            lin.bias.copy_(b)
        layers.append(lin)
        if i < len(weights) - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers).to(x.dtype)(x)
'''),
    Right('F.linear and F.relu, last layer outside the loop', source='''
def mlp_forward(x, weights, biases):
    import torch.nn.functional as F
    for W, b in zip(weights[:-1], biases[:-1]):
        x = F.relu(F.linear(x, W, b))
    return F.linear(x, weights[-1], biases[-1])
'''),
    Right('matmul with W on the left, transposed back', source='''
def mlp_forward(x, weights, biases):
    h = x
    n = len(weights)
    for i in range(n):
        h = torch.matmul(weights[i], h.unsqueeze(-1)).squeeze(-1) + biases[i]
        h = h.clamp(min=0) if i + 1 < n else h
    return h
'''),
    Right('functools.reduce', source='''
def mlp_forward(x, weights, biases):
    import functools
    last = len(weights) - 1
    return functools.reduce(lambda h, iwb: (lambda z: z if iwb[0] == last else torch.relu(z))(h @ iwb[1][0].T + iwb[1][1]),
                            enumerate(zip(weights, biases)), x)
'''),
    Right('einsum, max with zero', source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = torch.einsum("...i,oi->...o", h, W) + b
        if i != len(weights) - 1:
            h = torch.maximum(h, torch.zeros_like(h))
    return h
'''),
]

ANSWERS["ex2_4_count_parameters"] += [
    Wrong('names the flag use_bias', says='name the flag bias', source='''
def count_parameters(sizes, use_bias=True):
    return sum(a * b + (b if use_bias else 0) for a, b in zip(sizes, sizes[1:]))
'''),
    Wrong('one bias per layer', says='one bias per layer', source='''
def count_parameters(sizes, bias=True):
    return sum(a * b + (1 if bias else 0) for a, b in zip(sizes, sizes[1:]))
'''),
    Wrong("sorts the caller's list", says='must not modify the list sizes', source='''
def count_parameters(sizes, bias=True):
    sizes.sort(reverse=True)
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
'''),
    Wrong('forgets to return', says='yours returned NoneType', source='''
def count_parameters(sizes, bias=True):
    total = sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
'''),
    Wrong('fails on one width (sizes[1] read)', says='any number of sizes', source='''
def count_parameters(sizes, bias=True):
    total = sizes[0] * sizes[1] + (sizes[1] if bias else 0)
    for a, b in zip(sizes[1:], sizes[2:]):
        total += a * b + (b if bias else 0)
    return total
'''),
    Wrong('bias counted for the last layer only', says='last layer only', source='''
def count_parameters(sizes, bias=True):
    return sum(a * b for a, b in zip(sizes, sizes[1:])) + (sizes[-1] if bias else 0)
'''),
    Right('recursion', source='''
def count_parameters(sizes, bias=True):
    if len(sizes) < 2:
        return 0
    return sizes[0] * sizes[1] + bias * sizes[1] + count_parameters(sizes[1:], bias=bias)
'''),
    Right('builds the real layers and counts numel', source='''
def count_parameters(sizes, bias=True):
    layers = [nn.Linear(a, b, bias=bias) for a, b in zip(sizes, sizes[1:])]
    return int(sum(p.numel() for l in layers for p in l.parameters()))
'''),
    Right('index loop with int(bias)', source='''
def count_parameters(sizes, bias=True):
    n = 0
    for i in range(1, len(sizes)):
        n += sizes[i - 1] * sizes[i] + int(bias) * sizes[i]
    return n
'''),
]

ANSWERS["ex2_5_collapse_linear"] += [
    Wrong('b from the collapsed W, (W2 @ W1) @ b1', says='only W2 acts on it', source='''
def collapse_linear(W1, b1, W2, b2):
    W = W2 @ W1
    return W, W @ b1 + b2
'''),
    Wrong('squeezes W2 (breaks for one output)', says='has shape (out, in)', source='''
def collapse_linear(W1, b1, W2, b2):
    W = W2.squeeze() @ W1
    b = W2.squeeze() @ b1 + b2
    return W.reshape(W2.shape[0], W1.shape[1]), b.reshape(-1)
'''),
    Wrong('returns an nn.Linear', says='tuple (W, b)', source='''
def collapse_linear(W1, b1, W2, b2):
    lin = nn.Linear(W1.shape[1], W2.shape[0])
    with torch.no_grad():
        lin.weight.copy_(W2 @ W1)
        lin.bias.copy_(W2 @ b1 + b2)
    return lin
'''),
    Wrong('returns numpy arrays', says='tuple (W, b)', source='''
def collapse_linear(W1, b1, W2, b2):
    return (W2 @ W1).numpy(), (W2 @ b1 + b2).numpy()
'''),
    Right('torch.linalg.multi_dot and mv', source='''
def collapse_linear(W1, b1, W2, b2):
    return torch.linalg.multi_dot([W2, W1]), torch.mv(W2, b1) + b2
'''),
    Right('homogeneous coordinates', source='''
def collapse_linear(W1, b1, W2, b2):
    def aug(W, b):
        top = torch.cat([W, b[:, None]], dim=1)
        bottom = torch.zeros(1, W.shape[1] + 1, dtype=W.dtype)
        bottom[0, -1] = 1
        return torch.cat([top, bottom], dim=0)
    M = aug(W2, b2) @ aug(W1, b1)
    return M[:-1, :-1], M[:-1, -1]
'''),
    Right('b1 as a row through W2.T, einsum', source='''
def collapse_linear(W1, b1, W2, b2):
    W = torch.einsum("oh,hi->oi", W2, W1)
    b = b1 @ W2.T + b2
    return (W, b)
'''),
]


# Second review, round 2 (issue 13): held-out answers written before reading this catalog; these
# were caught but told only the expected value (or, for sigmoid, a generic sentence) before.
ANSWERS["ex2_3_mlp_forward"] += [
    Wrong("uses sigmoid as the activation", says="yours uses sigmoid", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = h @ W.T + b
        if i < len(weights) - 1:
            h = torch.sigmoid(h)
    return h
'''),
    Wrong("einsum written for a 2-D batch only, 'bi,oi->bo'", says="single 1-D example", source='''
def mlp_forward(x, weights, biases):
    h = x
    for i, (W, b) in enumerate(zip(weights, biases)):
        h = torch.einsum("bi,oi->bo", h, W) + b
        if i < len(weights) - 1:
            h = torch.relu(h)
    return h
'''),
]
ANSWERS["ex2_4_count_parameters"] += [
    Wrong("finds the next width with sizes.index(a), wrong once a width repeats", says="widths can repeat", source='''
def count_parameters(sizes, bias=True):
    total = 0
    for a in sizes[:-1]:
        b = sizes[sizes.index(a) + 1]
        total += a * b + (b if bias else 0)
    return total
'''),
    Wrong("pairs the widths in a dict, which merges repeated widths", says="widths can repeat", source='''
def count_parameters(sizes, bias=True):
    pairs = dict(zip(sizes, sizes[1:]))
    return sum(a * b + (b if bias else 0) for a, b in pairs.items())
'''),
    Wrong("returns None for a single width", says="an input with no layer", source='''
def count_parameters(sizes, bias=True):
    if len(sizes) < 2:
        return None
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
'''),
]
ANSWERS["ex2_5_collapse_linear"] += [
    Wrong("transposes W1, W2 @ W1.T (runs only for a square W1)", says="yours is W2 @ W1.T", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1.T, W2 @ b1 + b2
'''),
    Wrong("sends both biases through W2, W2 @ (b1 + b2)", says="not W2 @ (b1 + b2)", source='''
def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1, W2 @ (b1 + b2)
'''),
    Wrong("squeezes W and b (breaks for one input or one output)", says="no squeeze()", source='''
def collapse_linear(W1, b1, W2, b2):
    return (W2 @ W1).squeeze(), (W2 @ b1 + b2).squeeze()
'''),
    Right("composes the two layers on the identity and on zero, in the weights' dtype", source='''
def collapse_linear(W1, b1, W2, b2):
    eye = torch.eye(W1.shape[1], dtype=W1.dtype)
    zero = torch.zeros(W1.shape[1], dtype=W1.dtype)
    two_layers = lambda x: (x @ W1.T + b1) @ W2.T + b2
    b = two_layers(zero)
    return (two_layers(eye) - b).T, b
'''),
]
