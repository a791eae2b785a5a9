"""Cases for 08-choosing-a-schedule: ``scaled_lr``, ``layerwise_lr_groups``,
``cosine_restarts_lr``, ``k_decay_lr``, ``swalr_lr``.

* ``scaled_lr`` must raise ``ValueError`` for a batch size ``<= 0`` or an unknown rule, with a
  message naming the offending argument; :func:`scaled_lr_call` turns that exception into the
  string ``"ValueError"`` (a case expecting that string passes only if it was raised).
* ``layerwise_lr_groups`` takes ``torch.nn.Module`` s. Its cases describe the layers as plain
  data, a list of constructor calls of ``torch.nn`` (``"Linear(4, 3)"``), and
  :func:`groups_as_data` builds them (seed 0), calls the learner's function and returns its
  param groups as plain data: ``[[lr, "layers[i].name layers[i].name ..."], ...]``, one item
  per group, naming every parameter by the layer it belongs to. It raises when the function
  changed the layers, the list of layers, or returned tensors that are not the layers'
  parameters.
* ``cosine_restarts_lr`` and ``k_decay_lr`` are checked, besides hand-checked values and
  PyTorch, against values of the Hugging Face and timm schedulers they generalise. Neither
  package is a dependency of the course: the values below were computed once with them
  (``LIBRARY_VERSIONS``; the script is ``benchmarks/library_oracles.py``) and are recorded here as
  data. Where the libraries compute a restart with a floating-point modulo and land in the
  wrong cycle (Hugging Face from 22 cycles on), no recorded value is used: the hidden grid has
  those steps, with the exact value.
* ``swalr_lr`` is checked against PyTorch's ``torch.optim.swa_utils.SWALR``, stepped once per
  call as in :func:`autograder.learner.checks.torch_lrs`.
"""
import numpy as np

from .. import checks
from ..checks import Case, Exercise, Oracle

RAISES = "ValueError"


# --- scaled_lr ------------------------------------------------------------------------------

LINEAR = "linear rule: multiply base_lr by batch_size / base_batch_size (k times the batch, k times the lr)."
SQRT = "sqrt rule: multiply base_lr by sqrt(batch_size / base_batch_size) (4 times the batch, twice the lr)."
RATIO = "the ratio is batch_size / base_batch_size, the new batch over the one base_lr was tuned for."
TRUE_DIV = "use true division: 384 / 256 = 1.5, while 384 // 256 = 1."
SMALLER = "a smaller batch than the base one scales the lr down by the same rule."
BAD_BATCH = "raise ValueError when a batch size is <= 0, with a message naming that argument"
BAD_RULE = "raise ValueError for a rule other than 'linear' and 'sqrt', with a message naming rule"


def _invalid_argument(args):
    """The argument a correct scaled_lr must complain about, or None."""
    if args.get("rule", "linear") not in ("linear", "sqrt"):
        return "rule"
    if args["batch_size"] <= 0:
        return "batch_size"
    if args["base_batch_size"] <= 0:
        return "base_batch_size"
    return None


def scaled_lr_call(fn, args):
    """Adapter of ``scaled_lr``: ``fn(**args)``, a ValueError that names the invalid
    argument becoming "ValueError"."""
    return checks.raised_as_value(fn, args, must_name=_invalid_argument(args))


def _scaled_hidden():
    cases = []
    for base_lr in (0.1, 3e-4, 6e-4):
        for base_bs in (32, 256, 512, 4096):
            for bs in (1, 16, 100, 384, 1000, 8192, 65536):
                for rule in ("linear", "sqrt"):
                    hint = (LINEAR if rule == "linear" else SQRT) + " " + (SMALLER if bs < base_bs else RATIO)
                    if bs % base_bs and bs > base_bs:
                        hint += " " + TRUE_DIV
                    cases.append(Case({"base_lr": base_lr, "base_batch_size": base_bs, "batch_size": bs, "rule": rule},
                                      hint=hint))
    cases += [
        Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 256}, hint="the same batch: base_lr; rule defaults to 'linear'"),
        Case({"base_lr": 6e-4, "base_batch_size": 0.5e6, "batch_size": 3.2e6, "rule": "sqrt"},
             hint="batch sizes counted in tokens may be floats. " + SQRT),
        Case({"base_lr": 0.1, "base_batch_size": np.int64(256), "batch_size": np.int64(8192)},
             hint="batch sizes may be NumPy integers (return a float). " + LINEAR),
        Case({"base_lr": np.float32(1e-3), "base_batch_size": np.int32(64), "batch_size": np.int64(1024), "rule": "sqrt"},
             hint="NumPy scalars everywhere. " + SQRT),
        Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 255, "rule": "linear"}, hint=TRUE_DIV),
    ]
    for bs, base_bs, rule in ((0, 256, "linear"), (-32, 256, "sqrt"), (256, 0, "linear"), (256, -1, "sqrt"),
                              (0, 0, "linear"), (np.int64(0), 256, "sqrt")):
        cases.append(Case({"base_lr": 0.1, "base_batch_size": base_bs, "batch_size": bs, "rule": rule}, hint=BAD_BATCH))
    for rule in ("Linear", "square-root", "quadratic", ""):
        cases.append(Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 512, "rule": rule}, hint=BAD_RULE))
    return cases


