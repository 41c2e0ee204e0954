"""Answers to assignment 06 (state_dict), graded by tests/test_catalog.py."""
from tests.catalog import Right, Wrong

ASSIGNMENT = "06_state_dict"

_LOAD_CHECKPOINT = '''

def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''

_SAVE_CHECKPOINT = '''
def save_checkpoint(path, model, optimizer, epoch, generator):
    """Save model, optimizer, epoch and both random states to path (a weights-only file)."""
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, path)
'''

ANSWERS = {
    "ex6_1_reference_or_copy": [
        Wrong("believes state_dict() returns a copy", says="does not copy", source='''
answer_6_1 = "a"
'''),
        Wrong("believes state_dict tensors are read-only", says="not read-only", source='''
answer_6_1 = "c"
'''),
        Wrong("answers with the printed value instead of a letter", says="one of the letters", source='''
answer_6_1 = "tensor([7., 7., 7.])"
'''),
        Wrong("answers True for 'shares memory'", says="one of the letters", source='''
answer_6_1 = True
'''),
        Right("capital letter with spaces", source='''
answer_6_1 = " B "
'''),
        Wrong("the wrong letter in upper case", says="does not copy", source='''
answer_6_1 = "A"
'''),
        Wrong("the letter inside a list", says="one of the letters", source='''
answer_6_1 = ["b"]
'''),
        Wrong("copies the whole option text", says="one of the letters", source='''
answer_6_1 = "b) tensor([7., 7., 7.])"
'''),
        Wrong("read-only, with a trailing space", says="not read-only", source='''
answer_6_1 = "c "
'''),
        Right("the letter picked from a tuple of options", source='''
_options = ("a", "b", "c")
answer_6_1 = _options[1]
'''),
    ],
    "ex6_2_save_and_reload": [
        Wrong("saves, then returns a deep copy of the original", says="Return the model that make_model() built", source='''
import copy

def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    return copy.deepcopy(model).eval()
'''),
        Wrong("fills the fresh model from model.state_dict(), not from the file", says="Fill the fresh model from the file", source='''
def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    fresh = make_model()
    fresh.load_state_dict(model.state_dict())
    return fresh.eval()
'''),
        Wrong("makes the fresh model first, then saves, and fills it from model.state_dict(): the file "
              "is never read (the review's answer)", says="Fill the fresh model from the file", source='''
def save_and_reload(model, make_model, path):
    fresh = make_model()
    torch.save(model.state_dict(), path)
    fresh.load_state_dict(model.state_dict())
    return fresh.eval()
'''),
        Right("makes the fresh model before saving, then fills it from the file", source='''
def save_and_reload(model, make_model, path):
    fresh = make_model()
    torch.save(model.state_dict(), path)
    fresh.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return fresh.eval()
'''),
        Wrong("returns what load_state_dict returns", says="load_state_dict returns the missing", source='''
def save_and_reload(model, make_model, path):
    """Save model's weights to path, load them into make_model(); return that model in eval mode."""
    torch.save(model.state_dict(), path)
    return make_model().eval().load_state_dict(torch.load(path, map_location="cpu"))
'''),
        Wrong("forgets eval mode after loading", says="eval mode", source='''
def save_and_reload(model, make_model, path):
    """Save model's weights to path, load them into make_model(); return that model in eval mode."""
    torch.save(model.state_dict(), path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu"))
    return fresh
'''),
        Wrong("builds the fresh model but never loads the file into it", says="were not loaded", source='''
def save_and_reload(model, make_model, path):
    """Save model's weights to path, load them into make_model(); return that model in eval mode."""
    torch.save(model.state_dict(), path)
    fresh = make_model()
    torch.load(path, map_location="cpu")
    return fresh.eval()
'''),
        Wrong("loads the file back into the original model and returns it", says="not the original model", source='''
def save_and_reload(model, make_model, path):
    """Save model's weights to path, load them into make_model(); return that model in eval mode."""
    torch.save(model.state_dict(), path)
    model.load_state_dict(torch.load(path, map_location="cpu"))
    return model.eval()
'''),
        Wrong("saves only named_parameters and loads with strict=False", says="running statistics are buffers", source='''
def save_and_reload(model, make_model, path):
    """Save model's weights to path, load them into make_model(); return that model in eval mode."""
    torch.save({name: p.detach() for name, p in model.named_parameters()}, path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu"), strict=False)
    return fresh.eval()
'''),
        Wrong("pickles the whole model and unpickles it with weights_only=False", says="not the pickled model", source='''
def save_and_reload(model, make_model, path):
    """Save model's weights to path, load them into make_model(); return that model in eval mode."""
    torch.save(model, path)
    return torch.load(path, map_location="cpu", weights_only=False).eval()
'''),
        Right("explicit steps, train(False) and a torch.device", source='''
def save_and_reload(model, make_model, path):
    """Save model's weights to path, load them into make_model(); return that model in eval mode."""
    state = model.state_dict()
    torch.save(state, path)
    new_model = make_model()
    keys = new_model.load_state_dict(torch.load(path, map_location=torch.device("cpu"), weights_only=True))
    assert not keys.missing_keys and not keys.unexpected_keys
    new_model.train(False)
    return new_model
'''),
        Wrong("returns fresh.eval without calling it", says="with its parentheses", source='''
def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu"))
    return fresh.eval
'''),
        Wrong("loads into one fresh model, returns another make_model()", says="make_model() was called 2 times", source='''
def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu"))
    return make_model().eval()
'''),
        Wrong("saves to a hard-coded file name, ignoring path", says="to the path it is given", source='''
def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), "model.pt")
    fresh = make_model()
    fresh.load_state_dict(torch.load("model.pt", map_location="cpu"))
    return fresh.eval()
