"""Answers to assignment 04 (forward and __call__) that the autograder must reject or accept."""
from tests.catalog import Right, Wrong

ASSIGNMENT = "04_forward_and_call"
ANSWERS = {
    "ex4_1_forward_skips_hooks": [
        Wrong("thinks forward runs both hooks", says="runs neither hook", source='''
answer_4_1 = "a"
'''),
        Wrong("thinks only the forward hook runs", says="forward hook does not run either", source='''
answer_4_1 = "b"
'''),
        Wrong("thinks the pre-hook runs", says="pre-hook does not run either", source='''
answer_4_1 = "d"
'''),
        Wrong("writes the list instead of a letter", says="one of the letters", source='''
answer_4_1 = []
'''),
        Right("upper case with a space", source='''
answer_4_1 = " C"
'''),
        Right("writes the letter in parentheses", source='''
answer_4_1 = "(c)"
'''),
        Wrong("writes the list it predicts, as a string", says="one of the letters", source='''
answer_4_1 = "[]"
'''),
        Wrong("answers in words", says="one of the letters", source='''
answer_4_1 = "none"
'''),
        Wrong("answers with a boolean", says="one of the letters", source='''
answer_4_1 = False
'''),
        Right("the letter picked out of a string, upper case", source='''
answer_4_1 = "abcd"[2].upper()
'''),
    ],
    "ex4_2_pair_scorer": [
        Wrong("builds both encoders with bias=False (the review's answer: the expected value came "
              "from the student's own layers)", says="bias=False", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden, bias=False)
        self.enc_b = nn.Linear(dim_b, hidden, bias=False)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(dim=-1)
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Wrong("scores every a against every b", says="shape (batch,)", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = za @ zb.T
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Wrong("always returns the embeddings", says="only the score tensor", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        return (za * zb).sum(dim=1), za, zb
'''),
        Wrong("returns the embeddings in the wrong order", says="second output should be za", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(dim=1)
        if return_embeddings:
            return score, zb, za
        return score
'''),
        Wrong("squeezes away the batch dimension of one", says="bare .squeeze()", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = torch.bmm(za.unsqueeze(1), zb.unsqueeze(2)).squeeze()
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Wrong("makes return_embeddings keyword-only", says="passed by position", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, *, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(dim=1)
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Right("diagonal of the score matrix, embeddings as a dict of layers", source='''
class PairScorer(nn.Module):
    """score[i] = dot(enc_a(a[i]), enc_b(b[i]))."""

    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = torch.einsum("bh,bh->b", za, zb)
        return (score, za, zb) if return_embeddings else score
'''),
        Wrong("keeps the summed dimension: score of shape (batch, 1)", says="shape (batch,)", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(dim=-1, keepdim=True)
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Wrong("sums over the whole batch", says="shape (batch,)", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum()
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Wrong("returns a list [score, za, zb]", says="the tuple (score, za, zb)", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(dim=-1)
        if return_embeddings:
            return [score, za, zb]
        return score
'''),
        Wrong("names the flag return_emb", says="keyword return_embeddings", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_emb=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(dim=-1)
        if return_emb:
            return score, za, zb
        return score
'''),
        Wrong("builds score with torch.tensor from a Python loop", says="stay on the autograd graph", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = torch.tensor([torch.dot(za[i], zb[i]).item() for i in range(za.shape[0])])
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Wrong("detaches the score", says="stay on the autograd graph", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(dim=-1).detach()
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Wrong("scores with the cosine similarity", says="dot product", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = F.cosine_similarity(za, zb, dim=-1)
        if return_embeddings:
            return score, za, zb
        return score
'''),
        Right("stacks torch.dot over the batch, early return", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = torch.stack([torch.dot(u, v) for u, v in zip(za, zb)])
        if not return_embeddings:
            return score
        return score, za, zb
'''),
        Right("batched matmul of rows and columns, reshaped", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za.unsqueeze(1) @ zb.unsqueeze(2)).reshape(-1)
        return (score, za, zb) if return_embeddings else score
'''),
    ],
    "ex4_3_adaptive_depth": [
        Wrong("uses if instead of while", says="only once", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        if steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
        Wrong("stops on the mean instead of the max", says="keep going while h.abs().max() > tol", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().mean() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
        Wrong("returns steps as a tensor", says="Python int", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, torch.tensor(0)
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
        Wrong("applies the layer before testing (do-while)", says="0 steps", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while True:
            h = torch.tanh(self.layer(h))
            steps += 1
            if steps >= self.max_steps or h.abs().max() <= self.tol:
                return h, steps
'''),
        Wrong("tests h.max() without abs", says="large negative values", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
        Wrong("one step too many (<= max_steps)", says="stop after max_steps", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps <= self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
        Wrong("runs the loop under no_grad", says="stay on the autograd graph", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        with torch.no_grad():
            while steps < self.max_steps and h.abs().max() > self.tol:
                h = torch.tanh(self.layer(h))
                steps += 1
        return h, steps
'''),
        Right("a for loop with break and .item()", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h = x
        steps = 0
        for _ in range(self.max_steps):
            if h.abs().max().item() <= self.tol:
                break
            h = torch.tanh(self.layer(h))
            steps = steps + 1
        return h, steps
'''),
        Wrong("hard-codes the tolerance 0.1", says="self.tol", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > 0.1:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
        Wrong("detaches h between steps to save memory", says="every step of the loop", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h.detach()))
            steps += 1
        return h, steps
'''),
        Wrong("writes the layer by hand as h @ W, without the transpose", says="self.layer(h)", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(h @ self.layer.weight + self.layer.bias)
            steps += 1
        return h, steps
'''),
        Wrong("writes the layer by hand and forgets the bias", says="self.layer(h)", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(h @ self.layer.weight.T)
            steps += 1
        return h, steps
'''),
        Wrong("applies the layer to x at every step instead of to h", says="keep going while h.abs().max() > tol", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(x))
            steps += 1
        return h, steps
'''),
        Wrong("forgets the tanh", says="leaves out the tanh", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = self.layer(h)
            steps += 1
        return h, steps
'''),
        Wrong("returns a list [h, steps]", says="the tuple (h, steps)", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return [h, steps]
'''),
        Wrong("stops as soon as one value is small (.all() instead of max)", says="keep going while h.abs().max() > tol", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and bool((h.abs() > self.tol).all()):
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
        Right("recursion on the remaining budget", source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def _run(self, h, budget):
        if budget == 0 or not bool(h.abs().max() > self.tol):
            return h, 0
        h, steps = self._run(torch.tanh(self.layer(h)), budget - 1)
        return h, steps + 1

    def forward(self, x):
        return self._run(x, self.max_steps)
'''),
    ],
    "ex4_4_residual_block": [
        Wrong("builds fc1 and fc2 with bias=False (the test crashed on .bias.detach() before)",
              says="bias=False", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim, bias=False)
        self.fc2 = nn.Linear(dim, dim, bias=False)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
        Wrong("forgets the final relu", says="The final relu is missing", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return x + self.fc2(torch.relu(self.fc1(x)))
'''),
        Wrong("forgets the relu between fc1 and fc2", says="relu between fc1 and fc2 is missing", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(self.fc1(x)))
'''),
        Wrong("forgets the skip connection", says="misses the skip connection", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(self.fc2(torch.relu(self.fc1(x))))
'''),
        Wrong("adds x after the final relu", says="final relu should come after adding x", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return x + torch.relu(self.fc2(torch.relu(self.fc1(x))))
'''),
        Wrong("keeps the layers in a plain list", says="assigned as attributes in __init__", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.layers = [nn.Linear(dim, dim), nn.Linear(dim, dim)]

    def forward(self, x):
        fc1, fc2 = self.layers
        return torch.relu(x + fc2(torch.relu(fc1(x))))
'''),
        Wrong("adds in place to the input", says="modify its input in place", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        x += self.fc2(torch.relu(self.fc1(x)))
        return torch.relu(x)
'''),
        Wrong("detaches the skip path", says="flow through the skip connection", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        identity = x.detach()
        return torch.relu(identity + self.fc2(torch.relu(self.fc1(x))))
'''),
        Right("functional relu, named intermediate", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        residual = self.fc2(F.relu(self.fc1(x)))
        out = x + residual
        return F.relu(out)
'''),
        Wrong("widens the hidden layer to 4 * dim", says="nn.Linear(dim, dim)", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, 4 * dim)
        self.fc2 = nn.Linear(4 * dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
        Wrong("pre-activation: also applies relu to x before fc1", says="relu(x + fc2(relu(fc1(x))))", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(torch.relu(x)))))
'''),
        Wrong("skips from fc1(x) instead of x", says="relu(x + fc2(relu(fc1(x))))", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        h = self.fc1(x)
        return torch.relu(h + self.fc2(torch.relu(h)))
'''),
        Wrong("uses a sigmoid between fc1 and fc2", says="relu(x + fc2(relu(fc1(x))))", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.sigmoid(self.fc1(x))))
'''),
        Wrong("copies x for the skip under torch.no_grad", says="flow through the skip connection", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        with torch.no_grad():
            identity = x.clone()
        return torch.relu(identity + self.fc2(torch.relu(self.fc1(x))))
'''),
        Right("one registered nn.ReLU module used twice, step by step", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        out = self.fc1(x)
        out = self.act(out)
        out = self.fc2(out)
        out = out + x
        return self.act(out)
'''),
    ],
    "ex4_5_mode_report": [
        Wrong("ignores n: always calls the model 5 times (the review's answer)", says="n times in each mode", source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}

    def varies():
        outs = [model(x) for _ in range(5)]
        return any(not torch.equal(outs[0], o) for o in outs[1:])

    with torch.no_grad():
        model.train()
        train_varies = varies()
        model.eval()
        eval_varies = varies()
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
        Wrong("calls model.forward(x), which skips the hooks (the course's own pitfall)", says="which skips the module's hooks",
              source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}

    def varies():
        outs = [model.forward(x) for _ in range(n)]
        return any(not torch.equal(outs[0], o) for o in outs[1:])

    with torch.no_grad():
        model.train()
        train_varies = varies()
        model.eval()
        eval_varies = varies()
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
        Wrong("restores the flags of the model and its direct children only", says="restore every submodule's training flag", source='''
def mode_report(model, x, n=5):
    was = model.training
    kids = [child.training for child in model.children()]
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = any(not torch.equal(outs[0], o) for o in outs)
    model.train(was)
    for child, flag in zip(model.children(), kids):
        child.train(flag)
    return train_varies, eval_varies
'''),
        Wrong("assumes the model arrives in training mode", says="switch the model to training mode itself", source='''
def mode_report(model, x, n=5):
    was_training = model.training
    with torch.no_grad():
        outs = [model(x) for _ in range(n)]
        train_varies = not all(torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = not all(torch.equal(outs[0], o) for o in outs)
    model.train(was_training)
    return train_varies, eval_varies
'''),
        Wrong("leaves the model in eval mode", says="arrived in training mode in training mode", source='''
def mode_report(model, x, n=5):
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = not all(torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = not all(torch.equal(outs[0], o) for o in outs)
    return train_varies, eval_varies
'''),
        Wrong("always puts the model back in training mode", says="arrived in eval mode in eval mode", source='''
def mode_report(model, x, n=5):
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = not all(torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = not all(torch.equal(outs[0], o) for o in outs)
    model.train()
    return train_varies, eval_varies
'''),
        Wrong("restores only the top-level flag", says="every submodule's training flag", source='''
def mode_report(model, x, n=5):
    was_training = model.training
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = not all(torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = not all(torch.equal(outs[0], o) for o in outs)
    model.train(was_training)
    return train_varies, eval_varies
'''),
        Wrong("compares train outputs with eval outputs", says="eval_varies should be False", source='''
def mode_report(model, x, n=5):
    flags = [m.training for m in model.modules()]
    with torch.no_grad():
        model.train()
        train_outs = [model(x) for _ in range(n)]
        model.eval()
        eval_outs = [model(x) for _ in range(n)]
    for m, flag in zip(model.modules(), flags):
        m.training = flag
    train_varies = not torch.equal(train_outs[0], train_outs[1])
    eval_varies = not torch.equal(train_outs[0], eval_outs[0])
    return train_varies, eval_varies
'''),
        Wrong("returns tensors, not bools", says="two Python bools", source='''
def mode_report(model, x, n=5):
    flags = [m.training for m in model.modules()]
    with torch.no_grad():
        model.train()
        train = torch.stack([model(x) for _ in range(n)])
        model.eval()
        evals = torch.stack([model(x) for _ in range(n)])
    for m, flag in zip(model.modules(), flags):
        m.training = flag
    return (train.std(0) > 0).any(), (evals.std(0) > 0).any()
'''),
        Right("saves (module, flag) pairs and loops over both modes", source='''
def mode_report(model, x, n=5):
    saved = [(m, m.training) for m in model.modules()]
    results = []
    with torch.no_grad():
        for mode in (True, False):
            model.train(mode)
            outs = [model(x) for _ in range(n)]
            results.append(any(not torch.equal(o, outs[0]) for o in outs))
    for m, flag in saved:
        m.training = flag
    return results[0], results[1]
'''),
        Wrong("sets model.training = False instead of calling eval()", says="changes the top module's flag only", source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        model.training = False
        outs = [model(x) for _ in range(n)]
        eval_varies = any(not torch.equal(outs[0], o) for o in outs)
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
        Wrong("counts on torch.no_grad() to turn dropout off", says="never ran it in evaluation mode", source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}
    model.train()
    outs = [model(x) for _ in range(n)]
    train_varies = any(not torch.equal(outs[0], o) for o in outs)
    with torch.no_grad():
        outs = [model(x) for _ in range(n)]
    eval_varies = any(not torch.equal(outs[0], o) for o in outs)
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
        Wrong("counts distinct outputs with a set of tensors", says="eval_varies should be False", source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        train_varies = len({model(x) for _ in range(n)}) > 1
        model.eval()
        eval_varies = len({model(x) for _ in range(n)}) > 1
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
        Wrong("records the flags after switching to training mode", says="arrived in eval mode in eval mode", source='''
def mode_report(model, x, n=5):
    with torch.no_grad():
        model.train()
        flags = {name: m.training for name, m in model.named_modules()}
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = any(not torch.equal(outs[0], o) for o in outs)
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
        Wrong("restores with m.train(flag) children first, so the root's call undoes them", says="every submodule's training flag", source='''
def mode_report(model, x, n=5):
    saved = [(m, m.training) for m in model.modules()]
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = any(not torch.equal(outs[0], o) for o in outs)
    for m, flag in reversed(saved):
        m.train(flag)
    return train_varies, eval_varies
'''),
        Wrong("returns a list", says="two Python bools", source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}
    result = []
    with torch.no_grad():
        for mode in (True, False):
            model.train(mode)
            outs = [model(x) for _ in range(n)]
            result.append(any(not torch.equal(outs[0], o) for o in outs))
    for name, m in model.named_modules():
        m.training = flags[name]
    return result
'''),
        Right("restores with m.train(flag) parents first (modules() order)", source='''
def mode_report(model, x, n=5):
    saved = [(m, m.training) for m in model.modules()]
    with torch.no_grad():
        model.train()
        first = model(x)
        train_varies = any(not torch.equal(first, model(x)) for _ in range(n - 1))
        model.eval()
        first = model(x)
        eval_varies = any(not torch.equal(first, model(x)) for _ in range(n - 1))
    for m, flag in saved:
        m.train(flag)
    return bool(train_varies), bool(eval_varies)
'''),
        Right("runs on a deep copy, so the caller's model is never switched", source='''
import copy

def mode_report(model, x, n=5):
    twin = copy.deepcopy(model)
    report = []
    with torch.no_grad():
        for mode in (True, False):
            twin.train(mode)
            outs = torch.stack([twin(x) for _ in range(n)])
            report.append(bool((outs != outs[0]).any()))
    return tuple(report)
'''),
    ],
}

# Third review round (issue 13): module.forward(x) where the course teaches module(x), sizes and
# boundaries the visible example never meets, and grad mode.
_SCORER_FORWARD = '''
    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = (za * zb).sum(dim=-1)
        if return_embeddings:
            return score, za, zb
        return score
'''

_DEPTH_INIT = '''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol
'''

ANSWERS["ex4_1_forward_skips_hooks"] += [
    Wrong("thinks the forward hook runs, in capitals", says="forward hook does not run either", source='''
answer_4_1 = "B"
'''),
    Wrong("hedges with two letters", says="one of the letters", source='''
answer_4_1 = "c or d"
'''),
    Right("the letter with a closing parenthesis and spaces", source='''
answer_4_1 = " c) "
'''),
]

ANSWERS["ex4_2_pair_scorer"] += [
    Wrong("calls self.enc_a.forward(a) and self.enc_b.forward(b), which skips the layers' hooks",
          says="skips the layer's hooks", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a.forward(a)
        zb = self.enc_b.forward(b)
        score = (za * zb).sum(dim=-1)
        if return_embeddings:
            return score, za, zb
        return score
'''),
    Wrong("hard-codes the visible example's hidden width 4 (passes the visible tests)", says="from its arguments", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, 4)
        self.enc_b = nn.Linear(dim_b, 4)
''' + _SCORER_FORWARD),
    Wrong("runs the encoders a second time to build the embeddings it returns", says="once per call", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        score = (self.enc_a(a) * self.enc_b(b)).sum(dim=-1)
        if return_embeddings:
            return score, self.enc_a(a), self.enc_b(b)
        return score
'''),
    Right("torch.linalg.vecdot of the two embeddings", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = torch.linalg.vecdot(za, zb)
        return (score, za, zb) if return_embeddings else score
'''),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Wrong("applies the layer as self.layer.forward(h), which skips its hooks (the course's own pitfall)",
          says="skips the layer's hooks", source=_DEPTH_INIT + '''
    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer.forward(h))
            steps += 1
        return h, steps
'''),
    Wrong("keeps going while h.abs().max() >= tol (passes the visible tests: no value sits on tol)",
          says="(>, not >=)", source=_DEPTH_INIT + '''
    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() >= self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
    Wrong("runs the layer once more per step to look ahead at the next value", says="once per step", source=_DEPTH_INIT + '''
    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            ahead = torch.tanh(self.layer(h))
            h = torch.tanh(self.layer(h)) if ahead is not None else h
            steps += 1
        return h, steps
'''),
    Right("a for loop over range(max_steps) with torch.amax and a break", source=_DEPTH_INIT + '''
    def forward(self, x):
        h = x
        steps = 0
        for _ in range(self.max_steps):
            if not bool(torch.amax(torch.abs(h)) > self.tol):
                break
            h = self.layer(h).tanh()
            steps = steps + 1
        return h, steps
'''),
]

ANSWERS["ex4_4_residual_block"] += [
    Wrong("calls self.fc1.forward(x) and self.fc2.forward(...), which skips the layers' hooks",
          says="skips the layer's hooks", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2.forward(torch.relu(self.fc1.forward(x))))
'''),
    Wrong("hard-codes the visible example's width 5 (passes the visible tests)", says="nn.Linear(dim, dim) from its argument", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(5, 5)
        self.fc2 = nn.Linear(5, 5)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Right("torch.add then clamp(min=0), F.relu inside", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(dim, dim), nn.Linear(dim, dim)

    def forward(self, x):
        inner = self.fc2(F.relu(self.fc1(x)))
        return torch.add(x, inner).clamp(min=0)
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong("drops torch.no_grad(), so every call records a graph", says="under torch.no_grad()", source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}
    model.train()
    outs = [model(x) for _ in range(n)]
    train_varies = any(not torch.equal(outs[0], o) for o in outs[1:])
    model.eval()
    outs = [model(x) for _ in range(n)]
    eval_varies = any(not torch.equal(outs[0], o) for o in outs[1:])
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
    Wrong("calls the model n times but compares only the first two outputs (passes the visible tests: dropout differs at once)",
          says="compares only some of them", source='''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = not torch.equal(outs[0], outs[1])
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = not torch.equal(outs[0], outs[1])
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''),
    Right("torch.inference_mode() instead of no_grad, each output compared with the previous one", source='''
def mode_report(model, x, n=5):
    saved = [(m, m.training) for m in model.modules()]
    result = []
    with torch.inference_mode():
        for training in (True, False):
            model.train(training)
            outs = [model(x) for _ in range(n)]
            result.append(any(not torch.equal(p, q) for p, q in zip(outs, outs[1:])))
    for m, flag in saved:
        m.training = flag
    return tuple(result)
'''),
]

ANSWERS["ex4_2_pair_scorer"] += [
    Wrong("scores with torch.dot, which takes 1-D tensors only (a raw RuntimeError before)", says="torch.dot takes 1-D tensors only", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = torch.dot(za, zb)
        return (score, za, zb) if return_embeddings else score
'''),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Wrong("compares h.abs() with tol elementwise in the while (a raw RuntimeError before)", says="not an elementwise comparison",
          source=_DEPTH_INIT + '''
    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
]

# Fourth review round: layers built or fed with the wrong sizes, a step count off by one, a
# result never assigned, the input detached, one layer used twice, layers in the wrong order,
# n=1, grad mode left off, outputs compared first against last only.
_SCORER_INIT = '''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)
'''

_DEPTH = _DEPTH_INIT + '''
    def forward(self, x):
'''

_BLOCK_INIT = '''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
'''

_REPORT_HEAD = '''
def mode_report(model, x, n=5):
    flags = {name: m.training for name, m in model.named_modules()}
'''

_REPORT_TAIL = '''
    for name, m in model.named_modules():
        m.training = flags[name]
    return train_varies, eval_varies
'''

ANSWERS["ex4_1_forward_skips_hooks"] += [
    Wrong("thinks the pre-hook runs, in parentheses", says="pre-hook does not run either", source='''
answer_4_1 = "(d)"
'''),
    Wrong("leaves the answer as None", says="one of the letters", source='''
answer_4_1 = None
'''),
    Wrong("thinks both hooks run, upper case with spaces", says="runs neither hook", source='''
answer_4_1 = " A "
'''),
    Right("the letter with a trailing newline", source='''
answer_4_1 = "c\\n"
'''),
]

ANSWERS["ex4_2_pair_scorer"] += [
    Wrong("builds enc_b from dim_a, a copy-paste slip (a raw RuntimeError before)", says="enc_a reads dim_a and enc_b reads dim_b",
          source=_SCORER_INIT.replace("nn.Linear(dim_b, hidden)", "nn.Linear(dim_a, hidden)") + _SCORER_FORWARD),
    Wrong("builds the encoders as nn.Linear(hidden, dim), out before in (a raw RuntimeError before)",
          says="nn.Linear takes in_features first",
          source=_SCORER_INIT.replace("nn.Linear(dim_a, hidden)", "nn.Linear(hidden, dim_a)").replace(
              "nn.Linear(dim_b, hidden)", "nn.Linear(hidden, dim_b)") + _SCORER_FORWARD),
    Wrong("encodes both inputs with enc_a", says="enc_a was given an input of width 5",
          source=_SCORER_INIT + _SCORER_FORWARD.replace("zb = self.enc_b(b)", "zb = self.enc_a(b)")),
    Wrong("feeds b to enc_a and a to enc_b", says="apply enc_a to a",
          source=_SCORER_INIT + _SCORER_FORWARD.replace("za = self.enc_a(a)", "za = self.enc_a(b)").replace(
              "zb = self.enc_b(b)", "zb = self.enc_b(a)")),
    Right("torch.einsum over the hidden dimension, a conditional expression", source=_SCORER_INIT + '''
    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = torch.einsum("bh,bh->b", za, zb)
        return (score, za, zb) if return_embeddings else score
'''),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Wrong("returns the variable of `for steps in range(max_steps)`, max_steps - 1 after a full loop", says="steps says 4",
          source=_DEPTH + '''
        h, steps = x, 0
        for steps in range(self.max_steps):
            if h.abs().max() <= self.tol:
                break
            h = torch.tanh(self.layer(h))
        return h, steps
'''),
    Wrong("stops after a fixed 8 steps, the default, instead of self.max_steps", says="not a fixed number", source=_DEPTH + '''
        h, steps = x, 0
        while steps < 8 and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
    Wrong("computes each step but never assigns it to h", says="h came back unchanged", source=_DEPTH + '''
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            out = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
    Wrong("starts from x.detach(), so no gradient reaches the input (passed the tests before)", says="reach the input x",
          source=_DEPTH + '''
        h, steps = x.detach(), 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
    Wrong("stops on the L2 norm of h instead of its largest absolute value", says="h.abs().max()", source=_DEPTH + '''
        h, steps = x, 0
        while steps < self.max_steps and h.norm() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
    Right("(h.abs() > tol).any() as the condition, a clone of x to start", source=_DEPTH + '''
        h, steps = x.clone(), 0
        while steps < self.max_steps and (h.abs() > self.tol).any():
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
]

ANSWERS["ex4_4_residual_block"] += [
    Wrong("builds one layer for both, self.fc1 = self.fc2 = nn.Linear(dim, dim)", says="one and the same layer", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong("writes the layers by hand as x @ W + b, without the transpose (square weights hide it)", says="without the transpose",
          source=_BLOCK_INIT + '''
        h = torch.relu(x @ self.fc1.weight + self.fc1.bias)
        return torch.relu(x + h @ self.fc2.weight + self.fc2.bias)
'''),
    Wrong("applies fc2 before fc1", says="wrong order", source=_BLOCK_INIT + '''
        return torch.relu(x + self.fc1(torch.relu(self.fc2(x))))
'''),
    Wrong("adds relu(fc1(x)) as the skip instead of x", says="adds relu(fc1(x)) where it should add x", source=_BLOCK_INIT + '''
        h = torch.relu(self.fc1(x))
        return torch.relu(h + self.fc2(h))
'''),
    Right("fc1, an in-place nn.ReLU and fc2 in a registered nn.Sequential, out += x on the new tensor", source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)
        self.f = nn.Sequential(self.fc1, nn.ReLU(inplace=True), self.fc2)

    def forward(self, x):
        out = self.f(x)
        out += x
        return torch.relu(out)
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong("compares outs[0] with outs[1] first, an IndexError for n=1 (passed the tests before)", says="n=1",
          source=_REPORT_HEAD + '''
    def varies():
        outs = [model(x) for _ in range(n)]
        return not torch.equal(outs[0], outs[1]) or any(not torch.equal(outs[0], o) for o in outs[2:])

    with torch.no_grad():
        model.train()
        train_varies = varies()
        model.eval()
        eval_varies = varies()
''' + _REPORT_TAIL),
    Wrong("never runs the model in eval mode, taking eval_varies to be False", says="n times in each mode",
          source=_REPORT_HEAD + '''
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        model.eval()
        eval_varies = False
''' + _REPORT_TAIL),
    Wrong("switches gradients off with torch.set_grad_enabled(False) and never back on (passed the tests before)",
          says="left gradient recording switched off", source=_REPORT_HEAD + '''
    torch.set_grad_enabled(False)
    model.train()
    outs = [model(x) for _ in range(n)]
    train_varies = any(not torch.equal(outs[0], o) for o in outs)
    model.eval()
    outs = [model(x) for _ in range(n)]
    eval_varies = any(not torch.equal(outs[0], o) for o in outs)
''' + _REPORT_TAIL),
    Wrong("compares the first output with the last only (passed the tests before)", says="the first and the last equal",
          source=_REPORT_HEAD + '''
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = not torch.equal(outs[0], outs[-1])
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = not torch.equal(outs[0], outs[-1])
''' + _REPORT_TAIL),
    Right("flags keyed by module, one loop over both modes, each output compared with the first", source='''
def mode_report(model, x, n=5):
    flags = {m: m.training for m in model.modules()}
    results = []
    with torch.no_grad():
        for mode in (True, False):
            model.train(mode)
            first = model(x)
            results.append(any([not torch.equal(first, model(x)) for _ in range(n - 1)]))
    for m, flag in flags.items():
        m.training = flag
    return tuple(results)
'''),
]

ANSWERS["ex4_2_pair_scorer"] += [
    Wrong("sums za @ zb.T over each row, every pair instead of matching pairs", says="with every zb[j]",
          source=_SCORER_INIT + _SCORER_FORWARD.replace("score = (za * zb).sum(dim=-1)", "score = (za @ zb.T).sum(dim=-1)")),
    Wrong("averages the products instead of summing them", says="averages the products",
          source=_SCORER_INIT + _SCORER_FORWARD.replace("score = (za * zb).sum(dim=-1)", "score = (za * zb).mean(dim=-1)")),
    Wrong("puts a relu on each tower's output", says="relu to the embeddings",
          source=_SCORER_INIT + _SCORER_FORWARD.replace("za = self.enc_a(a)", "za = torch.relu(self.enc_a(a))").replace(
              "zb = self.enc_b(b)", "zb = torch.relu(self.enc_b(b))")),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Wrong("counts a step before testing it, so steps is one more than the layer applications", says="but steps says",
          source=_DEPTH + '''
        h, steps = x, 0
        while True:
            steps += 1
            if steps > self.max_steps or h.abs().max() <= self.tol:
                break
            h = torch.tanh(self.layer(h))
        return h, steps
'''),
    Wrong("tests x, not the current h, in the while condition", says="kept applying the layer", source=_DEPTH + '''
        h, steps = x, 0
        while steps < self.max_steps and x.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong("puts the flags back before the eval-mode calls, then leaves the model in eval mode", says="arrived in training mode in training mode",
          source=_REPORT_HEAD + '''
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        for name, m in model.named_modules():
            m.training = flags[name]
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = any(not torch.equal(outs[0], o) for o in outs)
    return train_varies, eval_varies
'''),
    Right("torch.allclose against the first output", source=_REPORT_HEAD + '''
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = not all(torch.allclose(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = not all(torch.allclose(outs[0], o) for o in outs)
''' + _REPORT_TAIL),
]

ANSWERS["ex4_4_residual_block"] += [
    Wrong("ends with a gelu instead of a relu", says="not a gelu", source=_BLOCK_INIT + '''
        return F.gelu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong("applies fc1 twice and never fc2, a typo", says="applies fc1 twice", source=_BLOCK_INIT + '''
        return torch.relu(x + self.fc1(torch.relu(self.fc1(x))))
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong("returns (eval_varies, train_varies), the order swapped", says="wrong order", source=_REPORT_HEAD + '''
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = any(not torch.equal(outs[0], o) for o in outs)
    for name, m in model.named_modules():
        m.training = flags[name]
    return eval_varies, train_varies
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong("looks for nn.Dropout by iterating the model, which only an nn.Sequential allows (a raw TypeError before)",
          says="rely only on what every nn.Module has", source=_REPORT_HEAD + '''
    if not any(isinstance(layer, nn.Dropout) for layer in model):
        return False, False
    with torch.no_grad():
        model.train()
        outs = [model(x) for _ in range(n)]
        train_varies = any(not torch.equal(outs[0], o) for o in outs)
        model.eval()
        outs = [model(x) for _ in range(n)]
        eval_varies = any(not torch.equal(outs[0], o) for o in outs)
''' + _REPORT_TAIL),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Wrong("keeps the list of every h and returns hs[-1], which does not exist after 0 steps (a raw IndexError before)",
          says="with 0 steps, h is x itself", source=_DEPTH + '''
        hs = []
        h = x
        while len(hs) < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h))
            hs.append(h)
        return hs[-1], len(hs)
'''),
]

# Review C (fourth round): held-out answers written before reading this catalog; each wrong one
# is now told its own mistake in one sentence (dtype, hooks through F.linear, grad mode of the caller, ...).

ANSWERS["ex4_1_forward_skips_hooks"] += [
    Wrong('writes the letter without quotes, a name Python cannot find (a raw NameError before)', says='is not defined', source='''
answer_4_1 = c
'''),
    Wrong('picks a letter that is not offered', says='one of the letters', source='''
answer_4_1 = "e"
'''),
    Wrong("answers with the option's number", says='one of the letters', source='''
answer_4_1 = 3
'''),
]

ANSWERS["ex4_2_pair_scorer"] += [
    Wrong('returns (za, zb, score), score last', says='score first', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = (za * zb).sum(-1)
        return (za, zb, score) if return_embeddings else score
'''),
    Wrong('one torch.dot of the flattened embeddings', says='adds up the whole batch', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = torch.dot(za.flatten(), zb.flatten())
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong('sums the products over dim 0, the batch', says='sums over the batch (dim 0)', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = (za * zb).sum(0)
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong('returns the score as a Python list (.tolist()); was told it returned the embeddings', says='as a tensor', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = (za * zb).sum(-1).tolist()
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong("fills a torch.zeros(batch) buffer, float32 whatever the model's dtype (passed the tests before)", says='float64', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = torch.zeros(a.shape[0])
        for i in range(a.shape[0]):
            score[i] = torch.dot(za[i], zb[i])
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong("computes the towers with F.linear and the layers' weights, which skips the layers' hooks (was told it called .forward)", says='F.linear(a, self.enc_a.weight', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = F.linear(a, self.enc_a.weight, self.enc_a.bias)
        zb = F.linear(b, self.enc_b.weight, self.enc_b.bias)
        score = (za * zb).sum(-1)
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong('normalizes the embeddings before the dot product', says='divides by the lengths', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        za = F.normalize(za, dim=-1); zb = F.normalize(zb, dim=-1)
        score = (za * zb).sum(-1)
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong('returns a dict of the three tensors', says='yours returns a dict', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = (za * zb).sum(-1)
        return {'score': score, 'za': za, 'zb': zb} if return_embeddings else score
'''),
    Right('torch.vmap(torch.dot) over the batch', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = torch.vmap(torch.dot)(za, zb)
        return (score, za, zb) if return_embeddings else score
'''),
    Right('torch.bmm of rows and columns, flattened', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = torch.bmm(za.unsqueeze(1), zb.unsqueeze(2)).flatten()
        return (score, za, zb) if return_embeddings else score
'''),
    Right('extra **kwargs in __init__ and forward, torch.sum(za * zb, dim=1)', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden, **kwargs):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)
        self.hidden = hidden

    def forward(self, a, b, return_embeddings=False, **kwargs):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = torch.sum(za * zb, dim=1)
        return (score, za, zb) if return_embeddings else score
'''),
    Right('za.new_zeros(batch) filled row by row with za[i] @ zb[i]', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = za.new_zeros(za.shape[0])
        for i in range(za.shape[0]):
            score[i] = za[i] @ zb[i]
        return (score, za, zb) if return_embeddings else score
'''),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Wrong('returns (steps, h), the order swapped', says='order swapped', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h)); steps += 1
        return steps, h
'''),
    Wrong('uses a relu instead of the tanh', says='puts a relu in its place', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.relu(self.layer(h)); steps += 1
        return h, steps
'''),
    Wrong('returns h alone', says='yours returns a Tensor', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h)); steps += 1
        return h
'''),
    Wrong('stops one step early, while steps < max_steps - 1', says='stop after max_steps', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps - 1 and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h)); steps += 1
        return h, steps
'''),
    Wrong('tests the next value tanh(layer(h)) in the while condition', says='tests the next value', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and torch.tanh(self.layer(h)).abs().max() > self.tol:
            h = torch.tanh(self.layer(h)); steps += 1
        return h, steps
'''),
    Wrong('applies the tanh before the layer', says='the other order', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = self.layer(torch.tanh(h)); steps += 1
        return h, steps
'''),
    Wrong('forgets the return', says='yours returns a NoneType', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h)); steps += 1
'''),
    Wrong("scales tol by the input's largest value (was told to test before the step)", says='not a value scaled by the input', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and h.abs().max() > self.tol * x.abs().max():
            h = torch.tanh(self.layer(h)); steps += 1
        return h, steps
'''),
    Right('torch.amax(torch.abs(h)) and F.tanh', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and torch.amax(torch.abs(h)) > self.tol:
            h = F.tanh(self.layer(h)); steps = steps + 1
        return (h, int(steps))
'''),
    Right('torch.linalg.vector_norm(h, ord=inf) as the condition, .tanh() method', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and torch.linalg.vector_norm(h, ord=float('inf')) > self.tol:
            h = self.layer(h).tanh(); steps += 1
        return h, steps
'''),
]

ANSWERS["ex4_4_residual_block"] += [
    Wrong('adds relu(x) as the skip instead of x (was told only the formula)', says='adds relu(x) where', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(torch.relu(x) + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong('computes the layers with F.linear and their weights, which skips their hooks (was told it called .forward)', says='F.linear(x, self.fc1.weight', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        h = F.relu(F.linear(x, self.fc1.weight, self.fc1.bias))
        return F.relu(x + F.linear(h, self.fc2.weight, self.fc2.bias))
'''),
    Wrong('writes the layers by hand, x @ W.T + b, right values but no hooks', says='does not call the layers themselves', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        h = torch.relu(x @ self.fc1.weight.T + self.fc1.bias)
        return torch.relu(x + h @ self.fc2.weight.T + self.fc2.bias)
'''),
    Wrong('adds to x with x.add_(...).relu_()', says='modify its input in place', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        out = self.fc2(torch.relu(self.fc1(x)))
        return x.add_(out).relu_()
'''),
    Wrong('scales the skip by 0.5 (was told only the formula)', says='adds 0.5 * x', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(0.5 * x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong('a tanh between fc1 and fc2 (was told only the formula)', says='not a tanh', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.tanh(self.fc1(x))))
'''),
    Wrong('adds x twice (was told only the formula)', says='adds 2 * x', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(2 * x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong('returns (out, x)', says='yours returns a tuple', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        out = torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
        return out, x
'''),
    Right('a plain list of two layers, each also assigned as self.fc1 and self.fc2', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.layers = [nn.Linear(dim, dim), nn.Linear(dim, dim)]
        self.fc1, self.fc2 = self.layers[0], self.layers[1]

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong('adds a dropout with F.dropout (was told only the formula)', says='no dropout', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(F.dropout(torch.relu(self.fc1(x)), 0.1)))
'''),
    Right('torch.maximum with zeros for the final relu', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        s = x + self.fc2(self.fc1(x).relu())
        return torch.maximum(s, torch.zeros_like(s))
'''),
    Right('x.clone(), then += on the copy', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        out = x.clone()
        out += self.fc2(F.relu(self.fc1(x)))
        return F.relu(out)
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong('[model(x)] * n calls the model once per mode (was told only that dropout varies)', says='only once per mode', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        tr = [model(x)] * n
        model.eval()
        ev = [model(x)] * n
    for name, m in model.named_modules():
        m.training = flags[name]
    return (not all(torch.equal(tr[0], o) for o in tr), not all(torch.equal(ev[0], o) for o in ev))
'''),
    Wrong('torch.set_grad_enabled(False), then (True) at the end, whatever the caller had (passed the tests before)', says='switched gradient recording on', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    torch.set_grad_enabled(False)
    model.train()
    tr = [model(x) for _ in range(n)]
    model.eval()
    ev = [model(x) for _ in range(n)]
    torch.set_grad_enabled(True)
    for name, m in model.named_modules():
        m.training = flags[name]
    return (not all(torch.equal(tr[0], o) for o in tr), not all(torch.equal(ev[0], o) for o in ev))
'''),
    Wrong('computes eval_varies from the training-mode outputs, a copy-paste slip', says='compare the n eval-mode outputs', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        tr = [model(x) for _ in range(n)]
        model.eval()
        ev = [model(x) for _ in range(n)]
    for name, m in model.named_modules():
        m.training = flags[name]
    return (not all(torch.equal(tr[0], o) for o in tr), not all(torch.equal(tr[0], o) for o in tr))
'''),
    Wrong('compares whole tensors with != inside any()', says='compare the outputs with torch.equal', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        tr = [model(x) for _ in range(n)]
        model.eval()
        ev = [model(x) for _ in range(n)]
    for name, m in model.named_modules():
        m.training = flags[name]
    return (any(o != tr[0] for o in tr), any(o != ev[0] for o in ev))
'''),
    Wrong('forgets the return', says='two Python bools', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        tr = [model(x) for _ in range(n)]
        model.eval()
        ev = [model(x) for _ in range(n)]
    for name, m in model.named_modules():
        m.training = flags[name]
'''),
    Right('flags put back in a finally block, a varies() helper', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    try:
        with torch.no_grad():
            model.train()
            tr = [model(x) for _ in range(n)]
            model.eval()
            ev = [model(x) for _ in range(n)]
    finally:
        for k, m in model.named_modules():
            m.training = flags[k]
    def varies(outs):
        return len(outs) > 1 and not all(torch.equal(o, outs[0]) for o in outs)
    return varies(tr), varies(ev)
'''),
    Right('largest absolute difference from the first output, > 0', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    out = []
    with torch.no_grad():
        for mode in (True, False):
            model.train(mode)
            outs = [model(x) for _ in range(n)]
            out.append(bool(max((o - outs[0]).abs().max().item() for o in outs) > 0))
    for k, m in model.named_modules():
        m.train(flags[k]) if False else setattr(m, "training", flags[k])
    return out[0], out[1]
'''),
]

# Review C, second batch.

ANSWERS["ex4_2_pair_scorer"] += [
    Wrong('leaves out super().__init__() (a raw AttributeError before)', says='call super().__init__() first', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(-1)
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong('forward takes one argument, the pair (a, b) (was told about torch.dot)', says='take a and b as two arguments', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, pair, return_embeddings=False):
        a, b = pair
        za, zb = self.enc_a(a), self.enc_b(b)
        score = (za * zb).sum(-1)
        return (score, za, zb) if return_embeddings else score
'''),
    Wrong("tests return_embeddings == 'True', a string", says='the tuple (score, za, zb)', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = (za * zb).sum(-1)
        if return_embeddings == 'True':
            return score, za, zb
        return score
'''),
    Right('torch.mul then .sum(dim=1)', source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a)
        zb = self.enc_b(b)
        score = torch.mul(za, zb).sum(dim=1)
        return (score, za, zb) if return_embeddings else score
'''),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Wrong("counts down self.max_steps, so the model's budget shrinks call after call", says='forward changed self.max_steps', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h = x
        steps = 0
        while self.max_steps > 0 and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h)); steps += 1; self.max_steps -= 1
        return h, steps
'''),
    Wrong('counts steps in a numpy int64', says='Python int', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        import numpy as np
        h, steps = x, np.int64(0)
        while steps < self.max_steps and h.abs().max() > self.tol:
            h = torch.tanh(self.layer(h)); steps += 1
        return h, steps
'''),
    Right('h.max() > tol or h.min() < -tol as the condition', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h, steps = x, 0
        while steps < self.max_steps and (h.max() > self.tol or h.min() < -self.tol):
            h = torch.tanh(self.layer(h))
            steps += 1
        return h, steps
'''),
    Right('a for loop over range(max_steps + 1) that returns from inside', source='''
class AdaptiveDepth(nn.Module):
    def __init__(self, dim, max_steps=8, tol=0.1):
        super().__init__()
        self.layer = nn.Linear(dim, dim)
        self.max_steps = max_steps
        self.tol = tol

    def forward(self, x):
        h = x
        for steps in range(self.max_steps + 1):
            if steps == self.max_steps or h.abs().max() <= self.tol:
                return h, steps
            h = torch.tanh(self.layer(h))
'''),
]

ANSWERS["ex4_4_residual_block"] += [
    Wrong('leaves out super().__init__() (a raw AttributeError before)', says='call super().__init__() first', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong('returns the output detached (was told about in-place operations)', says='stay on the autograd graph', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x)))).detach()
'''),
    Wrong('computes the block under torch.no_grad() (was told about in-place operations)', says='stay on the autograd graph', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        with torch.no_grad():
            return torch.relu(x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong('an in-place relu on x before fc1 (was told only the formula)', says='in-place relu on x', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        h = self.fc2(torch.relu(self.fc1(F.relu(x, inplace=True))))
        return torch.relu(x + h)
'''),
    Right('nn.functional.relu, a named residual', source='''
class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)

    def forward(self, x):
        residual = x
        out = nn.functional.relu(self.fc1(x))
        out = self.fc2(out)
        out = out + residual
        return nn.functional.relu(out)
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong('reseeds with torch.manual_seed(0) before each call (was told only that dropout varies)', says='reseeds the global generator', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    def run():
        outs = []
        for _ in range(n):
            torch.manual_seed(0)
            outs.append(model(x))
        return any(not torch.equal(outs[0], o) for o in outs)
    with torch.no_grad():
        model.train(); tr = run()
        model.eval(); ev = run()
    for name, m in model.named_modules():
        m.training = flags[name]
    return tr, ev
'''),
    Wrong('calls the model n - 1 times per mode, range(1, n)', says='n times in each mode', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    with torch.no_grad():
        model.train()
        tr = [model(x) for _ in range(1, n)]
        model.eval()
        ev = [model(x) for _ in range(1, n)]
    for name, m in model.named_modules():
        m.training = flags[name]
    return (any(not torch.equal(tr[0], o) for o in tr), any(not torch.equal(ev[0], o) for o in ev))
'''),
    Right('each output compared with the next, zip(outs, outs[1:])', source='''
def mode_report(model, x, n=5):
    flags = {k: m.training for k, m in model.named_modules()}
    res = []
    with torch.no_grad():
        for mode in (True, False):
            model.train(mode)
            outs = [model(x) for _ in range(n)]
            res.append(any(not torch.equal(a, b) for a, b in zip(outs, outs[1:])))
    for name, m in model.named_modules():
        m.training = flags[name]
    return res[0], res[1]
'''),
]


# Second review of issue 13 (review2-3): held-out answers the tests caught only by the probe, named
# another mistake, or let through (a cap on large values, a dtype fixed to float32, outputs compared
# by a summary), and a few more of the visible example's shapes.
ANSWERS["ex4_1_forward_skips_hooks"] += [
    Wrong("the right letter inside a list", says="one of the letters", source='''
answer_4_1 = ["c"]
'''),
    Wrong("a letter that is not an option", says="one of the letters", source='''
answer_4_1 = "e"
'''),
]

ANSWERS["ex4_2_pair_scorer"] += [
    Wrong("casts both inputs to float32 before the encoders", says="no fixed dtype", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za = self.enc_a(a.float())
        zb = self.enc_b(b.float())
        score = (za * zb).sum(dim=-1)
        if return_embeddings:
            return score, za, zb
        return score
'''),
    Wrong("a batched matrix product with a bare squeeze(), which drops a batch of one", says="bare .squeeze()", source='''
class PairScorer(nn.Module):
    def __init__(self, dim_a, dim_b, hidden):
        super().__init__()
        self.enc_a = nn.Linear(dim_a, hidden)
        self.enc_b = nn.Linear(dim_b, hidden)

    def forward(self, a, b, return_embeddings=False):
        za, zb = self.enc_a(a), self.enc_b(b)
        score = torch.bmm(za.unsqueeze(1), zb.unsqueeze(2)).squeeze()
        return (score, za, zb) if return_embeddings else score
'''),
]

ANSWERS["ex4_3_adaptive_depth"] += [
    Right("a recursive helper instead of a loop", source=_DEPTH + '''
        def go(h, steps):
            if steps >= self.max_steps or h.abs().max() <= self.tol:
                return h, steps
            return go(torch.tanh(self.layer(h)), steps + 1)
        return go(x, 0)
'''),
]

ANSWERS["ex4_4_residual_block"] += [
    Wrong("relu6 between fc1 and fc2: equal to relu on the visible example's small values (caught by the probe alone before)",
          says="caps large values", source=_BLOCK_INIT + '''
        return torch.relu(x + self.fc2(F.relu6(self.fc1(x))))
'''),
    Wrong("a softplus as the final activation (told only the formula before)", says="not a softplus", source=_BLOCK_INIT + '''
        return F.softplus(x + self.fc2(torch.relu(self.fc1(x))))
'''),
    Wrong("casts the output to float32 (passed the tests before)", says="float64 too", source=_BLOCK_INIT + '''
        return torch.relu(x + self.fc2(torch.relu(self.fc1(x)))).float()
'''),
    Right("torch.maximum with zeros for both relus", source=_BLOCK_INIT + '''
        h = self.fc2(torch.maximum(self.fc1(x), torch.zeros_like(x)))
        return torch.maximum(x + h, torch.zeros_like(x))
'''),
]

ANSWERS["ex4_5_mode_report"] += [
    Wrong("compares the outputs' sums, blind to outputs that differ with the same sum (passed the tests before)",
          says="not a summary such as their sum", source=_REPORT_HEAD + '''
    def varies():
        outs = [model(x) for _ in range(n)]
        return any(bool(o.sum() != outs[0].sum()) for o in outs[1:])

    with torch.no_grad():
        model.train()
        tr = varies()
        model.eval()
        ev = varies()
    for name, m in model.named_modules():
        m.training = flags[name]
    return tr, ev
'''),
    Wrong("returns tensors of booleans, (outs != outs[0]).any()", says="two Python bools", source=_REPORT_HEAD + '''
    res = []
    with torch.no_grad():
        for mode in (True, False):
            model.train(mode)
            outs = torch.stack([model(x) for _ in range(n)])
            res.append((outs != outs[0]).any())
    for name, m in model.named_modules():
        m.training = flags[name]
    return res[0], res[1]
'''),
    Wrong("counts distinct outputs with a set of tensors, which hashes by identity", says="eval_varies should be False", source=_REPORT_HEAD + '''
    with torch.no_grad():
        model.train()
        tr = len({model(x) for _ in range(n)}) > 1
        model.eval()
        ev = len({model(x) for _ in range(n)}) > 1
    for name, m in model.named_modules():
        m.training = flags[name]
    return tr, ev
'''),
    Right("a @torch.no_grad() decorator, flags put back in a finally block", source='''
@torch.no_grad()
def mode_report(model, x, n=5):
    flags = {m: m.training for m in model.modules()}
    try:
        out = []
        for mode in (True, False):
            model.train(mode)
            outs = [model(x) for _ in range(n)]
            out.append(any(not torch.equal(outs[0], o) for o in outs))
        return out[0], out[1]
    finally:
        for m, flag in flags.items():
            m.training = flag
'''),
]
