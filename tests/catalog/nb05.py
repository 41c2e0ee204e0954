"""Answers to 05_parameters_and_training: plausible mistakes and other correct ways."""
from tests.catalog import Right, Wrong

ASSIGNMENT = "05_parameters_and_training"
ANSWERS = {
    "ex5_1_late_layer": [
        Wrong("thinks registration alone makes the optimizer train the new layer", says="step() never updates it", source='''
answer_5_1 = "a"
'''),
        Wrong("expects the optimizer to notice that the model changed", says="step() never updates it", source='''
answer_5_1 = "c"
'''),
        Wrong("thinks a layer added after the optimizer gets no gradient", says="step() never updates it", source='''
answer_5_1 = "d"
'''),
        Right("writes the letter in upper case", source='''
answer_5_1 = "B"
'''),
        Right("the right letter, with a reminder", source='''
# registered (so it gets .grad), but not in the optimizer's list
answer_5_1 = "b"
'''),
        Wrong("the wrong letter in upper case", says="step() never updates it", source='''
answer_5_1 = "D"
'''),
        Wrong("the option's index instead of its letter", says="should be one of the strings", source='''
answer_5_1 = 2
'''),
        Wrong("hedges with two letters", says="should be one of the strings", source='''
answer_5_1 = "b or d"
'''),
        Wrong("the letter inside a list", says="should be one of the strings", source='''
answer_5_1 = ["b"]
'''),
        Right("the letter computed from a string method", source='''
answer_5_1 = "  B ".strip().lower()
'''),
    ],
    "ex5_2_train_step": [
        Wrong("clears the gradients between backward and step", says="nothing may clear the gradients between backward() and step()", source='''
def train_step(model, optimizer, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
'''),
        Wrong("uses a fixed MSELoss instead of loss_fn", says="use the loss_fn it is given", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = nn.MSELoss()(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("never clears the gradients", says="added its gradients to the first call's", source='''
def train_step(model, optimizer, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("clears the gradients only after the step", says="stale gradients already in .grad", source='''
def train_step(model, optimizer, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
'''),
        Wrong("returns the loss tensor", says="Python float", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss
'''),
        Wrong("returns the loss recomputed after the update", says="computed before optimizer.step()", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()
    with torch.no_grad():
        return loss_fn(model(x), y).item()
'''),
        Wrong("forgets optimizer.step()", says="weights did not change", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    return loss.item()
'''),
        Wrong("builds its own SGD instead of using the optimizer it is given", says="optimizer it is given", source='''
def train_step(model, optimizer, loss_fn, x, y):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()
'''),
        Right("clears through the model and converts with float()", source='''
def train_step(model, optimizer, loss_fn, x, y):
    """One optimisation step on the batch (x, y); returns the loss before the step as a float."""
    model.zero_grad()                       # same parameters as the optimizer's here
    prediction = model(x)
    loss = loss_fn(prediction, y)
    loss.backward()
    optimizer.step()
    return float(loss.detach())
'''),
        Right("fills zeros instead of None", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad(set_to_none=False)
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.detach().cpu().item()
'''),
        Wrong("returns the batch's total loss, loss.item() * len(x)", says="loss_fn(model(x), y).item()", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item() * len(x)
'''),
        Wrong("swaps prediction and target in loss_fn", says="prediction first", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(y, model(x))
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("calls optimizer.step() twice", says="took 2 optimizer steps", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.step()
    return loss.item()
'''),
        Wrong("steps before backpropagating", says="weights did not change", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    optimizer.step()
    loss.backward()
    return loss.item()
'''),
        Wrong("squeezes the prediction, which breaks (N, 1) outputs", says="model(x) as it is", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x).squeeze(), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Right("clears with set_to_none by hand after the forward pass, returns float(loss)", source='''
def train_step(model, optimizer, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    for group in optimizer.param_groups:
        for p in group["params"]:
            p.grad = None
    loss.backward()
    optimizer.step()
    return float(loss)
'''),
    ],
    "ex5_3_fit": [
        Wrong("reports the whole set's loss at the start of each epoch, not the mean of its batch losses "
              "(the review's answer)", says="each taken as that batch is trained on", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        with torch.no_grad():
            history.append(F.cross_entropy(model(X), y).item())
        order = torch.randperm(len(X), generator=generator)
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            F.cross_entropy(model(X[idx]), y[idx]).backward()
            optimizer.step()
    return history
'''),
        Wrong("never shuffles: the same mini-batches every epoch", says="does not depend on generator", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.arange(len(X))
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("shuffles with the global random state, ignoring generator", says="equally seeded generators differ", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X))
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("never clears the gradients", says="gradients piled up", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("builds a new optimizer every epoch", says="thrown away every epoch", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    history = []
    for _ in range(epochs):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        order = torch.randperm(len(X), generator=generator)
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("records the last batch's loss as the epoch's loss", says="mean over all of that epoch's batches", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
        history.append(loss.item())
    return history
'''),
        Wrong("sums the batch losses instead of averaging them", says="not the last batch's loss or a sum", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        total = 0.0
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            total += loss.item()
        history.append(total)
    return history
'''),
        Wrong("accumulates loss tensors instead of floats", says="plain Python floats", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        total, batches = 0, 0
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            total, batches = total + loss, batches + 1
        history.append(total / batches)
    return history
'''),
        Wrong("trains on the whole set at once, ignoring batch_size", says="below the 0.90 target", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(X), y)
        loss.backward()
        optimizer.step()
        history.append(loss.item())
    return history
'''),
        Wrong("uses SGD instead of Adam", says="yours steps with SGD", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Right("a DataLoader over a TensorDataset", source='''
from torch.utils.data import DataLoader, TensorDataset


def fit(model, X, y, epochs, lr, batch_size, generator=None):
    """Train `model` on (X, y) with Adam and shuffled mini-batches; return the mean loss of each epoch."""
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True, generator=generator)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = []
    for epoch in range(epochs):
        total, count = 0.0, 0
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item()
            count += 1
        history.append(total / count)
    return history
'''),
        Right("torch.split of the permutation and a mean weighted by batch size", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        weighted, seen = 0.0, 0
        for idx in torch.split(torch.randperm(len(X), generator=generator), batch_size):
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
            weighted += loss.item() * len(idx)
            seen += len(idx)
        history.append(weighted / seen)
    return history
'''),
        Wrong("drops the last, smaller mini-batch", says="every example exactly once", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        losses = []
        for i in range(len(X) // batch_size):
            idx = order[i * batch_size:(i + 1) * batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("shuffles once, before the epoch loop", says="reshuffle every epoch", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    order = torch.randperm(len(X), generator=generator)
    history = []
    for _ in range(epochs):
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("records every batch's loss instead of one mean per epoch", says="one entry per epoch", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            history.append(loss.item())
    return history
'''),
        Wrong("ignores lr, so Adam uses its default 0.001", says="yours has lr=0.001", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters())
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("sums the per-example losses (reduction='sum')", says="default mean over the batch", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx], reduction="sum")
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Right("a while loop over start positions and statistics.fmean", source='''
import statistics


def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    history = []
    for _ in range(epochs):
        order = torch.randperm(X.shape[0], generator=generator)
        losses, start = [], 0
        while start < X.shape[0]:
            idx = order[start:start + batch_size]
            start += batch_size
            optimizer.zero_grad()
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(statistics.fmean(losses))
    return history
'''),
    ],
    "ex5_4_finetune_head": [
        Wrong("assigns requires_grad on the module instead of calling requires_grad_", says="only sets a plain attribute", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad = False
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Wrong("puts the body in eval mode and thinks it is frozen", says="eval() freezes nothing", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.eval()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.head.parameters())
'''),
        Wrong("freezes the body's weights but not its biases", says="biases and deeper layers included", source='''
def finetune_head(model, X, y, steps, lr):
    for layer in model.body:
        if isinstance(layer, nn.Linear):
            layer.weight.requires_grad_(False)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.head.parameters())
'''),
        Wrong("forgets to pass lr, so SGD uses its default 0.001", says="pass lr=lr", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(p for p in model.parameters() if p.requires_grad)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Wrong("runs the body under no_grad but never sets requires_grad", says="still have requires_grad=False", source='''
def finetune_head(model, X, y, steps, lr):
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        with torch.no_grad():
            features = model.body(X)
        F.cross_entropy(model.head(features), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.head.parameters())
'''),
        Wrong("returns the number of parameter tensors instead of elements", says="count p.numel()", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(trainable, lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return len(trainable)
'''),
        Wrong("counts every parameter, frozen ones included", says="count p.numel()", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters())
'''),
        Right("a loop over the body's parameters, and an optimizer over all of them", source='''
def finetune_head(model, X, y, steps, lr):
    """Freeze model.body, train model.head with SGD for `steps` full-batch steps; return the trainable element count."""
    for p in model.body.parameters():
        p.requires_grad = False
    # frozen parameters never get a .grad, so SGD skips them even though it holds them
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for step in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(X), y)
        loss.backward()
        optimizer.step()
    return sum(p.numel() for _, p in model.named_parameters() if p.requires_grad)
'''),
        Right("freezes, then trains only model.head's parameters", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr, momentum=0.0)
    for _ in range(steps):
        optimizer.zero_grad()
        with torch.no_grad():
            features = model.body(X)
        F.cross_entropy(model.head(features), y).backward()
        optimizer.step()
    return int(sum(p.numel() for p in model.parameters() if p.requires_grad))
'''),
        Wrong("unfreezes the body again before returning", says="still have requires_grad=False", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    count = sum(p.numel() for p in model.parameters() if p.requires_grad)
    model.body.requires_grad_(True)
    return count
'''),
        Wrong("freezes only the body's first layer", says="deeper layers included", source='''
def finetune_head(model, X, y, steps, lr):
    model.body[0].requires_grad_(False)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Wrong("one step too many: range(steps + 1)", says="check the step count", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps + 1):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Wrong("adds momentum to the head's SGD", says="no momentum", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr, momentum=0.9)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Wrong("returns the count as a tensor", says="Python int", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return torch.tensor([p.numel() for p in model.parameters() if p.requires_grad]).sum()
'''),
        Wrong("freezes the head instead of the body", says="the body's weight changed", source='''
def finetune_head(model, X, y, steps, lr):
    model.head.requires_grad_(False)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Right("an optimizer over every parameter, zero-filled gradients, a detached body output", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad(set_to_none=False)   # frozen parameters have no .grad to fill
        logits = model.head(model.body(X).detach())
        nn.CrossEntropyLoss()(logits, y).backward()
        optimizer.step()
    return sum(p.numel() for p in filter(lambda p: p.requires_grad, model.parameters()))
'''),
    ],
    "ex5_5_make_optimizer": [
        Wrong("one group for the whole model", says="exactly two parameter groups", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD(model.parameters(), lr=head_lr, momentum=0.9)
'''),
        Wrong("swaps the two learning rates", says="group 0 (the body) should have lr=body_lr", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body.parameters(), "lr": head_lr},
        {"params": model.head.parameters(), "lr": body_lr},
    ], momentum=0.9)
'''),
        Wrong("gives the head group no lr, so it takes SGD's default", says="takes the constructor's lr", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body.parameters(), "lr": body_lr},
        {"params": model.head.parameters()},
    ], momentum=0.9)
'''),
        Wrong("puts only the body's first layer in group 0", says="every parameter of model.body", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body[0].parameters(), "lr": body_lr},
        {"params": model.head.parameters(), "lr": head_lr},
    ], momentum=0.9)
'''),
        Wrong("forgets the momentum", says="momentum=0.9", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body.parameters(), "lr": body_lr},
        {"params": model.head.parameters(), "lr": head_lr},
    ])
'''),
        Right("head lr from the constructor, lists of tensors", source='''
def make_optimizer(model, body_lr, head_lr):
    """SGD with momentum 0.9 and two groups: model.body at body_lr, then model.head at head_lr."""
    body = list(model.body.parameters())
    head = list(model.head.parameters())
    return torch.optim.SGD([{"params": body, "lr": body_lr}, {"params": head}], lr=head_lr, momentum=0.9)
'''),
        Right("every option set in each group", source='''
def make_optimizer(model, body_lr, head_lr):
    groups = [
        dict(params=[p for _, p in model.body.named_parameters()], lr=body_lr, momentum=0.9),
        dict(params=[p for _, p in model.head.named_parameters()], lr=head_lr, momentum=0.9),
    ]
    return torch.optim.SGD(groups)
'''),
        Wrong("returns Adam with the two groups", says="should return one torch.optim.SGD", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.Adam([
        {"params": model.body.parameters(), "lr": body_lr},
        {"params": model.head.parameters(), "lr": head_lr},
    ])
'''),
        Wrong("sets momentum in the body's group only", says="momentum=0.9", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body.parameters(), "lr": body_lr, "momentum": 0.9},
        {"params": model.head.parameters(), "lr": head_lr},
    ])
'''),
        Wrong("takes body and head as the first two children, by position", says="model.body and model.head by name", source='''
def make_optimizer(model, body_lr, head_lr):
    body, head = list(model.children())[:2]
    return torch.optim.SGD([
        {"params": body.parameters(), "lr": body_lr},
        {"params": head.parameters(), "lr": head_lr},
    ], momentum=0.9)
'''),
        Wrong("whole model as group 0 and the head again as group 1", says="more than one parameter group", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.parameters(), "lr": body_lr},
        {"params": model.head.parameters(), "lr": head_lr},
    ], momentum=0.9)
'''),
        Wrong("counts the body's parameters through the generator it then passes on, empty", says="every parameter of model.body", source='''
def make_optimizer(model, body_lr, head_lr):
    body = model.body.parameters()
    assert sum(1 for _ in body) > 0
    return torch.optim.SGD([
        {"params": body, "lr": body_lr},
        {"params": model.head.parameters(), "lr": head_lr},
    ], momentum=0.9)
'''),
        Right("one group in the constructor, the head added with add_param_group", source='''
def make_optimizer(model, body_lr, head_lr):
    optimizer = torch.optim.SGD(model.body.parameters(), lr=body_lr, momentum=0.9)
    optimizer.add_param_group({"params": model.head.parameters(), "lr": head_lr})
    return optimizer
'''),
    ],
}