# --- layerwise_lr_groups ------------------------------------------------------------------------

def _build_layers(specs):
    import torch
    from torch import nn

    torch.manual_seed(0)
    names = {n: getattr(nn, n) for n in dir(nn) if not n.startswith("_")}
    return [eval(spec, names) for spec in specs]  # noqa: S307 (case data of this module, not input)


def groups_as_data(fn, args):
    """Adapter of ``layerwise_lr_groups``: build the layers, call ``fn``, return its groups as
    ``[[lr, "layers[0].weight layers[0].bias"], ...]``."""
    import torch

    layers = _build_layers(args["layers"])
    given = list(layers)
    owner = {id(p): f"layers[{i}].{n}" for i, layer in enumerate(layers) for n, p in layer.named_parameters()}
    before = [(name, p.detach().clone(), p.requires_grad)
              for layer in layers for name, p in layer.named_parameters()]
    groups = fn(layers=layers, base_lr=args["base_lr"], decay=args["decay"])
    if len(layers) != len(given) or any(a is not b for a, b in zip(layers, given)):
        raise RuntimeError("layerwise_lr_groups changed the list of layers it was given (reversed or sorted "
                           "it in place?); iterate over it, e.g. with reversed(layers) or enumerate(layers)")
    after = [(name, p) for layer in layers for name, p in layer.named_parameters()]
    for (name, old, grad), (_, p) in zip(before, after):
        if not torch.equal(old, p.detach()) or p.requires_grad != grad:
            raise RuntimeError(f"layerwise_lr_groups changed the parameter {name} of a layer (its values or "
                               "requires_grad); it must only describe param groups")
    if not isinstance(groups, (list, tuple)):
        raise TypeError(f"layerwise_lr_groups must return a list of dicts, got {type(groups).__name__}")
    out = []
    for group in groups:
        if not isinstance(group, dict) or "params" not in group:
            raise TypeError("each param group must be a dict with the keys 'params' and 'lr'")
        params = group["params"]
        params = [params] if isinstance(params, torch.Tensor) else list(params)
        names = [owner.get(id(p), "<a tensor that is not one of the layers' parameters: a copy?>") for p in params]
        lr = group.get("lr")
        out.append([float(lr) if isinstance(lr, (int, float, np.floating, np.integer)) else lr, " ".join(names)])
    return out


ORDER = ("the output layer (the LAST of layers) gets base_lr; each layer below gets decay times the "
         "one above: lr_i = base_lr * decay ** (len(layers) - 1 - i).")
ONE_GROUP = "one param group per layer, in the order of layers, holding ALL that layer's parameters (weights and biases)."
SAME_PARAMS = "put the layer's own parameters in the group (list(layer.parameters())), not copies."
GEOMETRIC = "the decay is geometric: each step down multiplies by decay, it does not subtract it."


def _layer_stack(depth, width=3):
    """An embedding, depth - 2 blocks and a head, like a small transformer's layer list."""
    if depth == 1:
        return ["Linear(4, 2)"]
    blocks = [f"Sequential(Linear({width}, {width}), ReLU(), LayerNorm({width}))" if i % 2 else f"Linear({width}, {width})"
              for i in range(depth - 2)]
    return [f"Embedding(10, {width})"] + blocks + [f"Linear({width}, 2, bias=False)"]


def _layerwise_hidden():
    cases = []
    for depth in (1, 2, 3, 6, 13):
        for base_lr, decay in ((1e-3, 0.65), (5e-5, 0.9), (0.01, 1 / 2.6), (2e-4, 1.0), (1.0, 0.5)):
            hint = ORDER + " " + ONE_GROUP
            if decay == 1.0:
                hint = "decay = 1: every layer gets base_lr. " + ONE_GROUP
            cases.append(Case({"layers": _layer_stack(depth), "base_lr": base_lr, "decay": decay}, hint=hint))
    cases += [
        Case({"layers": ["Conv2d(1, 2, 3)", "BatchNorm2d(2)", "Linear(8, 3)"], "base_lr": 0.1, "decay": 0.8},
             hint="any module with parameters is a layer; BatchNorm has a weight and a bias. " + ORDER),
        Case({"layers": ["Linear(2, 2, bias=False)", "Linear(2, 2, bias=False)"], "base_lr": 3e-4, "decay": 0.75},
             hint="layers without a bias have one parameter. " + ORDER),
        Case({"layers": _layer_stack(4), "base_lr": np.float64(1e-3), "decay": np.float64(0.8)},
             hint="base_lr and decay may be NumPy floats. " + ORDER),
        Case({"layers": _layer_stack(25), "base_lr": 1e-4, "decay": 0.75},
             hint="24 layers below the head: the embedding gets base_lr * 0.75 ** 24. " + GEOMETRIC),
        Case({"layers": ["Linear(3, 3)"] * 5, "base_lr": 0.1, "decay": 0.5}, hint=ORDER + " " + SAME_PARAMS),
    ]
    return cases