'''),
        Wrong("puts the original model in train mode while saving", says="modified the original model", source='''
def save_and_reload(model, make_model, path):
    model.train()
    torch.save(model.state_dict(), path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu"))
    return fresh.eval()
'''),
        Wrong("saves the state_dict inside a list", says="model.state_dict() itself", source='''
def save_and_reload(model, make_model, path):
    torch.save([model.state_dict()], path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu")[0])
    return fresh.eval()
'''),
        Right("open file objects, assign=True, and eval() on its own line", source='''
def save_and_reload(model, make_model, path):
    with open(path, "wb") as f:
        torch.save(model.state_dict(), f)
    fresh = make_model()
    with open(path, "rb") as f:
        fresh.load_state_dict(torch.load(f, map_location="cpu"), assign=True)
    fresh.eval()
    return fresh
'''),
    ],
    "ex6_3_strip_prefix": [
        Wrong("strips the prefix as many times as it repeats (the review's answer)", says="The prefix is removed once",
              source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    out = OrderedDict()
    for key, tensor in state_dict.items():
        while key.startswith(prefix):
            key = key[len(prefix):]
        out[key] = tensor
    return out
'''),
        Wrong("tests `prefix in key` instead of key.startswith(prefix)", says="Only keys that start with the prefix change", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    return OrderedDict((key[len(prefix):] if prefix in key else key, tensor) for key, tensor in state_dict.items())
'''),
        Wrong("uses str.lstrip, which strips characters", says="str.lstrip and str.strip remove a set of characters", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    """A new OrderedDict: keys starting with prefix lose it, other keys stay; tensors unchanged."""
    return OrderedDict((key.lstrip(prefix), tensor) for key, tensor in state_dict.items())
'''),
        Wrong("uses str.replace, which also rewrites the middle of keys", says="Only a prefix at the start", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    """A new OrderedDict: keys starting with prefix lose it, other keys stay; tensors unchanged."""
    return OrderedDict((key.replace(prefix, ""), tensor) for key, tensor in state_dict.items())
'''),
        Wrong("cuts len(prefix) characters from every key", says="without the prefix", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    """A new OrderedDict: keys starting with prefix lose it, other keys stay; tensors unchanged."""
    return OrderedDict((key[len(prefix):], tensor) for key, tensor in state_dict.items())
'''),
        Wrong("renames the keys in place in the given dict", says="modified the state_dict it was given", source='''
def strip_prefix(state_dict, prefix="module."):
    """A new OrderedDict: keys starting with prefix lose it, other keys stay; tensors unchanged."""
    for key in list(state_dict):
        new_key = key[len(prefix):] if key.startswith(prefix) else key
        state_dict[new_key] = state_dict.pop(key)
    return state_dict
'''),
        Wrong("hard-codes 'module.' and ignores the prefix argument", says="prefix argument should be honoured", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    """A new OrderedDict: keys starting with prefix lose it, other keys stay; tensors unchanged."""
    return OrderedDict((key[7:] if key.startswith("module.") else key, tensor)
                       for key, tensor in state_dict.items())
'''),
        Right("copies into a new OrderedDict, then uses torch's consume_prefix_in_state_dict_if_present", source='''
from collections import OrderedDict
from torch.nn.modules.utils import consume_prefix_in_state_dict_if_present

def strip_prefix(state_dict, prefix="module."):
    """A new OrderedDict: keys starting with prefix lose it, other keys stay; tensors unchanged."""
    result = OrderedDict(state_dict)            # a new dict: the function below works in place
    consume_prefix_in_state_dict_if_present(result, prefix)
    return result
'''),
        Right("a loop with str.removeprefix", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    """A new OrderedDict: keys starting with prefix lose it, other keys stay; tensors unchanged."""
    result = OrderedDict()
    for key, tensor in state_dict.items():
        result[key.removeprefix(prefix)] = tensor
    return result
'''),
        Wrong("re.sub without re.escape: the prefix's dot matches any character", says="'module_list.0.weight'", source='''
import re
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    return OrderedDict((re.sub("^" + prefix, "", key), tensor) for key, tensor in state_dict.items())
'''),
        Wrong("strips only when every key has the prefix", says="even when other keys do not", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    if all(key.startswith(prefix) for key in state_dict):
        return OrderedDict((key[len(prefix):], tensor) for key, tensor in state_dict.items())
    return OrderedDict(state_dict)
'''),
        Wrong("keeps what follows the last occurrence of the prefix", says="Only a prefix at the start", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    return OrderedDict((key.split(prefix)[-1], tensor) for key, tensor in state_dict.items())
'''),
        Wrong("drops the first dotted component of every key", says="should be kept unchanged", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    return OrderedDict((key.split(".", 1)[1], tensor) for key, tensor in state_dict.items())
'''),
        Wrong("returns a list of (key, tensor) pairs", says="should return a dict", source='''
def strip_prefix(state_dict, prefix="module."):
    return [(key.removeprefix(prefix), tensor) for key, tensor in state_dict.items()]
'''),
        Right("a plain dict comprehension with an escaped regular expression", source='''
import re

def strip_prefix(state_dict, prefix="module."):
    pattern = re.compile("^" + re.escape(prefix))
    return {pattern.sub("", key, count=1): tensor for key, tensor in state_dict.items()}
'''),
    ],
    "ex6_4_load_matching": [
        Wrong("relies on strict=False to skip the mismatched head", says="strict=False still refuses a size mismatch", source='''
def load_matching(model, state_dict):
    """Load the entries whose name and shape fit model; return the sorted skipped keys."""
    keys = model.load_state_dict(state_dict, strict=False)
    return sorted(keys.unexpected_keys)
'''),
        Wrong("filters by name only, not by shape", says="strict=False still refuses a size mismatch", source='''
def load_matching(model, state_dict):
    """Load the entries whose name and shape fit model; return the sorted skipped keys."""
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own}
    model.load_state_dict(fits, strict=False)
    return sorted(k for k in state_dict if k not in fits)
'''),
        Wrong("returns the loaded keys instead of the skipped ones", says="sorted list of skipped keys", source='''
def load_matching(model, state_dict):
    """Load the entries whose name and shape fit model; return the sorted skipped keys."""
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(fits, strict=False)
    return sorted(fits)
'''),
        Wrong("copies parameters only, so buffers are never loaded", says="Buffers (BatchNorm's running_mean", source='''
def load_matching(model, state_dict):
    """Load the entries whose name and shape fit model; return the sorted skipped keys."""
    loaded = set()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name in state_dict and state_dict[name].shape == p.shape:
                p.copy_(state_dict[name])
                loaded.add(name)
    return sorted(k for k in state_dict if k not in loaded)
'''),
        Wrong("deletes the mismatched entries from the given dict", says="modified the state_dict it was given", source='''
def load_matching(model, state_dict):
    """Load the entries whose name and shape fit model; return the sorted skipped keys."""
    own = model.state_dict()
    skipped = sorted(k for k, v in state_dict.items() if k not in own or own[k].shape != v.shape)
    for k in skipped:
        del state_dict[k]
    model.load_state_dict(state_dict, strict=False)
    return skipped
'''),
        Right("copies into the state_dict's tensors, which share storage with the model", source='''
def load_matching(model, state_dict):
    """Load the entries whose name and shape fit model; return the sorted skipped keys."""
    own = model.state_dict()
    skipped = []
    for key, tensor in state_dict.items():
        if key in own and own[key].shape == tensor.shape:
            own[key].copy_(tensor)
        else:
            skipped.append(key)
    return sorted(skipped)
'''),
        Wrong("returns the skipped keys unsorted", says="sorted list of skipped keys", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    skipped = [k for k, v in state_dict.items() if k not in own or own[k].shape != v.shape]
    model.load_state_dict({k: v for k, v in state_dict.items() if k not in skipped}, strict=False)
    return skipped
'''),
        Wrong("returns load_state_dict's missing_keys, the model's side", says="Keys the model does not have", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].shape == v.shape}
    return sorted(model.load_state_dict(fits, strict=False).missing_keys)
