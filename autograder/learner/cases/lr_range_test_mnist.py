"""Cases for 10-lr-range-test-mnist: ``exp_lr_at``, ``smooth_losses``, ``lr_range_test``,
``suggest_lr``.

``lr_range_test`` takes a model, a loss function, an optimizer and a loader, which are not
plain data. Its cases therefore describe a small, deterministic experiment in plain data
and :func:`run_range_test` builds it (in float64, under a fixed seed), calls the learner's
function and returns one aspect of what happened (``report``):

* ``"lrs"``: the ``"lrs"`` list the function returned;
* ``"lrs used"``: the learning rate each ``optimizer.step()`` actually used (of every param
  group, when there are two);
* ``"losses"``: the ``"losses"`` list the function returned;
* ``"state"``: whether the model's state (parameters and buffers) and the optimizer's state
  (momentum buffers, Adam moments, learning rates) are back to what they were.

Experiments (``setup``):

* ``"scripted"``: the loss of batch ``k`` is exactly ``batch_losses[k]`` and its gradient is
  zero, so smoothing, the divergence stop and the cycling of the loader can be checked by
  hand;
* ``"regression"``: a linear model, mean squared error; ``"classifier"``: a small network
  with BatchNorm (buffers), cross-entropy. Both train for real.

``suggest_lr`` must raise ``ValueError`` when too few points remain; it is called through
:func:`raised_as_value`, which turns that exception into the string ``"ValueError"``.
"""
import numpy as np

from ..checks import Case, Exercise, raised_as_value

# --- exp_lr_at ---------------------------------------------------------------------------

FIRST = "iteration 0 uses start_lr: the exponent i / (num_iter - 1) is 0."
LAST = "the last iteration, i = num_iter - 1, uses end_lr exactly: divide i by num_iter - 1, not by num_iter."
GEOMETRIC = ("the sweep is geometric: each iteration multiplies the lr by (end_lr / start_lr) ** (1 / (num_iter - 1)); "
             "halfway is the geometric mean sqrt(start_lr * end_lr), not the arithmetic mean.")
PRECEDENCE = "write the exponent in parentheses: (end_lr / start_lr) ** (i / (num_iter - 1))."