def _layerwise_peak(args):
    depth = len(args["layers"])
    return abs(args["base_lr"]) * max(1.0, args["decay"] ** (depth - 1))


# --- cosine_restarts_lr ------------------------------------------------------------------

WARMUP = "warmup: step < warmup_steps uses base_lr * step / warmup_steps (from 0, whatever eta_min)."
RESTART = ("the cycle comes from integers: c, r = divmod(num_cycles * (step - warmup_steps), total_steps - warmup_steps); "
           "a restart (r = 0) is back at the cycle's peak.")
FLOAT_MOD = ("a floating-point modulo ((num_cycles * progress) % 1.0, as Hugging Face computes it) puts some restarts "
             "at the END of the previous cycle (lr near eta_min instead of the peak): use integer divmod.")
PHASE = "inside a cycle q = r / (total_steps - warmup_steps), and the cosine factor is (1 + cos(pi q)) / 2."
FRACTIONAL = ("cycles may have a fractional length (total_steps - warmup_steps) / num_cycles: "
              "only the integer divmod of num_cycles * (step - warmup_steps) finds them.")
DECAY = "cycle c (0-based) peaks at base_lr * cycle_decay ** c: the first cycle is not decayed."
FLOOR = ("eta_min is a fixed floor: eta_min + (base_lr * cycle_decay ** c - eta_min) * factor, "
         "the decayed PEAK comes down to eta_min, not the amplitude scaled above it.")
END = "from step total_steps on the lr stays at eta_min (no new cycle starts)."


