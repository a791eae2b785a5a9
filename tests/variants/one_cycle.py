"""Variants of 06-cyclical-and-one-cycle's solution cells (see tests/harness.py)."""

_CYC = "def cyclic_lr(step, base_lr, max_lr, step_size_up, step_size_down=None, mode=\"triangular\", gamma=1.0):\n"
_OCL = ("def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, anneal_strategy=\"cos\", div_factor=25.0,\n"
        "                 final_div_factor=1e4, three_phase=False):\n")
_OCM = ("def one_cycle_momentum(step, total_steps, pct_start=0.3, base_momentum=0.85, max_momentum=0.95,\n"
        "                       anneal_strategy=\"cos\", three_phase=False):\n")

# The mode scaling shared by the cyclic variants whose error lies elsewhere.
_SCALE = (
    "    if mode == \"triangular2\":\n"
    "        scale = 1 / 2 ** (cycle - 1)\n"
    "    elif mode == \"exp_range\":\n"
    "        scale = gamma ** step\n"
    "    else:\n"
    "        scale = 1.0\n"
)


def _one_cycle(head, body_values, *, bound1="float(pct_start * total_steps) - 1",
               bound2="float(2 * pct_start * total_steps) - 2", check="step < 0 or step >= total_steps",
               cos="end + (start - end) * (1 + math.cos(math.pi * pct)) / 2",
               linear="start + (end - start) * pct", strategy="anneal_strategy"):
    """A one-cycle solution in PyTorch's phase-table style, with one piece swapped out."""
    return (
        "import math\n\n" + head
        + f"    if {check}:\n"
        + "        raise ValueError(f\"step must be in [0, total_steps), got step={step}\")\n"
        + body_values
        + f"    ends = [{bound1}, {bound2}, total_steps - 1] if three_phase else [{bound1}, total_steps - 1]\n"
        + "    start_step = 0.0\n"
        + "    for i, end_step in enumerate(ends):\n"
        + "        if step <= end_step or i == len(ends) - 1:\n"
        + "            pct = (step - start_step) / (end_step - start_step)\n"
        + "            start, end = values[i], values[i + 1]\n"
        + f"            if {strategy} == \"cos\":\n"
        + f"                return {cos}\n"
        + f"            return {linear}\n"
        + "        start_step = end_step\n"
    )


_LR_VALUES = (
    "    initial_lr = max_lr / div_factor\n"
    "    min_lr = initial_lr / final_div_factor\n"
    "    values = [initial_lr, max_lr, initial_lr, min_lr] if three_phase else [initial_lr, max_lr, min_lr]\n"
)
_LR_VALUES_MAX_FINAL = _LR_VALUES.replace("min_lr = initial_lr / final_div_factor", "min_lr = max_lr / final_div_factor")
_M_VALUES = (
    "    if three_phase:\n"
    "        values = [max_momentum, base_momentum, max_momentum, max_momentum]\n"
    "    else:\n"
    "        values = [max_momentum, base_momentum, max_momentum]\n"
)
_M_VALUES_NOT_INVERTED = _M_VALUES.replace("[max_momentum, base_momentum, max_momentum, max_momentum]",
                                           "[base_momentum, max_momentum, base_momentum, base_momentum]") \
                                  .replace("[max_momentum, base_momentum, max_momentum]",
                                           "[base_momentum, max_momentum, base_momentum]")
_M_VALUES_TWO_PHASE = (
    "    values = [max_momentum, base_momentum, max_momentum]\n"
    "    three_phase = False   # momentum: always the two-phase shape\n"
)