'''),
        Wrong("compares only the first dimension, len(tensor): BatchNorm's 0-d counter makes it crash", says="len() compares only the first dimension", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and len(own[k]) == len(v)}
    model.load_state_dict(fits, strict=False)
    return sorted(k for k in state_dict if k not in fits)
'''),
        Wrong("compares the number of elements, not the shape", says="whole shape", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].numel() == v.numel()}
    model.load_state_dict(fits, strict=False)
    return sorted(k for k in state_dict if k not in fits)
'''),
        Wrong("rebinds the entries of model.state_dict() instead of copying into them", says="should be loaded into the model", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    skipped = []
    for key, tensor in state_dict.items():
        if key in own and own[key].shape == tensor.shape:
            own[key] = tensor
        else:
            skipped.append(key)
    return sorted(skipped)
'''),
        Right("merges the fitting entries over the model's own state_dict and loads strictly", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and v.shape == own[k].shape}
    model.load_state_dict({**own, **fits})
    return sorted(set(state_dict) - set(fits))
'''),
    ],
    "ex6_5_checkpoint": [
        Wrong("saves the model and epoch but not the optimizer", says="optimizer state (Adam's step", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    """Save model, optimizer, epoch and both random states to path (a weights-only file)."""
    torch.save({"model": model.state_dict(), "epoch": epoch,
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Wrong("loads the optimizer state into a new optimizer, a local name", says="optimizer state (Adam's step", source=_SAVE_CHECKPOINT + '''

def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer = torch.optim.Adam(model.parameters())
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Wrong("forgets the data-order generator", says="data-order generator was not restored", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    """Save model, optimizer, epoch and both random states to path (a weights-only file)."""
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "torch_rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Wrong("forgets torch's global RNG, which dropout uses", says="global RNG", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    """Save model, optimizer, epoch and both random states to path (a weights-only file)."""
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "generator": generator.get_state()}, path)