def _restart_steps(warmup, total, cycles):
    """The first step of each cycle (c >= 1) that lies before total_steps."""
    span = total - warmup
    return sorted({warmup + -(-c * span // cycles) for c in range(1, cycles)})


def _restarts_hidden():
    cases = []
    configs = [  # warmup, total, num_cycles, cycle_decay, eta_min, base_lr
        (0, 10, 1, 1.0, 0.0, 1.0), (5, 25, 1, 1.0, 0.01, 0.1), (10, 110, 1, 0.5, 0.0, 3e-4),
        (0, 30, 3, 1.0, 0.0, 0.1), (3, 23, 2, 1.0, 0.0, 1.0), (100, 1100, 4, 0.5, 1e-5, 6e-4),
        (1, 21, 4, 0.9, 0.02, 0.1), (0, 10, 3, 1.0, 0.0, 1.0), (7, 107, 7, 0.8, 0.001, 0.05),
        (2, 14, 12, 1.0, 0.0, 1.0), (0, 2200, 22, 1.0, 0.0, 1.0), (7, 2207, 22, 0.9, 1e-4, 0.1),
        (0, 4700, 47, 1.0, 0.0, 0.3), (1000, 10**6, 5, 0.5, 3e-5, 3e-4), (0, 1, 1, 1.0, 0.0, 1.0),
        (9, 10, 1, 1.0, 0.05, 0.5), (0, 50, 5, 0.0, 0.0, 1.0), (4, 22, 3, 0.5, 0.01, 0.1),
    ]
    for warmup, total, cycles, decay, eta_min, base_lr in configs:
        span = total - warmup
        steps = {0: WARMUP if warmup else "warmup_steps=0: step 0 is the peak of cycle 0",
                 total - 1: END + " " + PHASE, total: END, total + 1: END, 10 * total + 3: END}
        if warmup:
            steps.update({1: WARMUP, warmup - 1: WARMUP, warmup: "step warmup_steps starts cycle 0 at base_lr"})
        steps[warmup + span // (2 * cycles)] = PHASE
        hint = FLOAT_MOD if cycles >= 22 else (FRACTIONAL if span % cycles else RESTART)
        for b in _restart_steps(warmup, total, cycles)[:25]:
            for s in (b - 1, b, b + 1):
                if warmup <= s < total:
                    steps[s] = hint + (" " + DECAY if decay != 1.0 else "") + (" " + FLOOR if eta_min else "")
        for s, h in sorted(steps.items()):
            cases.append(Case({"step": s, "base_lr": base_lr, "warmup_steps": warmup, "total_steps": total,
                               "num_cycles": cycles, "cycle_decay": decay, "eta_min": eta_min}, hint=h))
    cases += [
        Case({"step": 7, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 12}, hint="num_cycles=1, cycle_decay=1, eta_min=0 are the defaults"),
        Case({"step": np.int64(150), "base_lr": 1.0, "warmup_steps": np.int64(0), "total_steps": np.int64(220),
              "num_cycles": np.int64(22)}, hint="NumPy integers. " + FLOAT_MOD),
        Case({"step": np.int32(9), "base_lr": 0.1, "warmup_steps": 4, "total_steps": np.int32(22), "num_cycles": 3,
              "cycle_decay": 0.5, "eta_min": 0.01}, hint="NumPy integers. " + DECAY + " " + FLOOR),
    ]
    return cases


# --- k_decay_lr -----------------------------------------------------------------------------

K_POWER = ("k-decay raises the TIME to the power k inside the cosine: cos(pi * step**k / T_max**k); "
           "it does not raise the cosine or the factor (1 + cos) / 2 to the power k.")
K_ONE = "k = 1 is plain cosine annealing."
K_END = "step T_max gives eta_min, and every step after T_max stays there (no second wave)."
K_OFFSET = "eta_min is an offset: eta_min + (base_lr - eta_min) * (1 + cos(pi * step**k / T_max**k)) / 2."


def _k_decay_hidden():
    cases = []
    for T_max in (1, 2, 10, 100, 1000, 10**6):
        for k in (0.25, 0.5, 1.0, 1.5, 2, 3.0, 10.0):
            for base_lr, eta_min in ((1.0, 0.0), (0.1, 0.001)):
                steps = {0: "step 0 gives base_lr", T_max: K_END, T_max + 1: K_END, 10 * T_max: K_END}
                for s in (1, T_max // 4, T_max // 2, 3 * T_max // 4, T_max - 1):
                    if 0 < s < T_max:
                        steps[s] = K_POWER + (" " + K_OFFSET if eta_min else "") + (" " + K_ONE if k == 1 else "")
                for s, hint in sorted(steps.items()):
                    cases.append(Case({"step": s, "base_lr": base_lr, "T_max": T_max, "k": k, "eta_min": eta_min}, hint=hint))
    cases += [
        Case({"step": 3, "base_lr": 0.1, "T_max": 10}, hint="k defaults to 1.0 and eta_min to 0.0. " + K_ONE),
        Case({"step": np.int64(500), "base_lr": 0.1, "T_max": np.int64(1000), "k": 2.0, "eta_min": 1e-4},
             hint="step and T_max may be NumPy integers (use true division or float powers). " + K_POWER),
        Case({"step": np.int32(7), "base_lr": 1.0, "T_max": np.int32(9), "k": np.float64(0.5)},
             hint="NumPy scalars. " + K_POWER),
    ]
    return cases


# --- swalr_lr -------------------------------------------------------------------------------

S_START = "step 0 (before the first scheduler.step()) uses base_lr, the optimizer's lr when SWA starts."
S_COS = "'cos': alpha = (1 - cos(pi t)) / 2 with t = min(1, step / anneal_epochs); lr = swa_lr * alpha + base_lr * (1 - alpha)."
S_LINEAR = "'linear': alpha = t = min(1, step / anneal_epochs)."
S_HOLD = "from step anneal_epochs on the lr is swa_lr and stays there: clamp t at 1."
S_ZERO = "anneal_epochs = 0: no annealing, swa_lr at every step, step 0 included (PyTorch does the same)."
S_UP = "swa_lr may be above base_lr: the same interpolation then anneals up."


def _swalr_hidden():
    cases = []
    pairs = ((0.1, 0.05), (1.0, 0.01), (0.05, 0.5), (3e-4, 3e-5), (0.2, 0.2))
    for anneal in (0, 1, 2, 3, 10, 100, 10**4):
        for strategy in ("cos", "linear"):
            for base_lr, swa_lr in pairs:
                extra = (" " + S_UP) if swa_lr > base_lr else ""
                shape = S_COS if strategy == "cos" else S_LINEAR
                if anneal == 0:
                    steps = {0: S_ZERO, 1: S_ZERO, 5: S_ZERO, 10**6: S_ZERO}
                else:
                    steps = {0: S_START, anneal: S_HOLD, anneal + 1: S_HOLD, 5 * anneal + 2: S_HOLD, 10**6: S_HOLD}
                    for s in (1, anneal // 3, anneal // 2, anneal - 1):
                        if 0 < s < anneal:
                            steps[s] = shape + extra
                for s, hint in sorted(steps.items()):
                    cases.append(Case({"step": s, "base_lr": base_lr, "swa_lr": swa_lr, "anneal_epochs": anneal,
                                       "anneal_strategy": strategy}, hint=hint))
    cases += [
        Case({"step": 4, "base_lr": 0.1, "swa_lr": 0.05}, hint="anneal_epochs defaults to 10 and anneal_strategy to 'cos'. " + S_COS),
        Case({"step": np.int64(3), "base_lr": 0.1, "swa_lr": 0.01, "anneal_epochs": np.int64(6), "anneal_strategy": "linear"},
             hint="step and anneal_epochs may be NumPy integers. " + S_LINEAR),
        Case({"step": np.int32(12), "base_lr": 0.1, "swa_lr": 0.01, "anneal_epochs": np.int32(0)},
             hint="NumPy integers. " + S_ZERO),
    ]
    return cases


# --- values of the libraries, recorded once ------------------------------------------------

LIBRARY_VERSIONS = {"transformers": "5.24.0", "timm": "1.0.31"}

# (kind, arguments of the course's function, the library's scheduler, its learning rate at steps 0, 1, ...)
LIBRARY_VALUES = [
    ('hf_hard_restarts', {'base_lr': 1.0, 'warmup_steps': 3, 'total_steps': 23, 'num_cycles': 2},
     'get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=3, num_training_steps=23, num_cycles=2)',
     [0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 0.9755282581475768, 0.9045084971874737, 0.7938926261462366, 0.6545084971874737, 0.5, 0.34549150281252633, 0.2061073738537635, 0.09549150281252633, 0.024471741852423234, 1.0, 0.9755282581475768, 0.9045084971874737, 0.7938926261462365, 0.6545084971874738, 0.5, 0.3454915028125262, 0.2061073738537635, 0.09549150281252633, 0.02447174185242329, 0.0, 0.0, 0.0]),
    ('hf_hard_restarts', {'base_lr': 0.1, 'warmup_steps': 0, 'total_steps': 30, 'num_cycles': 3},
     'get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=0, num_training_steps=30, num_cycles=3)',
     [0.1, 0.09755282581475769, 0.09045084971874738, 0.07938926261462365, 0.06545084971874737, 0.05, 0.034549150281252626, 0.02061073738537635, 0.009549150281252633, 0.002447174185242329, 0.1, 0.09755282581475769, 0.09045084971874735, 0.07938926261462365, 0.06545084971874739, 0.05, 0.034549150281252626, 0.02061073738537635, 0.009549150281252645, 0.002447174185242329, 0.1, 0.0975528258147577, 0.0904508497187474, 0.07938926261462363, 0.06545084971874732, 0.05, 0.034549150281252626, 0.02061073738537633, 0.009549150281252645, 0.002447174185242329, 0.0, 0.0]),
    ('hf_hard_restarts', {'base_lr': 0.0003, 'warmup_steps': 10, 'total_steps': 50, 'num_cycles': 4},
     'get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=10, num_training_steps=50, num_cycles=4)',
     [0.0, 2.9999999999999997e-05, 5.9999999999999995e-05, 8.999999999999999e-05, 0.00011999999999999999, 0.00015, 0.00017999999999999998, 0.00020999999999999998, 0.00023999999999999998, 0.00027, 0.0003, 0.00029265847744427303, 0.0002713525491562421, 0.00023816778784387094, 0.0001963525491562421, 0.00015, 0.0001036474508437579, 6.183221215612904e-05, 2.8647450843757897e-05, 7.34152255572697e-06, 0.0003, 0.00029265847744427303, 0.0002713525491562421, 0.0002381677878438709, 0.00019635254915624213, 0.00015, 0.00010364745084375785, 6.183221215612904e-05, 2.8647450843757897e-05, 7.341522555726986e-06, 0.0003, 0.00029265847744427303, 0.000271352549156242, 0.00023816778784387102, 0.00019635254915624213, 0.00015, 0.00010364745084375785, 6.183221215612897e-05, 2.864745084375793e-05, 7.341522555726986e-06, 0.0003, 0.00029265847744427303, 0.000271352549156242, 0.00023816778784387102, 0.00019635254915624213, 0.00015, 0.00010364745084375785, 6.183221215612897e-05, 2.864745084375793e-05, 7.341522555726986e-06, 0.0, 0.0]),
    ('hf_min_lr', {'base_lr': 0.1, 'warmup_steps': 5, 'total_steps': 25, 'num_cycles': 1, 'eta_min': 0.01},
     'get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=5, num_training_steps=25, min_lr=0.01)',
     [0.0, 0.020000000000000004, 0.04000000000000001, 0.06, 0.08000000000000002, 0.1, 0.0994459753267812, 0.09779754323328192, 0.09509529358847656, 0.09140576474687263, 0.08681980515339464, 0.08145033635316129, 0.07542957248827961, 0.06890576474687264, 0.0620395509268104, 0.05500000000000001, 0.0479604490731896, 0.04109423525312737, 0.034570427511720396, 0.028549663646838714, 0.023180194846605363, 0.01859423525312737, 0.014904706411523451, 0.012202456766718092, 0.010554024673218806]),
    ('hf_min_lr', {'base_lr': 1.0, 'warmup_steps': 0, 'total_steps': 12, 'num_cycles': 1, 'eta_min': 0.2},
     'get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=0, num_training_steps=12, min_lr=0.2)',
     [1.0, 0.9863703305156273, 0.9464101615137757, 0.882842712474619, 0.8, 0.7035276180410084, 0.6000000000000001, 0.4964723819589917, 0.40000000000000013, 0.317157287525381, 0.2535898384862245, 0.21362966948437273]),
    ('timm_cycles', {'base_lr': 0.1, 'warmup_steps': 4, 'total_steps': 22, 'num_cycles': 3, 'cycle_decay': 0.5, 'eta_min': 0.01},
     'CosineLRScheduler(t_initial=6, lr_min=0.01, cycle_decay=0.5, cycle_limit=3, warmup_t=4, warmup_prefix=True)',
     [0.0, 0.025, 0.05, 0.07500000000000001, 0.1, 0.09397114317029975, 0.0775, 0.05500000000000001, 0.032500000000000015, 0.01602885682970026, 0.05, 0.04732050807568878, 0.04, 0.03, 0.020000000000000004, 0.012679491924311226, 0.025, 0.023995190528383295, 0.02125, 0.0175, 0.013750000000000002, 0.01100480947161671, 0.01, 0.01, 0.01]),
    ('timm_cycles', {'base_lr': 1.0, 'warmup_steps': 0, 'total_steps': 20, 'num_cycles': 2, 'cycle_decay': 0.7, 'eta_min': 0.0},
     'CosineLRScheduler(t_initial=10, lr_min=0.0, cycle_decay=0.7, cycle_limit=2, warmup_t=0, warmup_prefix=True)',
     [1.0, 0.9755282581475768, 0.9045084971874737, 0.7938926261462366, 0.6545084971874737, 0.5, 0.34549150281252633, 0.2061073738537635, 0.09549150281252633, 0.024471741852423234, 0.7, 0.6828697807033037, 0.6331559480312315, 0.5557248383023655, 0.45815594803123155, 0.35, 0.2418440519687684, 0.14427516169763444, 0.06684405196876843, 0.017130219296696263, 0.0, 0.0, 0.0]),
    ('timm_k_decay', {'base_lr': 1.0, 'T_max': 20, 'k': 2.0, 'eta_min': 0.0},
     'CosineLRScheduler(t_initial=20, lr_min=0.0, k_decay=2.0)',
     [1.0, 0.9999845788223949, 0.9997532801828658, 0.9987513982081351, 0.996057350657239, 0.9903926402016152, 0.9801468428384715, 0.9634282978200603, 0.9381533400219317, 0.9021878176350422, 0.8535533905932737, 0.7907065921599152, 0.7128896457825363, 0.6205375304165194, 0.5157053795390641, 0.4024548389919359, 0.28711035421746367, 0.17827206763311054, 0.08645971286271914, 0.0232729138404994, 0.0, 0.0, 0.0]),
    ('timm_k_decay', {'base_lr': 0.1, 'T_max': 20, 'k': 0.5, 'eta_min': 0.001},
     'CosineLRScheduler(t_initial=20, lr_min=0.001, k_decay=0.5)',
     [0.1, 0.0882804406486155, 0.07751684831002897, 0.06766221326742834, 0.058671179620345765, 0.0505, 0.04310649129955474, 0.036449991400041806, 0.03049131687301476, 0.025192721641309743, 0.020517856579598738, 0.016431730036722367, 0.012900669262088618, 0.009892282718717609, 0.007375423265802496, 0.00532015219394219, 0.003697704096482989, 0.002480452560683492, 0.0016418766626903679, 0.0011565282505817255, 0.001, 0.001, 0.001]),
    ('timm_k_decay', {'base_lr': 0.1, 'T_max': 16, 'k': 3.0, 'eta_min': 0.01},
     'CosineLRScheduler(t_initial=16, lr_min=0.01, k_decay=3.0)',
     [0.1, 0.0999999867638297, 0.09999915288771706, 0.09999035117621197, 0.09994579552923276, 0.09979334319711408, 0.09938386437600695, 0.09845173829363396, 0.0965745789630079, 0.09314711834898945, 0.08740011285826217, 0.07851832083689936, 0.06593410809564688, 0.04986851621799849, 0.032102643585560184, 0.01670713356330209, 0.01, 0.01, 0.01]),
]


def _library_cases(kinds, note):
    cases = []
    for kind, args, scheduler, values in LIBRARY_VALUES:
        if kind in kinds:
            package = "transformers" if kind.startswith("hf") else "timm"
            hint = f"{note} [{package} {LIBRARY_VERSIONS[package]}'s {scheduler} gives the expected lr]"
            cases += [Case({"step": k, **args}, v, hint) for k, v in enumerate(values)]
    return cases


EXERCISES = [
    Exercise(
        name="scaled_lr",
        visible=[
            Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 1024}, 0.4,
                 "rule defaults to 'linear': 4 times the batch, 4 times the lr. " + RATIO),
            Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 8192, "rule": "linear"}, 3.2,
                 "Goyal et al.'s ImageNet setting: 0.1 * 8192 / 256 = 3.2."),
            Case({"base_lr": 1e-3, "base_batch_size": 64, "batch_size": 256, "rule": "sqrt"}, 2e-3, SQRT),
            Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 64, "rule": "linear"}, 0.025, SMALLER),
            Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 384, "rule": "linear"}, 0.15000000000000002, TRUE_DIV),
            Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 0}, RAISES, BAD_BATCH),
            Case({"base_lr": 0.1, "base_batch_size": -256, "batch_size": 256}, RAISES, BAD_BATCH),
            Case({"base_lr": 0.1, "base_batch_size": 256, "batch_size": 512, "rule": "square"}, RAISES, BAD_RULE),
        ],
        hidden=_scaled_hidden(),
        adapter=scaled_lr_call,
    ),
    Exercise(
        name="layerwise_lr_groups",
        visible=[
            Case({"layers": ["Linear(4, 3)", "Linear(3, 3)", "Linear(3, 2)"], "base_lr": 0.1, "decay": 0.5},
                 [[0.025, "layers[0].weight layers[0].bias"], [0.05, "layers[1].weight layers[1].bias"],
                  [0.1, "layers[2].weight layers[2].bias"]],
                 ORDER + " Three layers: 0.1 * 0.5 ** 2, 0.1 * 0.5, 0.1."),
            Case({"layers": ["Embedding(10, 3)", "LayerNorm(3)", "Linear(3, 2, bias=False)"], "base_lr": 1e-3, "decay": 1.0},
                 [[1e-3, "layers[0].weight"], [1e-3, "layers[1].weight layers[1].bias"], [1e-3, "layers[2].weight"]],
                 "decay = 1: the same lr for every layer. " + ONE_GROUP),
            Case({"layers": ["Linear(2, 2)"], "base_lr": 0.3, "decay": 0.9}, [[0.3, "layers[0].weight layers[0].bias"]],
                 "a single layer is the output layer: base_lr."),
            Case({"layers": ["Sequential(Linear(2, 3), ReLU(), Linear(3, 2))", "Linear(2, 1)"], "base_lr": 2.6, "decay": 1 / 2.6},
                 [[1.0, "layers[0].0.weight layers[0].0.bias layers[0].2.weight layers[0].2.bias"],
                  [2.6, "layers[1].weight layers[1].bias"]],
                 "ULMFiT's factor 2.6: the layer below gets lr / 2.6. A layer may be a whole block: its group holds "
                 "every parameter of the block. " + SAME_PARAMS),
        ],
        hidden=_layerwise_hidden(),
        peak=_layerwise_peak,
        adapter=groups_as_data,
    ),
    Exercise(
        name="cosine_restarts_lr",
        visible=[
            Case({"step": 0, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "num_cycles": 2}, 0.0, WARMUP),
            Case({"step": 1, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "num_cycles": 2}, 0.5, WARMUP),
            Case({"step": 2, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "num_cycles": 2}, 1.0,
                 "step warmup_steps starts cycle 0 at base_lr."),
            Case({"step": 4, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "num_cycles": 2}, 0.5,
                 "two cycles of 4 steps after the warmup: step 4 is halfway through cycle 0, q = 1/2. " + PHASE),
            Case({"step": 6, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "num_cycles": 2}, 1.0,
                 "step 6 starts cycle 1: divmod(2 * 4, 8) = (1, 0). " + RESTART),
            Case({"step": 9, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "num_cycles": 2}, 0.1464466094067262,
                 "q = 3/4 in cycle 1: (1 + cos(3 pi / 4)) / 2."),
            Case({"step": 10, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "num_cycles": 2}, 0.0, END),
            Case({"step": 4, "base_lr": 1.0, "warmup_steps": 0, "total_steps": 10, "num_cycles": 3}, 0.9045084971874737,
                 "cycles of 10/3 steps: divmod(3 * 4, 10) = (1, 2), so step 4 is q = 0.2 into cycle 1, not a restart. " + FRACTIONAL),
            Case({"step": 6, "base_lr": 1.0, "warmup_steps": 0, "total_steps": 8, "num_cycles": 2, "cycle_decay": 0.5}, 0.25,
                 "cycle 1 peaks at 0.5; halfway through it the lr is 0.25. " + DECAY),
            Case({"step": 6, "base_lr": 1.0, "warmup_steps": 0, "total_steps": 8, "num_cycles": 2, "cycle_decay": 0.5,
                  "eta_min": 0.1}, 0.3, "0.1 + (0.5 - 0.1) * 1/2 = 0.3. " + FLOOR),
            Case({"step": 1, "base_lr": 1.0, "warmup_steps": 2, "total_steps": 10, "eta_min": 0.2}, 0.5,
                 "the warmup starts at 0, not at eta_min. " + WARMUP),
            Case({"step": 11, "base_lr": 1.0, "warmup_steps": 0, "total_steps": 8, "num_cycles": 2, "eta_min": 0.1}, 0.1, END),
        ] + _library_cases(("hf_hard_restarts", "hf_min_lr", "timm_cycles"), "the schedules of Hugging Face and timm."),
        hidden=_restarts_hidden(),
        oracles=[
            Oracle({"base_lr": 0.1, "warmup_steps": 0, "total_steps": 30, "num_cycles": 3}, "CosineAnnealingWarmRestarts",
                   {"T_0": 10}, 30, "without warmup and decay, equal cycles are SGDR with T_0 = cycle length (notebook 05)."),
            Oracle({"base_lr": 0.5, "warmup_steps": 0, "total_steps": 48, "num_cycles": 4, "eta_min": 0.05},
                   "CosineAnnealingWarmRestarts", {"T_0": 12, "eta_min": 0.05}, 48, FLOOR),
        ],
        peak=lambda a: max(abs(a["base_lr"]) * max(1.0, a.get("cycle_decay", 1.0) ** (a.get("num_cycles", 1) - 1)),
                           abs(a.get("eta_min", 0.0))),
    ),
    Exercise(
        name="k_decay_lr",
        visible=[
            Case({"step": 0, "base_lr": 1.0, "T_max": 10, "k": 2.0}, 1.0, "step 0 gives base_lr."),
            Case({"step": 5, "base_lr": 1.0, "T_max": 10, "k": 1.0}, 0.5, K_ONE + " Halfway: (1 + cos(pi / 2)) / 2."),
            Case({"step": 5, "base_lr": 1.0, "T_max": 10, "k": 2.0}, 0.8535533905932737,
                 "k = 2 at step 5: (5 / 10) ** 2 = 1/4, so (1 + cos(pi / 4)) / 2. " + K_POWER),
            Case({"step": 5, "base_lr": 1.0, "T_max": 10, "k": 0.5}, 0.1971500664605933,
                 "k = 1/2 at step 5: sqrt(1/2), so (1 + cos(pi * 0.7071...)) / 2: it decays EARLIER. " + K_POWER),
            Case({"step": 10, "base_lr": 0.1, "T_max": 10, "k": 3.0, "eta_min": 0.01}, 0.01, K_END),
            Case({"step": 15, "base_lr": 0.1, "T_max": 10, "k": 3.0, "eta_min": 0.01}, 0.01, K_END),
            Case({"step": 5, "base_lr": 0.3, "T_max": 10, "k": 1.0, "eta_min": 0.1}, 0.2, K_OFFSET),
        ] + _library_cases(("timm_k_decay",), "timm's k-decay."),
        hidden=_k_decay_hidden(),
        oracles=[
            Oracle({"base_lr": 0.1, "T_max": 50, "k": 1.0, "eta_min": 0.001}, "CosineAnnealingLR",
                   {"T_max": 50, "eta_min": 0.001}, 51, K_ONE),
        ],
        peak=lambda a: max(abs(a["base_lr"]), abs(a.get("eta_min", 0.0))),
    ),
    Exercise(
        name="swalr_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "swa_lr": 0.05, "anneal_epochs": 4}, 0.1, S_START),
            Case({"step": 2, "base_lr": 0.1, "swa_lr": 0.05, "anneal_epochs": 4}, 0.075,
                 "halfway (t = 1/2) the cosine's alpha is 1/2: the mean of base_lr and swa_lr. " + S_COS),
            Case({"step": 1, "base_lr": 0.1, "swa_lr": 0.05, "anneal_epochs": 4, "anneal_strategy": "linear"}, 0.0875,
                 S_LINEAR + " t = 1/4: 0.05 * 0.25 + 0.1 * 0.75."),
            Case({"step": 4, "base_lr": 0.1, "swa_lr": 0.05, "anneal_epochs": 4}, 0.05, S_HOLD),
            Case({"step": 100, "base_lr": 0.1, "swa_lr": 0.05, "anneal_epochs": 4}, 0.05, S_HOLD),
            Case({"step": 0, "base_lr": 0.1, "swa_lr": 0.05, "anneal_epochs": 0}, 0.05, S_ZERO),
            Case({"step": 1, "base_lr": 0.01, "swa_lr": 0.03, "anneal_epochs": 2, "anneal_strategy": "linear"}, 0.02, S_UP),
        ],
        hidden=_swalr_hidden(),
        oracles=[
            Oracle({"base_lr": 0.1, "swa_lr": 0.05, "anneal_epochs": 10, "anneal_strategy": "cos"}, "SWALR",
                   {"swa_lr": 0.05, "anneal_epochs": 10, "anneal_strategy": "cos"}, 15, S_COS),
            Oracle({"base_lr": 0.1, "swa_lr": 0.01, "anneal_epochs": 5, "anneal_strategy": "linear"}, "SWALR",
                   {"swa_lr": 0.01, "anneal_epochs": 5, "anneal_strategy": "linear"}, 8, S_LINEAR),
            Oracle({"base_lr": 0.05, "swa_lr": 0.5, "anneal_epochs": 3, "anneal_strategy": "cos"}, "SWALR",
                   {"swa_lr": 0.5, "anneal_epochs": 3, "anneal_strategy": "cos"}, 6, S_UP),
            Oracle({"base_lr": 1.0, "swa_lr": 0.01, "anneal_epochs": 0, "anneal_strategy": "cos"}, "SWALR",
                   {"swa_lr": 0.01, "anneal_epochs": 0, "anneal_strategy": "cos"}, 4, S_ZERO),
            Oracle({"base_lr": 0.1, "swa_lr": 0.001, "anneal_epochs": 200, "anneal_strategy": "cos"}, "SWALR",
                   {"swa_lr": 0.001, "anneal_epochs": 200, "anneal_strategy": "cos"}, 205, S_COS),
        ],
        peak=lambda a: max(abs(a["base_lr"]), abs(a["swa_lr"])),
    ),
]