def _exp_lr_hidden():
    cases = []
    ranges = [(1e-7, 10.0), (1e-5, 1.0), (1e-3, 10.0), (1e-8, 100.0), (0.1, 1e-4), (0.5, 0.5), (3e-4, 3e-1)]
    for start_lr, end_lr in ranges:
        for num_iter in (2, 3, 10, 100, 1000, 10**6):
            steps = {1: GEOMETRIC, num_iter // 2: GEOMETRIC, num_iter - 2: GEOMETRIC, 0: FIRST, num_iter - 1: LAST}
            for i, hint in sorted(steps.items()):
                cases.append(Case({"i": i, "start_lr": start_lr, "end_lr": end_lr, "num_iter": num_iter}, hint=hint))
    cases += [
        Case({"i": np.int64(50), "start_lr": 1e-7, "end_lr": 10.0, "num_iter": 101},
             hint="i may be a NumPy integer (use true division, i / (num_iter - 1))"),
        Case({"i": np.int32(3), "start_lr": 1e-4, "end_lr": 1.0, "num_iter": np.int64(5)},
             hint="i and num_iter may be NumPy integers"),
        Case({"i": 7, "start_lr": 2.0, "end_lr": 0.02, "num_iter": 9},
             hint="a decreasing sweep (end_lr < start_lr) follows the same formula"),
    ]
    return cases


# --- smooth_losses -----------------------------------------------------------------------

EMA = "s_0 = l_0, then s_i = smooth_f * l_i + (1 - smooth_f) * s_(i-1): smooth_f weights the NEW loss."
START = "the average starts AT the first loss (s_0 = l_0), not at 0; otherwise the curve starts far too low."


def _curve(n, seed, kind):
    """A loss curve of ``n`` points, as plain floats (data, no answer)."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 1.0, n)
    if kind == "noisy":
        base = 2.3 - 1.5 / (1 + np.exp(-12 * (x - 0.45))) + 4 * np.maximum(x - 0.85, 0) ** 2 * 60
        values = base * np.exp(rng.normal(0.0, 0.15, n))
    elif kind == "spiky":
        values = 1.0 + rng.random(n)
        values[rng.integers(0, n, max(1, n // 10))] *= 20
    else:  # decreasing
        values = 3.0 * np.exp(-3 * x) + 0.01 * rng.random(n)
    return [round(float(v), 6) for v in values]


def _smooth_hidden():
    cases = []
    for n in (2, 3, 10, 100, 1000):
        for j, kind in enumerate(("noisy", "spiky", "decreasing")):
            for smooth_f in (0.05, 0.5, 0.98, 0.01):
                cases.append(Case({"losses": _curve(n, 100 * n + j, kind), "smooth_f": smooth_f}, hint=EMA))
    cases += [
        Case({"losses": [], "smooth_f": 0.05}, hint="no losses: return an empty list"),
        Case({"losses": [7.25], "smooth_f": 0.3}, hint="one loss: s_0 = l_0"),
        Case({"losses": [2.0, 2.0, 2.0, 2.0, 2.0]}, hint=START),
        Case({"losses": _curve(50, 7, "noisy")}, hint="smooth_f defaults to 0.05"),
        Case({"losses": _curve(20, 8, "spiky"), "smooth_f": 1.0}, hint="smooth_f = 1 keeps the raw losses"),
        Case({"losses": tuple(_curve(12, 9, "noisy")), "smooth_f": 0.2}, hint="losses may be a tuple"),
        Case({"losses": [np.float64(v) for v in _curve(12, 10, "noisy")], "smooth_f": 0.2},
             hint="losses may hold NumPy floats"),
        Case({"losses": [5, 3, 4, 1], "smooth_f": 0.5}, hint="losses may be integers"),
    ]
    return cases


# --- lr_range_test -----------------------------------------------------------------------

class _Values(list):
    """A list of numbers whose repr stays short in failure messages."""

    def __repr__(self):
        def fmt(v):
            try:
                text = f"{float(v):.6g}"
            except (TypeError, ValueError):
                return repr(v)
            return text if any(c in text for c in ".enai") else text + ".0"  # 2.0, not 2
        if len(self) <= 8:
            return "[" + ", ".join(fmt(v) for v in self) + "]"
        return ("[" + ", ".join(fmt(v) for v in self[:3]) + ", ..., " + ", ".join(fmt(v) for v in self[-2:])
                + f"]  ({len(self)} values)")


class _Batches:
    """A re-iterable loader that is not a list: no len(), no indexing."""

    def __init__(self, batches):
        self._batches = batches

    def __iter__(self):
        return (batch for batch in self._batches)


SETUP_KEYS = ("setup", "report", "seed", "batch_losses", "batches", "batch_size", "optimizer", "loader")


def _experiment(args):
    """Model, loss function, optimizer and list of batches of one case (float64)."""
    import torch
    from torch import nn

    setup = args["setup"]
    if setup == "scripted":
        model = nn.Linear(1, 1).double()
        batches = [(torch.zeros(1, 1, dtype=torch.float64), torch.tensor([float(v)], dtype=torch.float64))
                   for v in args["batch_losses"]]

        def loss_fn(output, target):  # the batch's scripted loss, with a zero gradient
            return (output * 0.0).sum() + target.sum()
    elif setup == "regression":
        n, size = args.get("batches", 4), args.get("batch_size", 8)
        model = nn.Linear(3, 1).double()
        x = torch.randn(n * size, 3, dtype=torch.float64)
        y = x @ torch.tensor([[1.5], [-2.0], [0.5]], dtype=torch.float64) + 0.3 \
            + 0.1 * torch.randn(n * size, 1, dtype=torch.float64)
        batches = [(x[k:k + size], y[k:k + size]) for k in range(0, n * size, size)]
        loss_fn = nn.MSELoss()
    elif setup == "classifier":
        n, size = args.get("batches", 4), args.get("batch_size", 16)
        model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.Tanh(), nn.Linear(8, 3)).double()
        x = torch.randn(n * size, 4, dtype=torch.float64)
        y = (x[:, 0] + x[:, 1] > 0).long() + (x[:, 2] > 0.5).long()
        batches = [(x[k:k + size], y[k:k + size]) for k in range(0, n * size, size)]
        loss_fn = nn.CrossEntropyLoss()
    else:
        raise ValueError(f"unknown setup {setup!r}")

    kind = args.get("optimizer", "SGD(momentum=0.9)")
    if kind == "SGD(momentum=0.9)":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    elif kind == "Adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    elif kind == "SGD, two param groups":
        weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
        biases = [p for name, p in model.named_parameters() if not name.endswith("weight")]
        optimizer = torch.optim.SGD([{"params": weights}, {"params": biases, "lr": 0.02}], lr=0.01, momentum=0.9)
    else:
        raise ValueError(f"unknown optimizer {kind!r}")
    if setup != "scripted":  # a few ordinary steps first: the optimizer has state to restore
        for x, y in batches[:2]:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        for group in optimizer.param_groups:
            group["lr"] *= 1.5
    return model, loss_fn, optimizer, batches


def _same(a, b):
    """Equal nested state: dicts, lists, tensors (exactly), numbers."""
    import torch

    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        return (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.shape == b.shape
                and a.dtype == b.dtype and bool(torch.equal(a, b)))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() \
            and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b) \
            and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _call(fn, args, kwargs):
    import copy

    import torch
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(args.get("seed", 0))
    model, loss_fn, optimizer, batches = _experiment(args)
    loader_kind = args.get("loader", "list")
    if loader_kind == "list":
        loader = batches
    elif loader_kind == "iterable":
        loader = _Batches(batches)
    elif loader_kind == "DataLoader":
        xs, ys = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
        loader = DataLoader(TensorDataset(xs, ys), batch_size=len(batches[0][0]), shuffle=False)
    else:
        raise ValueError(f"unknown loader {loader_kind!r}")
    used = []
    optimizer.register_step_pre_hook(
        lambda opt, *_: used.append(tuple(g["lr"] for g in opt.param_groups)))
    model_before = copy.deepcopy(model.state_dict())
    optimizer_before = copy.deepcopy(optimizer.state_dict())
    result = fn(model, loss_fn, optimizer, loader, **kwargs)
    return result, model, optimizer, model_before, optimizer_before, used


def run_range_test(fn, args):
    """Build the experiment a case describes, call ``fn`` on it, return the ``report``ed aspect."""
    import torch

    kwargs = {k: v for k, v in args.items() if k not in SETUP_KEYS}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: threads only add waiting (measured 4x slower with 2 on 2 busy cores)
    try:
        with torch.random.fork_rng(devices=[]):  # the notebook's own random state is left alone
            result, model, optimizer, model_before, optimizer_before, used = _call(fn, args, kwargs)
    finally:
        torch.set_num_threads(threads)

    report = args["report"]
    if report == "state":
        return ("model state " + ("restored" if _same(model.state_dict(), model_before) else "CHANGED"),
                "optimizer state " + ("restored" if _same(optimizer.state_dict(), optimizer_before) else "CHANGED"))
    if report == "lrs used":
        return _Values(lrs if len(lrs) > 1 else lrs[0] for lrs in used)
    if not isinstance(result, dict) or not {"lrs", "losses"} <= set(result):
        raise TypeError(f"lr_range_test must return a dict {{'lrs': [...], 'losses': [...]}}, "
                        f"got {type(result).__name__}")
    values = result[report]
    return _Values(values) if isinstance(values, list) else values


LRS = "lrs[i] is exp_lr_at(i, start_lr, end_lr, num_iter): the first batch at start_lr, the last at end_lr."
USED = ("set group['lr'] of EVERY param group to exp_lr_at(i, ...) BEFORE the i-th optimizer.step(), "
        "so that step 0 uses start_lr.")
SMOOTHED = ("record the SMOOTHED loss: s_0 = l_0, s_i = smooth_f * l_i + (1 - smooth_f) * s_(i-1), "
            "with l_i = loss.item() of batch i.")
CYCLE = ("when the loader runs out before num_iter batches, start it again (batches = iter(loader)) "
         "and go on: one batch per iteration, in the loader's order.")
DIVERGE = ("track best = the lowest smoothed loss so far; stop right AFTER recording a smoothed loss that is "
           "strictly above diverge_th * best (that last point stays in the curve).")
CURVE = ("one batch per iteration: set the lr, zero_grad, loss = loss_fn(model(x), y), backward, step; "
         "record lr and smoothed loss; stop after the first smoothed loss above diverge_th * best.")
RESTORE = ("save copy.deepcopy(model.state_dict()) and copy.deepcopy(optimizer.state_dict()) BEFORE the test and "
           "load both before returning. state_dict() returns the live tensors: without a deep copy the "
           "'saved' state changes along with the model.")


def _range_test_hidden():
    flat = [1.0, 1.0, 1.0, 1.0]
    cases = []
    # the learning rates, returned and used (flat scripted losses: nothing diverges)
    sweeps = [{}, {"start_lr": 1e-5, "end_lr": 1.0, "num_iter": 20}, {"start_lr": 1e-3, "end_lr": 10.0, "num_iter": 2},
              {"start_lr": 1.0, "end_lr": 1e-3, "num_iter": 7}, {"start_lr": 1e-6, "end_lr": 1e-2, "num_iter": 9}]
    for sweep in sweeps:
        cases.append(Case({"setup": "scripted", "batch_losses": flat, **sweep, "report": "lrs"}, hint=LRS))
        cases.append(Case({"setup": "scripted", "batch_losses": flat, **sweep, "report": "lrs used"}, hint=USED))
    cases.append(Case({"setup": "scripted", "batch_losses": flat, "optimizer": "SGD, two param groups",
                       "start_lr": 1e-4, "end_lr": 1.0, "num_iter": 5, "report": "lrs used"}, hint=USED))
    cases.append(Case({"setup": "regression", "optimizer": "SGD, two param groups",
                       "start_lr": 1e-4, "end_lr": 0.1, "num_iter": 6, "report": "lrs used"}, hint=USED))
    # smoothing (no divergence: diverge_th is large)
    for smooth_f in (0.05, 0.3, 0.5, 0.9, 1.0):
        losses = _curve(9, int(smooth_f * 100), "noisy")
        cases.append(Case({"setup": "scripted", "batch_losses": losses, "start_lr": 1e-3, "end_lr": 1.0, "num_iter": 9,
                           "smooth_f": smooth_f, "diverge_th": 1e6, "report": "losses"}, hint=SMOOTHED))
    cases.append(Case({"setup": "scripted", "batch_losses": [3.0, 1.0, 2.0, 2.0, 0.5, 1.5], "num_iter": 6,
                       "report": "losses"}, hint=SMOOTHED + " smooth_f defaults to 0.05."))
    # cycling the loader, for three kinds of loader
    for loader in ("list", "iterable", "DataLoader"):
        for batch_losses, num_iter in (([4.0, 2.0, 1.0], 7), ([2.0], 4), ([1.0, 3.0], 5), ([5.0, 4.0, 3.0], 3)):
            cases.append(Case({"setup": "scripted", "batch_losses": batch_losses, "loader": loader, "num_iter": num_iter,
                               "start_lr": 1e-3, "end_lr": 1.0, "smooth_f": 0.5, "diverge_th": 1e6,
                               "report": "losses"}, hint=CYCLE))
    # the divergence stop
    stops = [
        ([1.0, 1.0, 1.0, 1.0, 30.0, 100.0, 100.0, 100.0], 0.5, 5.0),   # stops at index 4
        ([2.0, 10.0, 11.0, 12.0], 1.0, 5.0),                           # 10 == 5 * 2 is not above: stops at 11
        ([4.0, 1.0, 3.0, 6.0, 9.0, 1.0], 1.0, 5.0),                    # best falls to 1, then 6 > 5
        ([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0], 0.5, 4.0),
        ([3.0, 2.0, 1.0, 2.0, 3.0, 50.0], 0.05, 5.0),                  # heavy smoothing: never above
        ([1.0, 100.0, 1.0], 1.0, 1e9),                                 # a huge threshold: never stops
        ([5.0, 4.0, 4.5, 4.2, 6.0], 1.0, 1.1),                          # a small threshold
    ]
    for batch_losses, smooth_f, diverge_th in stops:
        cases.append(Case({"setup": "scripted", "batch_losses": batch_losses, "num_iter": len(batch_losses),
                           "start_lr": 1e-3, "end_lr": 1.0, "smooth_f": smooth_f, "diverge_th": diverge_th,
                           "report": "losses"}, hint=DIVERGE))
    cases.append(Case({"setup": "scripted", "batch_losses": [1.0, 1.0, 8.0, 1.0, 1.0], "num_iter": 5, "smooth_f": 1.0,
                       "start_lr": 1e-3, "end_lr": 1.0, "report": "lrs"},
                      hint="the lrs list stops together with the losses: one lr per recorded loss."))
    # real training runs: the whole smoothed curve
    runs = [
        {"setup": "regression", "start_lr": 1e-4, "end_lr": 10.0, "num_iter": 60},
        {"setup": "regression", "optimizer": "Adam", "start_lr": 1e-5, "end_lr": 10.0, "num_iter": 80, "smooth_f": 0.1},
        {"setup": "regression", "batches": 3, "start_lr": 1e-3, "end_lr": 1.0, "num_iter": 25, "loader": "iterable"},
        {"setup": "classifier", "start_lr": 1e-4, "end_lr": 100.0, "num_iter": 70},
        {"setup": "classifier", "optimizer": "Adam", "start_lr": 1e-5, "end_lr": 10.0, "num_iter": 50,
         "diverge_th": 3.0, "loader": "DataLoader"},
        {"setup": "classifier", "batches": 5, "device": "cpu"},
    ]
    for run in runs:
        cases.append(Case({**run, "report": "losses"}, hint=CURVE))
        cases.append(Case({**run, "report": "lrs"}, hint=LRS + " Stop after the first diverging point."))
    # the state after the test
    for setup in ("regression", "classifier"):
        for optimizer in ("SGD(momentum=0.9)", "Adam", "SGD, two param groups"):
            cases.append(Case({"setup": setup, "optimizer": optimizer, "start_lr": 1e-4, "end_lr": 10.0, "num_iter": 30,
                               "report": "state"}, hint=RESTORE))
    return cases


# --- suggest_lr --------------------------------------------------------------------------

RAISES = "ValueError"
STEEPEST = ("drop skip_start points at the start and skip_end at the end, then take the lr at the argmin of "
            "numpy.gradient(losses) of the points left (the steepest DEScent).")
SKIP_END_0 = "skip_end = 0 keeps every point to the end: losses[skip_start:-0] is an EMPTY list; slice to len(losses) - skip_end."
TOO_FEW = "raise ValueError when fewer than 2 points remain, i.e. len(losses) < skip_start + skip_end + 2."


def _sweep(n, start_lr=1e-7, end_lr=10.0):
    return [start_lr * (end_lr / start_lr) ** (i / (n - 1)) for i in range(n)]


def _suggest_hidden():
    cases = []
    for n in (20, 50, 100, 300):
        for j, kind in enumerate(("noisy", "decreasing", "spiky")):
            losses = _curve(n, 1000 + 10 * n + j, kind)
            for skip_start, skip_end in ((10, 5), (0, 0), (3, 0), (0, 4), (n // 2, n // 4)):
                cases.append(Case({"lrs": _sweep(n), "losses": losses, "skip_start": skip_start, "skip_end": skip_end},
                                  hint=SKIP_END_0 if skip_end == 0 and skip_start else STEEPEST))
    cases += [
        Case({"lrs": _sweep(60, 1e-5, 1.0), "losses": _curve(60, 5, "noisy")}, hint="the defaults are skip_start=10, skip_end=5"),
        Case({"lrs": [1.0, 2.0, 3.0, 4.0, 5.0], "losses": [4.0, 3.5, 2.5, 1.6, 1.5], "skip_start": 0, "skip_end": 0},
             hint="numpy.gradient uses central differences inside, (f[i+1] - f[i-1]) / 2, not np.diff."),
        Case({"lrs": [1.0, 2.0, 3.0, 4.0, 5.0], "losses": [9.0, 7.0, 5.0, 3.0, 1.0], "skip_start": 1, "skip_end": 1},
             hint="equal slopes: numpy's argmin takes the FIRST, lowest lr"),
        Case({"lrs": [0.1, 1.0], "losses": [2.0, 1.0], "skip_start": 0, "skip_end": 0},
             hint="two points are enough for numpy.gradient"),
        Case({"lrs": tuple(_sweep(30)), "losses": tuple(_curve(30, 6, "noisy")), "skip_start": 5, "skip_end": 5},
             hint="lrs and losses may be tuples"),
        Case({"lrs": _sweep(16), "losses": _curve(16, 7, "noisy"), "skip_start": 10, "skip_end": 5}, hint=TOO_FEW),
        Case({"lrs": _sweep(17), "losses": _curve(17, 8, "noisy"), "skip_start": 10, "skip_end": 5}, hint=TOO_FEW),
        Case({"lrs": _sweep(3), "losses": [3.0, 2.0, 1.0], "skip_start": 2, "skip_end": 0}, hint=TOO_FEW),
        Case({"lrs": [], "losses": [], "skip_start": 0, "skip_end": 0}, hint=TOO_FEW),
    ]
    return cases


EXERCISES = [
    Exercise(
        name="exp_lr_at",
        visible=[
            Case({"i": 0, "start_lr": 1e-7, "end_lr": 10.0, "num_iter": 100}, 1e-7, FIRST),
            Case({"i": 99, "start_lr": 1e-7, "end_lr": 10.0, "num_iter": 100}, 10.0, LAST),
            Case({"i": 2, "start_lr": 1e-3, "end_lr": 10.0, "num_iter": 5}, 0.1,
                 "i = 2 of 0..4 is halfway on a log scale: sqrt(1e-3 * 10) = 0.1. " + PRECEDENCE),
            Case({"i": 1, "start_lr": 1e-4, "end_lr": 1.0, "num_iter": 5}, 1e-3,
                 "each of the 4 steps from 1e-4 to 1.0 multiplies the lr by 10: iteration 1 uses 1e-3."),
            Case({"i": 3, "start_lr": 1e-4, "end_lr": 1.0, "num_iter": 5}, 0.1,
                 "iteration 3 of 0..4: 1e-4 * 10 ** 3 = 0.1 (use i, not i + 1)."),
            Case({"i": 1, "start_lr": 1.0, "end_lr": 0.01, "num_iter": 3}, 0.1,
                 "a decreasing sweep follows the same formula: 1.0 * 0.01 ** (1 / 2) = 0.1."),
        ],
        hidden=_exp_lr_hidden(),
        peak=lambda a: max(a["start_lr"], a["end_lr"]),
    ),
    Exercise(
        name="smooth_losses",
        visible=[
            Case({"losses": [4.0, 2.0, 1.0], "smooth_f": 0.5}, [4.0, 3.0, 2.0],
                 "s_0 = l_0 = 4; s_1 = 0.5 * 2 + 0.5 * 4 = 3; s_2 = 0.5 * 1 + 0.5 * 3 = 2. " + START),
            Case({"losses": [1.0, 3.0], "smooth_f": 0.25}, [1.0, 1.5],
                 "smooth_f weights the NEW loss: 0.25 * 3 + 0.75 * 1 = 1.5 (not 0.75 * 3 + 0.25 * 1)."),
            Case({"losses": [2.0, 2.0, 2.0, 2.0]}, [2.0, 2.0, 2.0, 2.0],
                 "a constant curve stays constant: the average starts at l_0, not at 0."),
            Case({"losses": [10.0, 0.0, 0.0]}, [10.0, 9.5, 9.025],
                 "the default smooth_f is 0.05: s_1 = 0.05 * 0 + 0.95 * 10 = 9.5."),
            Case({"losses": [1.0, 5.0, 2.0], "smooth_f": 1.0}, [1.0, 5.0, 2.0], "smooth_f = 1 keeps the raw losses."),
            Case({"losses": [], "smooth_f": 0.05}, [], "no losses: return an empty list."),
        ],
        hidden=_smooth_hidden(),
        peak=lambda a: max((abs(float(v)) for v in a["losses"]), default=1.0),
    ),
    Exercise(
        name="lr_range_test",
        visible=[
            Case({"setup": "scripted", "batch_losses": [1.0] * 5, "start_lr": 1e-4, "end_lr": 1.0, "num_iter": 5,
                  "report": "lrs"}, [1e-4, 1e-3, 1e-2, 0.1, 1.0],
                 "the returned lrs: " + LRS + " Here every step multiplies the lr by 10."),
            Case({"setup": "scripted", "batch_losses": [1.0] * 5, "optimizer": "SGD, two param groups", "start_lr": 1e-4,
                  "end_lr": 1.0, "num_iter": 5, "report": "lrs used"},
                 [(1e-4, 1e-4), (1e-3, 1e-3), (1e-2, 1e-2), (0.1, 0.1), (1.0, 1.0)],
                 "the lr that each optimizer.step() used, in each of the optimizer's two param groups (weights, "
                 "biases): " + USED),
            Case({"setup": "scripted", "batch_losses": [4.0, 2.0, 1.0], "num_iter": 6, "start_lr": 1e-3, "end_lr": 1.0,
                  "smooth_f": 0.5, "report": "losses"}, [4.0, 3.0, 2.0, 3.0, 2.5, 1.75],
                 "the loader's batches have losses 4, 2, 1. " + CYCLE + " Record smoothed losses: s_0 = 4, "
                 "s_1 = 0.5 * 2 + 0.5 * 4 = 3, ..."),
            Case({"setup": "scripted", "batch_losses": [1.0, 1.0, 1.0, 1.0, 30.0, 100.0, 100.0, 100.0], "num_iter": 8,
                  "start_lr": 1e-3, "end_lr": 1.0, "smooth_f": 0.5, "diverge_th": 5.0, "report": "losses"},
                 [1.0, 1.0, 1.0, 1.0, 15.5],
                 "s_4 = 0.5 * 30 + 0.5 * 1 = 15.5 > 5 * best = 5: " + DIVERGE),
            Case({"setup": "regression", "optimizer": "SGD(momentum=0.9)", "start_lr": 1e-4, "end_lr": 10.0,
                  "num_iter": 30, "report": "state"}, ("model state restored", "optimizer state restored"), RESTORE),
        ],
        hidden=_range_test_hidden(),
        adapter=run_range_test,
    ),
    Exercise(
        name="suggest_lr",
        visible=[
            Case({"lrs": [0.001, 0.01, 0.1, 1.0, 10.0], "losses": [3.0, 2.5, 1.5, 0.6, 0.5], "skip_start": 0,
                  "skip_end": 0}, 0.1,
                 "numpy.gradient([3.0, 2.5, 1.5, 0.6, 0.5]) is [-0.5, -0.75, -0.95, -0.5, -0.1] (central differences "
                 "inside, (f[i+1] - f[i-1]) / 2; np.diff is not the same): the steepest descent, the most NEGATIVE "
                 "slope, is at index 2, lr 0.1. Not at the lowest loss, not at the largest slope."),
            Case({"lrs": [0.001, 0.01, 0.1, 1.0, 10.0, 100.0], "losses": [2.0, 1.0, 1.9, 1.5, 1.4, 1.35],
                  "skip_start": 2, "skip_end": 1}, 0.1,
                 "skip_start=2 drops the first two points and skip_end=1 the last: the steepest slope among "
                 "[1.9, 1.5, 1.4] is at lr 0.1."),
            Case({"lrs": [0.1, 0.2, 0.3, 0.4, 0.5], "losses": [3.0, 2.9, 2.0, 1.0, 0.95], "skip_start": 1,
                  "skip_end": 0}, 0.3, SKIP_END_0),
            Case({"lrs": [0.1, 0.2, 0.3, 0.4, 0.5], "losses": [3.0, 2.0, 1.0, 2.0, 3.0], "skip_start": 2,
                  "skip_end": 2}, RAISES, TOO_FEW + " Here 5 < 2 + 2 + 2."),
        ],
        hidden=_suggest_hidden(),
        peak=lambda a: max(a["lrs"], default=1.0),
        adapter=raised_as_value,
    ),
]