def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    return checkpoint["epoch"]
'''),
        Wrong("returns the next epoch, epoch + 1", says="should return the saved epoch", source=_SAVE_CHECKPOINT + '''

def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"] + 1
'''),
        Wrong("pickles the model and optimizer objects", says="weights_only=True) refused your checkpoint", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    """Save model, optimizer, epoch and both random states to path (a weights-only file)."""
    torch.save({"model": model, "optimizer": optimizer, "epoch": epoch,
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"].state_dict())
    optimizer.load_state_dict(checkpoint["optimizer"].state_dict())
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Right("a tuple-free layout with torch.random's functions and a cloned state", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    """Save model, optimizer, epoch and both random states to path (a weights-only file)."""
    checkpoint = dict(
        epoch=epoch,
        weights=model.state_dict(),
        optim=optimizer.state_dict(),
        rng={"data": generator.get_state(), "global": torch.random.get_rng_state()},
    )
    torch.save(checkpoint, path)


def load_checkpoint(path, model, optimizer, generator):
    """Restore model, optimizer and both random states in place; return the saved epoch."""
    checkpoint = torch.load(path, map_location=torch.device("cpu"), weights_only=True)
    optimizer.load_state_dict(checkpoint["optim"])
    model.load_state_dict(checkpoint["weights"])
    torch.random.set_rng_state(checkpoint["rng"]["global"])
    generator.set_state(checkpoint["rng"]["data"].clone())
    return int(checkpoint["epoch"])
'''),
        Wrong("saves the generator's seed and re-seeds it, which restarts its stream", says="restarts its stream from the beginning", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "seed": generator.initial_seed(), "torch_rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.manual_seed(checkpoint["seed"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Wrong("re-seeds torch's global RNG with its initial seed instead of restoring its state", says="global RNG", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "generator": generator.get_state(), "torch_seed": torch.initial_seed()}, path)


def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    _ = torch.manual_seed(checkpoint["torch_seed"])
    return checkpoint["epoch"]
'''),
        Wrong("load_checkpoint forgets to return the epoch", says="yours returns None", source=_SAVE_CHECKPOINT + '''

def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
'''),
        Wrong("saves the torch.Generator object itself", says="weights_only=True) refused your checkpoint", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "generator": generator, "torch_rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"].get_state())
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Wrong("restores the generator state into a new local generator", says="data-order generator was not restored", source=_SAVE_CHECKPOINT + '''

def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator = torch.Generator()
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Wrong("saves the epoch about to start, epoch + 1", says="should return the saved epoch", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch + 1,
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, path)
''' + _LOAD_CHECKPOINT),
        Right("a tuple of states, deep-copied state_dicts, and a plain int epoch", source='''
import copy


def save_checkpoint(path, model, optimizer, epoch, generator):
    states = (copy.deepcopy(model.state_dict()), copy.deepcopy(optimizer.state_dict()))
    rngs = (generator.get_state(), torch.get_rng_state())
    torch.save({"states": states, "rngs": rngs, "epoch": int(epoch)}, path)


def load_checkpoint(path, model, optimizer, generator):
    saved = torch.load(path, weights_only=True)
    model_state, optimizer_state = saved["states"]
    data_rng, global_rng = saved["rngs"]
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    generator.set_state(data_rng)
    torch.set_rng_state(global_rng)
    return saved["epoch"]
'''),
    ],
}


# Third review round (issue 13): answers right only on the visible example's sizes, dtypes or
# structure, contract rules no output shows (model(x) vs model.forward(x), work done twice,
# generator=None, stale gradients), and answers that used to end in a raw traceback.
_THIRD_REVIEW = {
    "ex6_1_reference_or_copy": [
        Wrong("leaves the answer as None", says="one of the letters", source='''
answer_6_1 = None
'''),
        Wrong("the copy option, in parentheses", says="does not copy", source='''
answer_6_1 = "(a)"
'''),
        Right("the letter in parentheses", source='''
answer_6_1 = "(b)"
'''),
    ],
    "ex6_2_save_and_reload": [
        Wrong("switches the original model to eval mode while saving", says="switched the original model to eval mode",
              source='''
def save_and_reload(model, make_model, path):
    torch.save(model.eval().state_dict(), path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu"))
    return fresh.eval()
'''),
        Wrong("builds the fresh model with type(model)() instead of make_model()", says="build the fresh model with make_model()",
              source='''
def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    fresh = type(model)()
    fresh.load_state_dict(torch.load(path, map_location="cpu"))
    return fresh.eval()
'''),
        Right("saves a dict of cloned tensors and loads it memory-mapped", source='''
def save_and_reload(model, make_model, path):
    torch.save({name: tensor.clone() for name, tensor in model.state_dict().items()}, path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu", weights_only=True, mmap=True))
    return fresh.eval()
'''),
    ],
    "ex6_3_strip_prefix": [
        Wrong("returns the dict it was given when no key has the prefix", says="returned the dict it was given", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    if not any(key.startswith(prefix) for key in state_dict):
        return state_dict
    return OrderedDict((key[len(prefix):] if key.startswith(prefix) else key, tensor)
                       for key, tensor in state_dict.items())
'''),
        Wrong("splits off the first dotted component, which only fits a one-word prefix", says="len(prefix) characters", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    return OrderedDict((key.split(".", 1)[1] if key.startswith(prefix) else key, tensor)
                       for key, tensor in state_dict.items())
'''),
        Right("str.partition on keys that start with the prefix", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    out = OrderedDict()
    for key, tensor in state_dict.items():
        out[key.partition(prefix)[2] if key.startswith(prefix) else key] = tensor
    return out
'''),
    ],
    "ex6_4_load_matching": [
        Wrong("puts the model's own tensors back for the skipped keys and loads strictly: a model key the checkpoint "
              "lacks makes it raise", says="a model key that the checkpoint lacks", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].shape == v.shape}
    skipped = sorted(k for k in state_dict if k not in fits)
    merged = dict(fits)
    for k in skipped:
        if k in own:
            merged[k] = own[k]
    model.load_state_dict(merged)
    return skipped
'''),
        Wrong("returns every key that was not loaded, the model's own missing keys included", says="only keys of the state_dict",
              source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(fits, strict=False)
    return sorted((set(own) | set(state_dict)) - set(fits))
'''),
        Wrong("loads with assign=True, so a float64 checkpoint turns the model's tensors into float64 ones",
              says="keep the model's own dtype", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(fits, strict=False, assign=True)
    return sorted(k for k in state_dict if k not in fits)
'''),
        Wrong("also skips entries whose dtype differs", says="a different dtype still fits", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items()
            if k in own and own[k].shape == v.shape and own[k].dtype == v.dtype}
    model.load_state_dict(fits, strict=False)
    return sorted(k for k in state_dict if k not in fits)
'''),
        Right("copies into named parameters and buffers under no_grad", source='''
def load_matching(model, state_dict):
    targets = dict(model.named_parameters())
    targets.update(model.named_buffers())
    skipped = []
    with torch.no_grad():
        for key, tensor in state_dict.items():
            if key in targets and targets[key].size() == tensor.size():
                targets[key].copy_(tensor)
            else:
                skipped.append(key)
    skipped.sort()
    return skipped
'''),
    ],
    "ex6_5_checkpoint": [
        Wrong("saves the epoch as a tensor and returns that tensor", says="as a Python int", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": torch.tensor(epoch),
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, path)
''' + _LOAD_CHECKPOINT),
        Wrong("treats path as a folder and saves into os.path.join(path, 'checkpoint.pt')", says="a file name", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()},
               os.path.join(path, "checkpoint.pt"))


def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(os.path.join(path, "checkpoint.pt"))
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Wrong("adds a .pt suffix to path on both sides", says="no file is there", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, path + ".pt")


def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path + ".pt")
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
        Right("open file objects on both sides", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    with open(path, "wb") as f:
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                    "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, f)


def load_checkpoint(path, model, optimizer, generator):
    with open(path, "rb") as f:
        checkpoint = torch.load(f, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return checkpoint["epoch"]
'''),
    ],
}