WRONG = {
    "cyclic_lr": [
        ("the paper's x without abs", "import math\n\n" + _CYC
         + "    cycle = math.floor(1 + step / (2 * step_size_up))\n"
         + "    x = step / step_size_up - 2 * cycle + 1\n"
         + _SCALE
         + "    return base_lr + (max_lr - base_lr) * max(0.0, 1 - x) * scale\n"),
        ("step_size_down ignored (the paper's symmetric formula)", "import math\n\n" + _CYC
         + "    cycle = math.floor(1 + step / (2 * step_size_up))\n"
         + "    x = abs(step / step_size_up - 2 * cycle + 1)\n"
         + _SCALE
         + "    return base_lr + (max_lr - base_lr) * max(0.0, 1 - x) * scale\n"),
        ("triangular2 halves from the first cycle", _CYC
         + "    down = step_size_up if step_size_down is None else step_size_down\n"
         + "    cycle, pos = divmod(step, step_size_up + down)\n"
         + "    h = pos / step_size_up if pos <= step_size_up else (step_size_up + down - pos) / down\n"
         + "    scale = {\"triangular\": 1.0, \"triangular2\": 0.5 ** (cycle + 1), \"exp_range\": gamma ** step}[mode]\n"
         + "    return base_lr + (max_lr - base_lr) * h * scale\n"),
        ("exp_range uses gamma ** cycle", "import math\n\n" + _CYC
         + "    down = step_size_up if step_size_down is None else step_size_down\n"
         + "    total = step_size_up + down\n"
         + "    cycle = math.floor(1 + step / total)\n"
         + "    pos = step - (cycle - 1) * total\n"
         + "    h = pos / step_size_up if pos <= step_size_up else (total - pos) / down\n"
         + "    scale = {\"triangular\": 1.0, \"triangular2\": 1 / 2 ** (cycle - 1), \"exp_range\": gamma ** cycle}[mode]\n"
         + "    return base_lr + (max_lr - base_lr) * h * scale\n"),
        ("counts updates from 1", _CYC
         + "    down = step_size_up if step_size_down is None else step_size_down\n"
         + "    cycle, pos = divmod(step + 1, step_size_up + down)\n"
         + "    h = pos / step_size_up if pos <= step_size_up else (step_size_up + down - pos) / down\n"
         + "    scale = {\"triangular\": 1.0, \"triangular2\": 0.5 ** cycle, \"exp_range\": gamma ** step}[mode]\n"
         + "    return base_lr + (max_lr - base_lr) * h * scale\n"),
    ],
    "one_cycle_lr": [
        ("final lr = max_lr / final_div_factor", _one_cycle(_OCL, _LR_VALUES_MAX_FINAL)),
        ("integer phase boundaries", _one_cycle(_OCL, _LR_VALUES, bound1="int(pct_start * total_steps) - 1",
                                                 bound2="int(2 * pct_start * total_steps) - 2")),
        ("peak at pct_start * total_steps (no - 1)", _one_cycle(_OCL, _LR_VALUES, bound1="pct_start * total_steps",
                                                               bound2="2 * pct_start * total_steps")),
        ("cosine runs backwards", _one_cycle(_OCL, _LR_VALUES, cos="start + (end - start) * (1 + math.cos(math.pi * pct)) / 2")),
        ("no ValueError past the end (PyTorch's extrapolated value)", _one_cycle(_OCL, _LR_VALUES, check="step < 0")),
        ("linear strategy ignored", _one_cycle(_OCL, _LR_VALUES, strategy="\"cos\"")),
    ],
    "one_cycle_momentum": [
        ("momentum not inverted", _one_cycle(_OCM, _M_VALUES_NOT_INVERTED)),
        ("integer phase boundaries", _one_cycle(_OCM, _M_VALUES, bound1="int(pct_start * total_steps) - 1",
                                                 bound2="int(2 * pct_start * total_steps) - 2")),
        ("three_phase ignored for momentum", _one_cycle(_OCM, _M_VALUES_TWO_PHASE)),
        ("no ValueError past the end", _one_cycle(_OCM, _M_VALUES, check="step < 0")),
        ("linear strategy ignored", _one_cycle(_OCM, _M_VALUES, strategy="\"cos\"")),
    ],
    'mnist_schedule': [
        ("a constant rate: Adam's default 1e-3",
         "def mnist_schedule(step):\n    return 1e-3\n"),
        ("near miss: the right shape (warm-up + cosine) at too high a peak, 0.02",
         "import math\n\ndef mnist_schedule(step):\n"
         "    peak, warmup, total = 0.02, 80, 800\n"
         "    if step < warmup:\n        return peak * (step + 1) / warmup\n"
         "    return peak * (1 + math.cos(math.pi * (step - warmup) / (total - warmup))) / 2\n"),
        ("diverging: a constant 0.1",
         "def mnist_schedule(step):\n    return 0.1\n"),
    ],
}