# Third review round (issue 13): answers right only on the visible example's sizes, dtypes or
# structure, contract rules no output shows (model(x) vs model.forward(x), work done twice,
# generator=None, stale gradients), and answers that used to end in a raw traceback.
_FIT = '''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []{setup}
    for _ in range(epochs):
        order = torch.randperm(len(X), generator={gen})
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy({call}, y[idx])
            loss.backward(){extra}
            optimizer.step()
            losses.append({logged})
        history.append({mean})
    return history
'''


def _fit(setup="", gen="generator", call="model(X[idx])", extra="", logged="loss.item()",
         mean="sum(losses) / len(losses)"):
    return _FIT.format(setup=setup, gen=gen, call=call, extra=extra, logged=logged, mean=mean)


_THIRD_REVIEW = {
    "ex5_1_late_layer": [
        Wrong("leaves the answer as None", says="should be one of the strings", source='''
answer_5_1 = None
'''),
        Wrong("writes the option's words instead of its letter", says="should be one of the strings", source='''
answer_5_1 = "registered but never stepped"
'''),
        Right("the letter with its closing parenthesis, as printed in the options", source='''
answer_5_1 = "b)"
'''),
    ],
    "ex5_2_train_step": [
        Wrong("calls model.forward(x) instead of model(x), which skips the model's hooks", says="not model.forward(x)",
              source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model.forward(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("runs the forward pass twice: once to backpropagate, once more for the value it returns", says="forward pass ran 2 times",
              source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    with torch.no_grad():
        value = loss_fn(model(x), y).item()
    optimizer.step()
    return value
'''),
        Wrong("converts the target to float, which class labels cannot be", says="pass y to loss_fn as it is", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y.float())
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Right("set_to_none=True spelled out, enable_grad, and the 0-d loss read with tolist()", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad(set_to_none=True)
    with torch.enable_grad():
        prediction = model(x)
        loss = loss_fn(prediction, y)
    loss.backward()
    optimizer.step()
    return loss.detach().tolist()
'''),
    ],
    "ex5_3_fit": [
        Wrong("calls model.forward(X[idx]) instead of model(X[idx]), which skips the model's hooks",
              says="not model.forward", source=_fit(call="model.forward(X[idx])")),
        Wrong("runs a second forward pass under no_grad for every batch, to log its loss", says="forward pass ran",
              source=_fit(extra='''
            with torch.no_grad():
                logged = F.cross_entropy(model(X[idx]), y[idx]).item()''', logged="logged")),
        Wrong("divides the sum of batch losses by len(X) / batch_size, wrong when the last batch is smaller",
              says="divide the sum by the number of batches", source=_fit(mean="sum(losses) * batch_size / len(X)")),
        Wrong("without a generator, shuffles with a fixed-seed generator of its own, ignoring torch's global seed",
              says="global random state", source=_fit(
                  setup="\n    generator = generator if generator is not None else torch.Generator().manual_seed(0)")),
        Right("averages the batch losses with torch.tensor(losses).mean() (float32 rounding)", source=_fit(
            mean="torch.tensor(losses).mean().item()")),
        Wrong("converts the labels to float before the loss, which class indices cannot be (it used to end in a raw "
              "traceback)", says="labels as they are", source=_fit().replace("y[idx])", "y[idx].float())")),
    ],
    "ex5_4_finetune_head": [
        Wrong("an optimizer over every parameter, zero_grad() only after step(): a .grad the body already had moves it",
              says="a .grad it already had", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
        optimizer.zero_grad()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Wrong("counts the parameters that have a .grad instead of those with requires_grad=True", says="requires_grad=True, not",
              source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.grad is not None)
'''),
        Right("freezes the whole model, then unfreezes the head", source='''
def finetune_head(model, X, y, steps, lr):
    model.requires_grad_(False)
    model.head.requires_grad_(True)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.head.parameters())
'''),
    ],
    "ex5_5_make_optimizer": [
        Wrong("passes the modules themselves as the groups' params", says="model.body.parameters(), not the module", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body, "lr": body_lr},
        {"params": model.head, "lr": head_lr},
    ], momentum=0.9)
'''),
        Wrong("lists the head's weight and bias by hand, which only fits a single nn.Linear head", says="whatever layers it has",
              source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body.parameters(), "lr": body_lr},
        {"params": [model.head.weight, model.head.bias], "lr": head_lr},
    ], momentum=0.9)
'''),
        Right("groups by parameter name prefix", source='''
def make_optimizer(model, body_lr, head_lr):
    named = list(model.named_parameters())
    body = [p for n, p in named if n.startswith("body.")]
    head = [p for n, p in named if n.startswith("head.")]
    return torch.optim.SGD([{"params": body, "lr": body_lr}, {"params": head, "lr": head_lr}], lr=head_lr, momentum=0.9)
'''),
    ],
}

for _grade_id, _answers in _THIRD_REVIEW.items():
    ANSWERS[_grade_id] += _answers


# Fourth review round: wrong answers that the tests accepted or told vaguely, and the ways of
# testing that now catch them: the parameters' order (the tests call by keyword), Adam's state
# across two calls, "move nothing" seen by spies on .to()/.cuda()/.cpu(), the batch sizes and the
# weights replayed from the batches a fit trained on, the head's mistakes told apart by
# replaying the usual ones, a two-layer head, SGD's other options, and a name never defined.
_TRAIN_STEP = '''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return {ret}
'''
_FINETUNE = '''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = {optimizer}{before}
    for _ in range(steps):{zero}
        F.cross_entropy({call}, y{reduction}).backward()
        optimizer.step()
    return {count}
'''


def _finetune(optimizer="torch.optim.SGD(model.head.parameters(), lr=lr)", before="",
              zero="\n        optimizer.zero_grad()", call="model(X)", reduction="",
              count="sum(p.numel() for p in model.parameters() if p.requires_grad)"):
    return _FINETUNE.format(optimizer=optimizer, before=before, zero=zero, call=call, reduction=reduction, count=count)


_MAKE_OPTIMIZER = '''
def make_optimizer({signature}):
    return torch.optim.SGD([
        {{"params": model.body.{params}(), "{key}": body_lr}},
        {{"params": model.head.{params}(), "{key}": head_lr}},
    ]{options})
'''


def _make_optimizer(signature="model, body_lr, head_lr", params="parameters", key="lr", options=", momentum=0.9"):
    return _MAKE_OPTIMIZER.format(signature=signature, params=params, key=key, options=options)


_FOURTH_REVIEW = {
    "ex5_1_late_layer": [
        Wrong("writes the letter without quotes, so answer_5_1 is never defined (NameError)", says="answer_5_1 is not defined (NameError)",
              source='''
answer_5_1 = b
'''),
    ],
    "ex5_2_train_step": [
        Wrong("rebuilds an optimizer of the same class from its defaults at every call, which loses Adam's state",
              says="not build its own", source='''
def train_step(model, optimizer, loss_fn, x, y):
    opt = type(optimizer)(model.parameters(), **optimizer.defaults)
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()
'''),
        Wrong("moves x and y to DEVICE, though the contract says move nothing", says="should move nothing", source='''
def train_step(model, optimizer, loss_fn, x, y):
    x, y = x.to(DEVICE), y.to(DEVICE)
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("moves the model to DEVICE at every step", says="yours called model.to()", source='''
def train_step(model, optimizer, loss_fn, x, y):
    model.to(DEVICE)
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("runs the forward pass under torch.no_grad()", says="no autograd graph", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    with torch.no_grad():
        prediction = model(x)
    loss = loss_fn(prediction, y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("detaches the prediction before the loss", says="not detached", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x).detach(), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
        Wrong("rounds the loss it returns", says="not rounded", source=_TRAIN_STEP.format(ret="round(loss.item(), 3)")),
        Wrong("returns loss.item without calling it", says="with its parentheses", source=_TRAIN_STEP.format(ret="loss.item")),
        Wrong("returns nothing", says="yours returned None", source=_TRAIN_STEP.format(ret="None")),
        Wrong("takes x and y before loss_fn (the tests pass them in the stated order)", says="should come in the order",
              source='''
def train_step(model, optimizer, x, y, loss_fn):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
    ],
    "ex5_3_fit": [
        Wrong("clears the gradients once per epoch, so they pile up across its mini-batches", says="not once per epoch",
              source=_fit(extra="").replace("            optimizer.zero_grad()\n", "").replace(
                  "        losses = []\n", "        losses = []\n        optimizer.zero_grad()\n")),
        Wrong("steps once per epoch, after backpropagating every mini-batch (gradient accumulation)",
              says="call optimizer.step() after every mini-batch", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        losses = []
        optimizer.zero_grad()
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            losses.append(loss.item())
        optimizer.step()
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("shuffles the examples but takes the labels in their original order", says="labels do not follow",
              source=_fit().replace("y[idx])", "y[start:start + batch_size])")),
        Wrong("keeps one list of batch losses for the whole run, so each entry is a running mean",
              says="start a new list at every epoch",
              source=_fit(setup="\n    losses = []").replace("        losses = []\n", "", 1)),
        Wrong("torch.chunk(order, batch_size): batch_size chunks, not chunks of batch_size", says="one mini-batch of all 24",
              source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        losses = []
        for idx in torch.chunk(torch.randperm(len(X), generator=generator), batch_size):
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
'''),
        Wrong("slices order[start:batch_size], so every batch after the first is empty", says="six batches of 8",
              source=_fit().replace("order[start:start + batch_size]", "order[start:batch_size]")),
        Wrong("takes lr before epochs (the tests pass them by name, the course's order)", says="should come in the order",
              source=_fit().replace("def fit(model, X, y, epochs, lr,", "def fit(model, X, y, lr, epochs,")),
        Right("averages with numpy (np.float64 is a float)", source="import numpy as np\n" + _fit(mean="np.mean(losses)")),
    ],
    "ex5_4_finetune_head": [
        Wrong("clears the gradients once, before the loop", says="inside the loop",
              source=_finetune(before="\n    optimizer.zero_grad()", zero="")),
        Wrong("sums the per-example losses", says="not a sum", source=_finetune(reduction=', reduction="sum"')),
        Wrong("counts head.weight and head.bias by hand, which only fits a one-layer head", says="whatever layers",
              source=_finetune(count="model.head.weight.numel() + model.head.bias.numel()")),
        Wrong("trains the head with Adam", says="not Adam", source=_finetune(optimizer="torch.optim.Adam(model.head.parameters(), lr=lr)")),
        Wrong("takes lr before steps", says="should come in the order",
              source=_finetune().replace("def finetune_head(model, X, y, steps, lr)", "def finetune_head(model, X, y, lr, steps)")),
        Wrong("returns the count as a float", says="yours returned a float",
              source=_finetune(count="float(sum(p.numel() for p in model.parameters() if p.requires_grad))")),
        Wrong("calls model.forward(X), which skips the model's hooks", says="not model.forward(X)", source=_finetune(call="model.forward(X)")),
    ],
    "ex5_5_make_optimizer": [
        Wrong("names the groups' learning rate 'learning_rate', which SGD ignores", says="which SGD ignores",
              source=_make_optimizer(key="learning_rate", options=", lr=head_lr, momentum=0.9")),
        Wrong("adds weight decay", says="weight_decay=0.0001", source=_make_optimizer(options=", momentum=0.9, weight_decay=1e-4")),
        Wrong("turns on Nesterov momentum", says="nesterov=True", source=_make_optimizer(options=", momentum=0.9, nesterov=True")),
        Wrong("takes head_lr before body_lr", says="should come in the order", source=_make_optimizer(signature="model, head_lr, body_lr")),
        Wrong("returns two optimizers, one per part", says="yours returned an object of type list", source='''
def make_optimizer(model, body_lr, head_lr):
    return [torch.optim.SGD(model.body.parameters(), lr=body_lr, momentum=0.9),
            torch.optim.SGD(model.head.parameters(), lr=head_lr, momentum=0.9)]
'''),
        Wrong("passes 0.9 positionally, where SGD takes lr", says="momentum=0.9", source=_make_optimizer(options=", 0.9")),
        Right("groups of named_parameters(), which torch.optim accepts", source=_make_optimizer(params="named_parameters")),
    ],
}

for _grade_id, _answers in _FOURTH_REVIEW.items():
    ANSWERS[_grade_id] += _answers


# Autograd switched off globally (torch.set_grad_enabled(False)) outlives the call: the tests
# reset the mode at their start and check it right after the answer returns.
_GRAD_MODE = {
    "ex5_2_train_step": [
        Wrong("switches autograd off with torch.set_grad_enabled(False) before stepping, and never back on",
              says="left autograd switched off", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    torch.set_grad_enabled(False)
    optimizer.step()
    return loss.item()
'''),
    ],
    "ex5_3_fit": [
        Wrong("switches autograd off after each epoch, on again at the next, and leaves it off", says="left autograd switched off",
              source=_fit(setup="").replace("        order = torch.randperm", "        torch.set_grad_enabled(True)\n        order = torch.randperm").replace(
                  "        history.append(sum(losses) / len(losses))\n", "        history.append(sum(losses) / len(losses))\n        torch.set_grad_enabled(False)\n")),
    ],
    "ex5_4_finetune_head": [
        Wrong("switches autograd off once training is done", says="left autograd switched off",
              source=_finetune(count="count").replace("    return count", "    torch.set_grad_enabled(False)\n    count = sum(p.numel() for p in model.parameters() if p.requires_grad)\n    return count")),
    ],
}

for _grade_id, _answers in _GRAD_MODE.items():
    ANSWERS[_grade_id] += _answers


# Another dtype, and mini-batches where the whole batch is due.
_DTYPES = {
    "ex5_2_train_step": [
        Wrong("casts the regression target to int64", says="yours passed a torch.int64 tensor", source='''
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y.long())
    loss.backward()
    optimizer.step()
    return loss.item()
'''),
    ],
    "ex5_3_fit": [
        Wrong("casts X to float32, which a float64 model cannot take", says="without converting their dtype",
              source=_fit(setup="\n    X = X.float()")),
    ],
    "ex5_4_finetune_head": [
        Wrong("trains on a mini-batch of 8 rows per step instead of the whole batch", says="the whole batch", source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for step in range(steps):
        idx = torch.arange(step * 8, step * 8 + 8) % len(X)
        optimizer.zero_grad()
        F.cross_entropy(model(X[idx]), y[idx]).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
    ],
}

for _grade_id, _answers in _DTYPES.items():
    ANSWERS[_grade_id] += _answers

ANSWERS["ex5_5_make_optimizer"].append(Right("names each group with an extra 'name' key, which SGD keeps and ignores", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([
        {"params": model.body.parameters(), "lr": body_lr, "name": "body"},
        {"params": model.head.parameters(), "lr": head_lr, "name": "head"},
    ], momentum=0.9)
'''))


# Fifth review round (held-out set D): what the optimizer did, seen by a global step pre-hook
# (which optimizer stepped, how often, with which options and gradients), the model's mode,
# inputs left as they are, a float64 batch, and the loss of a first full-batch epoch.
_TRAIN_STEP_BODY = '''
def train_step(model, optimizer, loss_fn, x, y):
{body}
'''
_FIT_D = '''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    optimizer = {opt}
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = {loss}
            loss.backward()
            optimizer.step()
            losses.append(loss.item()){log}
        history.append(sum(losses) / len(losses))
    return {ret}
'''


def _fit_d(opt="torch.optim.Adam(model.parameters(), lr=lr)", loss="F.cross_entropy(model(X[idx]), y[idx])", log="", ret="history"):
    return _FIT_D.format(opt=opt, loss=loss, log=log, ret=ret)


_FIFTH_REVIEW = {
    "ex5_2_train_step": [
        Wrong("clips the gradients before stepping", says="do not clip, rescale", source=_TRAIN_STEP_BODY.format(body='''
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    optimizer.step()
    return loss.item()''')),
        Wrong("sets the optimizer's learning rate itself", says="changed the optimizer's learning rate", source=_TRAIN_STEP_BODY.format(body='''
    for group in optimizer.param_groups:
        group["lr"] = 0.01
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()''')),
        Wrong("switches the model to eval mode before the forward pass", says="switched the model to eval mode", source=_TRAIN_STEP_BODY.format(body='''
    model.eval()
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()''')),
        Wrong("leaves the model in eval mode after the step", says="switched the model to eval mode", source=_TRAIN_STEP_BODY.format(body='''
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    model.eval()
    return loss.item()''')),
        Wrong("centres x in place before the forward pass", says="modified its input x in place", source=_TRAIN_STEP_BODY.format(body='''
    x -= x.mean(dim=0, keepdim=True)
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()''')),
        Wrong("converts x to float32, which a float64 model cannot take", says="without converting their dtype", source=_TRAIN_STEP_BODY.format(body='''
    optimizer.zero_grad()
    loss = loss_fn(model(x.float()), y)
    loss.backward()
    optimizer.step()
    return loss.item()''')),
        Wrong("takes two steps on the batch", says="took 2 optimizer steps", source=_TRAIN_STEP_BODY.format(body='''
    for _ in range(2):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()''')),
        Wrong("returns the loss as a NumPy array", says="yours returned a ndarray", source=_TRAIN_STEP_BODY.format(body='''
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.detach().numpy()''')),
        Right("model.train() first, enable_grad, zero_grad(set_to_none=False)", source=_TRAIN_STEP_BODY.format(body='''
    model.train()
    with torch.enable_grad():
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(model(x), y)
        loss.backward()
    optimizer.step()
    return loss.item()''')),
        Right("parameters' .grad set to None by hand, step under no_grad, float via detach().cpu()", source=_TRAIN_STEP_BODY.format(body='''
    for p in model.parameters():
        p.grad = None
    prediction = model(x)
    loss = loss_fn(prediction, y)
    loss.backward()
    with torch.no_grad():
        optimizer.step()
    return loss.detach().cpu().item()''')),
    ],
    "ex5_3_fit": [
        Wrong("trains with AdamW, whose default weight decay is 0.01", says="weight_decay=0.01", source=_fit_d(opt="torch.optim.AdamW(model.parameters(), lr=lr)")),
        Wrong("adds weight decay to Adam", says="weight_decay=0.0001", source=_fit_d(opt="torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)")),
        Wrong("changes Adam's betas", says="betas=(0.9, 0.99)", source=_fit_d(opt="torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.99))")),
        Wrong("turns on AMSGrad", says="amsgrad=True", source=_fit_d(opt="torch.optim.Adam(model.parameters(), lr=lr, amsgrad=True)")),
        Wrong("hard-codes lr=1e-2, the visible example's value", says="yours has lr=0.01", source=_fit_d(opt="torch.optim.Adam(model.parameters(), lr=1e-2)")),
        Wrong("smooths the labels in the loss", says="no label_smoothing", source=_fit_d(loss="F.cross_entropy(model(X[idx]), y[idx], label_smoothing=0.1)")),
        Wrong("evaluates in eval mode after every batch and trains on in eval mode", says="trained with the model in eval mode",
              source=_fit_d(log="\n            model.eval()")),
        Wrong("returns the history as a tensor", says="yours returned a Tensor", source=_fit_d(ret="torch.tensor(history)")),
        Right("F.nll_loss of log_softmax, nn.CrossEntropyLoss-free, and Adam's lr positional", source=_fit_d(
            opt="torch.optim.Adam(model.parameters(), lr)", loss="F.nll_loss(F.log_softmax(model(X[idx]), dim=1), y[idx])")),
        Right("model.train() at every epoch, batches from Tensor.split, a mean weighted by batch size", source='''
def fit(model, X, y, epochs, lr, batch_size, generator=None):
    opt = torch.optim.Adam(params=model.parameters(), lr=lr)
    hist = []
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(X.shape[0], generator=generator)
        total, seen = 0.0, 0
        for idx in perm.split(batch_size):
            opt.zero_grad(set_to_none=True)
            loss = nn.CrossEntropyLoss()(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            seen += len(idx)
        hist.append(total / seen)
    return hist
'''),
    ],
    "ex5_4_finetune_head": [
        Wrong("adds weight decay to the head's SGD", says="yours sets weight_decay=0.0001",
              source=_finetune(optimizer="torch.optim.SGD(model.head.parameters(), lr=lr, weight_decay=1e-4)")),
        Wrong("hard-codes lr=0.1", says="yours has lr=0.1", source=_finetune(optimizer="torch.optim.SGD(model.head.parameters(), lr=0.1)")),
        Wrong("takes a fixed 10 steps, ignoring steps", says="took 10 SGD steps instead of steps=4", source=_finetune().replace("range(steps)", "range(10)")),
        Wrong("trains the head on the mean squared error of one-hot labels", says="F.cross_entropy(model(X), y) on the whole batch", source=_finetune().replace(
            "F.cross_entropy(model(X), y)", "F.mse_loss(model(X), F.one_hot(y, model(X).shape[1]).float())")),
        Right("freezes parameter by parameter, filters the trainable ones, nn.CrossEntropyLoss, int() of the count", source='''
def finetune_head(model, X, y, steps, lr):
    for p in model.body.parameters():
        p.requires_grad_(False)
    params = list(filter(lambda p: p.requires_grad, model.parameters()))
    optimizer = torch.optim.SGD(params, lr)
    for step in range(steps):
        optimizer.zero_grad(set_to_none=True)
        loss = nn.CrossEntropyLoss()(model(X), y)
        loss.backward()
        optimizer.step()
    return int(sum(p.numel() for p in params))
'''),
        Right("SGD's defaults spelled out", source=_finetune(optimizer="torch.optim.SGD(model.head.parameters(), lr=lr, momentum=0.0, dampening=0, weight_decay=0.0)")),
    ],
    "ex5_5_make_optimizer": [
        Wrong("momentum 0.99 instead of 0.9", says="yours have momentum=[0.99, 0.99]", source=_make_optimizer(options=", momentum=0.99")),
        Wrong("sets dampening=0.9 instead of momentum", says="yours have momentum=[0, 0]", source=_make_optimizer(options=", dampening=0.9")),
        Wrong("puts the head's group first", says="put the body's group first", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([{"params": model.head.parameters(), "lr": head_lr},
                            {"params": model.body.parameters(), "lr": body_lr}], momentum=0.9)
'''),
        Wrong("finds the head's parameters with `p not in body`, which compares tensors by value", says="compares tensors by value", source='''
def make_optimizer(model, body_lr, head_lr):
    body = list(model.body.parameters())
    rest = [p for p in model.parameters() if p not in body]
    return torch.optim.SGD([{"params": body, "lr": body_lr}, {"params": rest, "lr": head_lr}], momentum=0.9)
'''),
        Wrong("runs a forward and a step to check the optimizer it built", says="make_optimizer ran the model", source='''
def make_optimizer(model, body_lr, head_lr):
    opt = torch.optim.SGD([{"params": model.body.parameters(), "lr": body_lr},
                           {"params": model.head.parameters(), "lr": head_lr}], momentum=0.9)
    model(torch.zeros(1, next(model.body.parameters()).shape[1])).sum().backward()
    opt.step()
    return opt
'''),
        Right("SGD's defaults spelled out, foreach=False", source=_make_optimizer(options=", momentum=0.9, dampening=0, weight_decay=0, nesterov=False, foreach=False")),
        Right("unpacked parameter lists, the body's lr from the constructor, zero_grad() after building", source='''
def make_optimizer(model, body_lr, head_lr):
    opt = torch.optim.SGD([dict(params=[*model.body.parameters()]), dict(params=[*model.head.parameters()], lr=head_lr)],
                          lr=body_lr, momentum=0.9)
    opt.zero_grad()
    return opt
'''),
    ],
}

for _grade_id, _answers in _FIFTH_REVIEW.items():
    ANSWERS[_grade_id] += _answers

ANSWERS["ex5_3_fit"].append(Right("Adam's defaults spelled out, betas as a list", source=_fit_d(
    opt="torch.optim.Adam(model.parameters(), lr=lr, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, amsgrad=False, foreach=False)")))

# Second review of issue 13 (review2-3): held-out answers that passed (the head run by
# model.head.forward, a step inside make_optimizer, a body filtered by requires_grad) or that the
# visible example's shapes hide, and right answers that end in eval mode or clear .grad by hand.
_SIXTH_REVIEW = {
    "ex5_1_late_layer": [
        Wrong("a letter that is not an option", says="should be one of the strings", source='''
answer_5_1 = "e"
'''),
        Wrong("the option's position as a number", says="should be one of the strings", source='''
answer_5_1 = 2
'''),
    ],
    "ex5_2_train_step": [
        Wrong("backpropagates the loss times the batch size and returns it divided back (told 'do not clip' before)",
              says="times those of loss_fn(model(x), y)", source=_TRAIN_STEP_BODY.format(body='''
    optimizer.zero_grad()
    loss = loss_fn(model(x), y) * len(x)
    loss.backward()
    optimizer.step()
    return loss.item() / len(x)''')),
        Right("switches the model to training mode first (the contract says nothing of the mode)", source=_TRAIN_STEP_BODY.format(body='''
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()''')),
        Right("sets every .grad to None between the forward pass and backward()", source=_TRAIN_STEP_BODY.format(body='''
    loss = loss_fn(model(x), y)
    for p in model.parameters():
        p.grad = None
    loss.backward()
    optimizer.step()
    return loss.item()''')),
    ],
    "ex5_4_finetune_head": [
        Wrong("runs the head with model.head.forward(...), which skips its hooks (passed the tests before)",
              says="head's hooks never ran", source=_finetune(call="model.head.forward(model.body(X))")),
        Wrong("returns the number of trainable tensors, not of elements", says="count p.numel()",
              source=_finetune(count="len([p for p in model.parameters() if p.requires_grad])")),
        Wrong("freezes the body's first layer only", says="freeze every parameter of the body", source='''
def finetune_head(model, X, y, steps, lr):
    model.body[0].requires_grad_(False)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
        Right("puts the model in eval mode when done (the contract says nothing of the mode afterwards)",
              source='''
def finetune_head(model, X, y, steps, lr):
    model.body.requires_grad_(False)
    optimizer = torch.optim.SGD(model.head.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    model.eval()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
'''),
    ],
    "ex5_5_make_optimizer": [
        Wrong("keeps only the body's parameters that require grad (passed the tests before)", says="a frozen one included",
              source='''
def make_optimizer(model, body_lr, head_lr):
    body = [p for p in model.body.parameters() if p.requires_grad]
    return torch.optim.SGD([{"params": body, "lr": body_lr},
                            {"params": model.head.parameters(), "lr": head_lr}], momentum=0.9)
'''),
        Wrong("takes one step with the optimizer it built (passed the tests before)", says="called optimizer.step()", source='''
def make_optimizer(model, body_lr, head_lr):
    opt = torch.optim.SGD([{"params": model.body.parameters(), "lr": body_lr},
                           {"params": model.head.parameters(), "lr": head_lr}], momentum=0.9)
    opt.step()
    return opt
'''),
        Wrong("hard-codes the visible example's learning rates", says="group 0 (the body) should have lr=body_lr", source='''
def make_optimizer(model, body_lr, head_lr):
    return torch.optim.SGD([{"params": model.body.parameters(), "lr": 1e-3},
                            {"params": model.head.parameters(), "lr": 1e-1}], momentum=0.9)
'''),
        Wrong("a group per body layer, three groups in all", says="exactly two parameter groups", source='''
def make_optimizer(model, body_lr, head_lr):
    groups = [{"params": layer.parameters(), "lr": body_lr} for layer in model.body if list(layer.parameters())]
    return torch.optim.SGD(groups + [{"params": model.head.parameters(), "lr": head_lr}], momentum=0.9)
'''),
    ],
}

for _grade_id, _answers in _SIXTH_REVIEW.items():
    ANSWERS[_grade_id] += _answers