for _grade_id, _answers in _THIRD_REVIEW.items():
    ANSWERS[_grade_id] += _answers


# Fourth review round: wrong answers that the tests accepted, told with a misleading sentence or
# let end in a raw traceback, and the ways of testing that now catch them: a spy on torch.load's
# arguments, a BatchNorm save that raises, a default argument, a prefix without a dot and an int
# buffer, a strict load after filtering, shapes that copy_ would broadcast, a returned set, the
# parameters' order (the tests call positionally) and exceptions told by what raised them.
_SAVE_AND_RELOAD = '''
def save_and_reload(model, make_model, path):
    torch.save({saved}, path)
    fresh = {fresh}
    fresh.load_state_dict(torch.load(path{load_args}){strict})
    return fresh.eval()
'''


def _save_and_reload(saved="model.state_dict()", fresh="make_model()", load_args=', map_location="cpu"', strict=""):
    return _SAVE_AND_RELOAD.format(saved=saved, fresh=fresh, load_args=load_args, strict=strict)


_STRIP = '''
from collections import OrderedDict


def strip_prefix(state_dict, prefix={default}):
    return OrderedDict(({key}, {tensor}) for key, tensor in state_dict.items())
'''


def _strip(default='"module."', key="key[len(prefix):] if key.startswith(prefix) else key", tensor="tensor"):
    return _STRIP.format(default=default, key=key, tensor=tensor)


_LOAD_MATCHING = '''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {{key: tensor for key, tensor in state_dict.items() if key in own and {fits}}}
    model.load_state_dict(fits{strict})
    return {returned}
'''


def _load_matching(fits="own[key].shape == tensor.shape", strict=", strict=False",
                   returned="sorted(key for key in state_dict if key not in fits)"):
    return _LOAD_MATCHING.format(fits=fits, strict=strict, returned=returned)


_SAVE_FULL = _SAVE_CHECKPOINT
_LOAD_FULL = '''
def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path{load_args})
    {model_line}
    optimizer.load_state_dict(checkpoint["optimizer"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["torch_rng"])
    return {returned}
'''


def _load_full(load_args="", model_line='model.load_state_dict(checkpoint["model"])', returned='checkpoint["epoch"]'):
    return _LOAD_FULL.format(load_args=load_args, model_line=model_line, returned=returned)