RIGHT = {
    "cyclic_lr": [
        ("PyTorch's float formula", "import math\n\n" + _CYC
         + "    up = float(step_size_up)\n"
         + "    down = float(step_size_down) if step_size_down is not None else up\n"
         + "    total = up + down\n"
         + "    ratio = up / total\n"
         + "    cycle = math.floor(1 + step / total)\n"
         + "    x = 1.0 + step / total - cycle\n"
         + "    factor = x / ratio if x <= ratio else (x - 1) / (ratio - 1)\n"
         + _SCALE
         + "    return base_lr + (max_lr - base_lr) * factor * scale\n"),
        ("numpy interp on the cycle position", "import numpy as np\n\n" + _CYC
         + "    down = step_size_up if step_size_down is None else step_size_down\n"
         + "    total = step_size_up + down\n"
         + "    done = step // total\n"
         + "    h = np.interp(step % total, [0, step_size_up, total], [0.0, 1.0, 0.0])\n"
         + "    if mode == \"triangular\":\n"
         + "        scale = 1.0\n"
         + "    elif mode == \"triangular2\":\n"
         + "        scale = np.ldexp(1.0, -int(done))\n"
         + "    else:\n"
         + "        scale = np.power(gamma, float(step))\n"
         + "    return float(base_lr + (max_lr - base_lr) * h * scale)\n"),
    ],
    "one_cycle_lr": [
        ("PyTorch's phase table", _one_cycle(_OCL, _LR_VALUES)),
        ("explicit phases with numpy", "import numpy as np\n\n" + _OCL
         + "    if not 0 <= step < total_steps:\n"
         + "        raise ValueError(f\"step={step} is outside 0 <= step < total_steps={total_steps}\")\n"
         + "    lo = max_lr / div_factor\n"
         + "    b1 = pct_start * total_steps - 1\n"
         + "    b2 = 2 * pct_start * total_steps - 2\n"
         + "    shape = (lambda p: (1 - np.cos(np.pi * p)) / 2) if anneal_strategy == \"cos\" else (lambda p: p)\n"
         + "    if step <= b1:\n"
         + "        return float(lo + (max_lr - lo) * shape(step / b1))\n"
         + "    if not three_phase:\n"
         + "        return float(max_lr + (lo / final_div_factor - max_lr) * shape((step - b1) / (total_steps - 1 - b1)))\n"
         + "    if step <= b2:\n"
         + "        return float(max_lr + (lo - max_lr) * shape((step - b1) / (b2 - b1)))\n"
         + "    return float(lo + (lo / final_div_factor - lo) * shape((step - b2) / (total_steps - 1 - b2)))\n"),
    ],
    "one_cycle_momentum": [
        ("PyTorch's phase table", _one_cycle(_OCM, _M_VALUES)),
        ("explicit phases with numpy", "import numpy as np\n\n" + _OCM
         + "    if step < 0 or step >= total_steps:\n"
         + "        raise ValueError(f\"step={step} is outside 0 <= step < total_steps={total_steps}\")\n"
         + "    b1 = pct_start * total_steps - 1\n"
         + "    b2 = 2 * pct_start * total_steps - 2\n"
         + "    shape = (lambda p: (1 - np.cos(np.pi * p)) / 2) if anneal_strategy == \"cos\" else (lambda p: p)\n"
         + "    if step <= b1:\n"
         + "        return float(max_momentum + (base_momentum - max_momentum) * shape(step / b1))\n"
         + "    last = b2 if three_phase else total_steps - 1\n"
         + "    if step <= last:\n"
         + "        return float(base_momentum + (max_momentum - base_momentum) * shape((step - b1) / (last - b1)))\n"
         + "    return float(max_momentum)\n"),
    ],
    'mnist_schedule': [
        ("warm-up 80 + cosine from 0.006",
         "import math\n\ndef mnist_schedule(step):\n"
         "    if step < 80:\n        return 0.006 * (step + 1) / 80\n"
         "    return 0.006 * (1 + math.cos(math.pi * (step - 80) / 720)) / 2\n"),
        ("one-cycle through PyTorch's OneCycleLR, read once",
         "import torch\n\n_param = torch.nn.Parameter(torch.zeros(1))\n"
         "_opt = torch.optim.SGD([_param], lr=0.005, momentum=0.9)\n"
         "_sched = torch.optim.lr_scheduler.OneCycleLR(_opt, max_lr=0.005, total_steps=800)\n"
         "_RATES = []\nfor _ in range(800):\n    _RATES.append(_opt.param_groups[0]['lr'])\n"
         "    _opt.step()\n    _sched.step()\n\n"
         "def mnist_schedule(step):\n    return _RATES[step]\n"),
    ],
}