_FOURTH_REVIEW = {
    "ex6_1_reference_or_copy": [
        Wrong("writes the letter without quotes, so answer_6_1 is never defined (NameError)",
              says="answer_6_1 is not defined (NameError)", source='''
answer_6_1 = b
'''),
    ],
    "ex6_2_save_and_reload": [
        Wrong("loads the file with weights_only=False", says="yours passed weights_only=False",
              source=_save_and_reload(load_args=', map_location="cpu", weights_only=False')),
        Wrong("uses make_model itself instead of calling it", says="call it, make_model()", source=_save_and_reload(fresh="make_model")),
        Wrong("saves named_parameters() only and loads strictly, which raises on BatchNorm's buffers (it used to end in a raw "
              "traceback)", says="with a BatchNorm1d layer save_and_reload raised",
              source=_save_and_reload(saved="dict(model.named_parameters())")),
        Right("loads with strict=False into the same architecture", source=_save_and_reload(strict=", strict=False")),
    ],
    "ex6_3_strip_prefix": [
        Wrong("gives the prefix the default 'model.' instead of 'module.'", says='the default prefix should be "module."',
              source=_strip(default='"model."')),
        Wrong("assumes the prefix ends with a dot and cuts one character more than its stem",
              says="A prefix need not end with a dot",
              source=_strip(key="key[len(prefix.rstrip('.')) + 1:] if key.startswith(prefix) else key")),
        Wrong("converts every tensor to float, which changes int64 buffers", says="int64 buffer", source=_strip(tensor="tensor.float()")),
        Wrong("builds the new dict but forgets to return it", says="not NoneType", source='''
from collections import OrderedDict


def strip_prefix(state_dict, prefix="module."):
    new = OrderedDict()
    for key, tensor in state_dict.items():
        new[key[len(prefix):] if key.startswith(prefix) else key] = tensor
'''),
        Right("copies with dict() and renames the prefixed keys with pop", source='''
def strip_prefix(state_dict, prefix="module."):
    out = dict(state_dict)
    for key in list(out):
        if key.startswith(prefix):
            out[key[len(prefix):]] = out.pop(key)
    return out
'''),
    ],
    "ex6_4_load_matching": [
        Wrong("filters the entries, then loads them strictly, which refuses the keys left out",
              says="a strict load_state_dict refuses the keys you left out", source=_load_matching(strict="")),
        Wrong("returns the skipped keys as a set", says="yours returns a set",
              source=_load_matching(returned="{key for key in state_dict if key not in fits}")),
        Wrong("compares the number of dimensions and swallows load_state_dict's size-mismatch error",
              says="compare the whole shapes", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {key: tensor for key, tensor in state_dict.items() if key in own and own[key].dim() == tensor.dim()}
    try:
        model.load_state_dict(fits, strict=False)
    except RuntimeError:
        pass
    return sorted(key for key in state_dict if key not in fits)
'''),
        Wrong("copies each entry with copy_ and skips the ones that raise, so broadcastable shapes slip in",
              says="though copy_ would broadcast", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    skipped = []
    for key, tensor in state_dict.items():
        try:
            own[key].copy_(tensor)
        except Exception:
            skipped.append(key)
    return sorted(skipped)
'''),
        Wrong("returns load_state_dict's unexpected_keys, empty once the entries are filtered", says="is skipped and listed",
              source=_load_matching(returned="sorted(model.load_state_dict(fits, strict=False).unexpected_keys)")),
    ],
    "ex6_5_checkpoint": [
        Wrong("takes generator before epoch in save_checkpoint", says="should come in the order",
              source=_SAVE_FULL.replace("path, model, optimizer, epoch, generator", "path, model, optimizer, generator, epoch")
              + _load_full()),
        Wrong("saves and restores the CUDA generator's state instead of the CPU's", says="torch.get_rng_state() (the CPU's)",
              source=_SAVE_FULL.replace("torch.get_rng_state()", "torch.cuda.get_rng_state()")
              + _load_full().replace("torch.set_rng_state", "torch.cuda.set_rng_state")),
        Wrong("returns the epoch as a float", says="as a Python int", source=_SAVE_FULL + _load_full(returned='float(checkpoint["epoch"])')),
        Wrong("loads the weights into a deep copy of the model", says="not restored in place", source=_SAVE_FULL + _load_full(
            model_line='model = copy.deepcopy(model)\n    model.load_state_dict(checkpoint["model"])')),
        Right("loads the model with strict=False and the file with weights_only=False", source=_SAVE_FULL + _load_full(
            load_args=", weights_only=False", model_line='model.load_state_dict(checkpoint["model"], strict=False)')),
    ],
}

for _grade_id, _answers in _FOURTH_REVIEW.items():
    ANSWERS[_grade_id] += _answers

_MORE = {
    "ex6_2_save_and_reload": [
        Right("puts the fresh model in eval mode before loading into it", source='''
def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    fresh = make_model().eval()
    fresh.load_state_dict(torch.load(path, map_location="cpu"))
    return fresh
'''),
    ],
    "ex6_4_load_matching": [
        Wrong("accepts equal element counts and dimensions and reshapes the entry to fit", says="Compare the whole shape", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].numel() == v.numel() and own[k].dim() == v.dim()}
    model.load_state_dict({k: v.reshape(own[k].shape) for k, v in fits.items()}, strict=False)
    return sorted(k for k in state_dict if k not in fits)
'''),
        Right("named parameters and buffers as the model's side", source='''
def load_matching(model, state_dict):
    own = {**dict(model.named_parameters()), **dict(model.named_buffers())}
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(fits, strict=False)
    return sorted(k for k in state_dict if k not in fits)
'''),
    ],
    "ex6_5_checkpoint": [
        Wrong("restores only the optimizer's learning rates, not its state", says="The optimizer state", source=_SAVE_FULL + _load_full(
            model_line='model.load_state_dict(checkpoint["model"])\n    for group, saved in zip(optimizer.param_groups, checkpoint["optimizer"]["param_groups"]):\n        group["lr"] = saved["lr"]').replace(
            '    optimizer.load_state_dict(checkpoint["optimizer"])\n', '')),
    ],
}

for _grade_id, _answers in _MORE.items():
    ANSWERS[_grade_id] += _answers


# Fifth review round (held-out set D): a file whose tensors claim a GPU no machine has (so
# only map_location="cpu" loads it, on a CPU and a GPU machine alike), answers that return
# nothing or a tuple, a prefix without its default, copies into parameters outside no_grad,
# and a checkpoint that draws from the generator it saves.
_SAVE_AND_RELOAD_D = '''
def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    fresh = make_model()
    {load}
    {ret}
'''
_SAVE_D = '''
def save_checkpoint(path, model, optimizer, epoch, generator):{before}
    torch.save({{"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                "generator": generator.get_state(), "rng": torch.get_rng_state()}}, path)
'''
_LOAD_D = '''
def load_checkpoint(path, model, optimizer, generator):
    ck = torch.load(path, map_location="cpu")
    model.load_state_dict(ck["model"])
    optimizer.load_state_dict(ck["optimizer"])
    generator.set_state(ck["generator"])
    torch.set_rng_state(ck["rng"]){after}
    return ck["epoch"]
'''


def _sr_d(load='fresh.load_state_dict(torch.load(path, map_location="cpu"))', ret="return fresh.eval()"):
    return _SAVE_AND_RELOAD_D.format(load=load, ret=ret)


_FIFTH_REVIEW = {
    "ex6_2_save_and_reload": [
        Wrong("loads without map_location, which fails on a file saved on a GPU", says='map_location="cpu"', source=_sr_d(
            load="fresh.load_state_dict(torch.load(path))")),
        Wrong("makes the fresh model first, and loads with weights_only=True but no map_location", says="without map_location torch.load puts them back", source='''
def save_and_reload(model, make_model, path):
    fresh = make_model()
    torch.save(model.state_dict(), path)
    fresh.load_state_dict(torch.load(path, weights_only=True))
    return fresh.eval()
'''),
        Wrong("calls eval() but returns nothing", says="yours returns nothing", source=_sr_d(ret="fresh.eval()")),
        Wrong("returns the model and load_state_dict's result as a tuple", says="not a tuple", source=_sr_d(
            load='keys = fresh.load_state_dict(torch.load(path, map_location="cpu"))', ret="return fresh.eval(), keys")),
        Right("map_location as a function that keeps each storage where it was deserialized (the CPU)", source=_sr_d(
            load="fresh.load_state_dict(torch.load(path, map_location=lambda storage, location: storage))")),
        Right("map_location as a torch.device", source=_sr_d(
            load='fresh.load_state_dict(torch.load(path, map_location=torch.device("cpu"), weights_only=True))')),
    ],
    "ex6_3_strip_prefix": [
        Wrong("gives prefix no default value", says='should default to "module."', source='''
from collections import OrderedDict
def strip_prefix(state_dict, prefix):
    return OrderedDict((k[len(prefix):] if k.startswith(prefix) else k, v) for k, v in state_dict.items())
'''),
        Wrong("uses str.strip, which removes characters at both ends", says="str.strip remove a set of characters", source='''
from collections import OrderedDict
def strip_prefix(state_dict, prefix="module."):
    return OrderedDict((k.strip(prefix) if k.startswith(prefix) else k, v) for k, v in state_dict.items())
'''),
        Wrong("keeps the prefixed keys and adds the stripped ones", says="should become '0.weight'", source='''
from collections import OrderedDict
def strip_prefix(state_dict, prefix="module."):
    new = OrderedDict(state_dict)
    for k, v in state_dict.items():
        if k.startswith(prefix):
            new[k[len(prefix):]] = v
    return new
'''),
        Right("a dict comprehension with str.removeprefix, wrapped in an OrderedDict", source='''
from collections import OrderedDict
def strip_prefix(state_dict, prefix="module."):
    return OrderedDict({k.removeprefix(prefix): v for k, v in state_dict.items()})
'''),
    ],
    "ex6_4_load_matching": [
        Wrong("copies into the named parameters outside torch.no_grad()", says="under torch.no_grad()", source='''
def load_matching(model, state_dict):
    own = {**dict(model.named_parameters()), **dict(model.named_buffers())}
    skipped = []
    for k, v in state_dict.items():
        if k in own and own[k].shape == v.shape:
            own[k].copy_(v)
        else:
            skipped.append(k)
    return sorted(skipped)
'''),
        Wrong("returns how many entries were skipped", says="yours returns a int", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {k: v for k, v in state_dict.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(fits, strict=False)
    return len(state_dict) - len(fits)
'''),
        Right("its own state_dict merged and loaded strictly, shapes compared as tuples", source='''
def load_matching(model, state_dict):
    merged = model.state_dict()
    skipped = []
    for k, v in state_dict.items():
        if k in merged and tuple(merged[k].shape) == tuple(v.shape):
            merged[k] = v
        else:
            skipped.append(k)
    model.load_state_dict(merged)
    return sorted(skipped)
'''),
    ],
    "ex6_5_checkpoint": [
        Wrong("save_checkpoint draws from the generator before saving its state", says="save_checkpoint changed the data-order generator's state",
              source=_SAVE_D.format(before="\n    torch.randperm(4, generator=generator)") + _LOAD_D.format(after="")),
        Wrong("save_checkpoint draws from torch's global RNG before saving its state", says="save_checkpoint changed torch's global RNG state",
              source=_SAVE_D.format(before="\n    nn.Linear(2, 2)") + _LOAD_D.format(after="")),
        Wrong("load_checkpoint builds a layer after restoring the global RNG, which draws from it", says="with nothing that draws random numbers after it",
              source=_SAVE_D.format(before="") + _LOAD_D.format(after="\n    nn.Linear(2, 2)")),
        Wrong("load_checkpoint returns the whole checkpoint dict", says="yours returns a dict",
              source=_SAVE_D.format(before="") + _LOAD_D.format(after="").replace('return ck["epoch"]', "return ck")),
        Right("a list layout, loaded onto torch.device('cpu')", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save([model.state_dict(), optimizer.state_dict(), epoch, generator.get_state(), torch.get_rng_state()], path)

def load_checkpoint(path, model, optimizer, generator):
    m, o, e, g, r = torch.load(path, map_location=torch.device("cpu"))
    model.load_state_dict(m)
    optimizer.load_state_dict(o)
    generator.set_state(g)
    torch.set_rng_state(r)
    return e
'''),
    ],
}

for _grade_id, _answers in _FIFTH_REVIEW.items():
    ANSWERS[_grade_id] += _answers

# Second review of issue 13 (held-out set of review2-4): wrong answers it found, each caught and named.
_REVIEW_2_4 = {
    "ex6_1_reference_or_copy": [
        Wrong("hedges with two letters", says="one of the letters", source='''
answer_6_1 = "a, b"
'''),
        Wrong("answers with the option's position, 2, an int", says="one of the letters", source='''
answer_6_1 = 2
'''),
    ],
    "ex6_2_save_and_reload": [
        Wrong("saves the state_dict inside a dict under 'model' and loads that entry", says="model.state_dict() itself", source='''
def save_and_reload(model, make_model, path):
    torch.save({"model": model.state_dict()}, path)
    fresh = make_model()
    fresh.load_state_dict(torch.load(path, map_location="cpu")["model"])
    return fresh.eval()
'''),
    ],
    "ex6_3_strip_prefix": [
        Wrong("escapes the prefix in a regular expression but forgets the ^ anchor", says="Only a prefix at the start", source='''
from collections import OrderedDict
import re

def strip_prefix(state_dict, prefix="module."):
    return OrderedDict((re.sub(re.escape(prefix), "", key), tensor) for key, tensor in state_dict.items())
'''),
        Wrong("decides from the first key whether every key has the prefix", says="should be kept unchanged", source='''
from collections import OrderedDict

def strip_prefix(state_dict, prefix="module."):
    if next(iter(state_dict)).startswith(prefix):
        return OrderedDict((key[len(prefix):], tensor) for key, tensor in state_dict.items())
    return OrderedDict(state_dict)
'''),
    ],
    "ex6_4_load_matching": [
        Wrong("lists the shape mismatches but not the keys the model lacks", says="Keys the model does not have", source='''
def load_matching(model, state_dict):
    own = model.state_dict()
    fits = {key: tensor for key, tensor in state_dict.items() if key in own and own[key].shape == tensor.shape}
    model.load_state_dict(fits, strict=False)
    return sorted(key for key, tensor in state_dict.items() if key in own and own[key].shape != tensor.shape)
'''),
    ],
    "ex6_5_checkpoint": [
        Wrong("saves dict(optimizer.state) and writes it back into optimizer.state (a raw KeyError before)",
              says="not by writing into optimizer.state", source='''
def save_checkpoint(path, model, optimizer, epoch, generator):
    torch.save({"model": model.state_dict(), "opt": dict(optimizer.state), "epoch": epoch,
                "generator": generator.get_state(), "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, generator):
    checkpoint = torch.load(path)
    model.load_state_dict(checkpoint["model"])
    optimizer.state.update(checkpoint["opt"])
    generator.set_state(checkpoint["generator"])
    torch.set_rng_state(checkpoint["rng"])
    return checkpoint["epoch"]
'''),
    ],
}

for _grade_id, _answers in _REVIEW_2_4.items():
    ANSWERS[_grade_id] += _answers
