"""Variants of 03-warmup's solution cells (see tests/harness.py)."""

WRONG = {
    "linear_warmup_lr": [
        ("(step + 1) / warmup_steps",
         "def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):\n"
         "    if warmup_steps == 0:\n        return base_lr\n"
         "    done = min(step + 1, warmup_steps)\n"
         "    return base_lr * (start_factor + (1 - start_factor) * done / warmup_steps)\n"),
        ("forgets start_factor",
         "def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):\n"
         "    if warmup_steps == 0:\n        return base_lr\n"
         "    return base_lr * min(step, warmup_steps) / warmup_steps\n"),
        ("no clamp after the warmup",
         "def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):\n"
         "    if warmup_steps == 0:\n        return base_lr\n"
         "    return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)\n"),
        ("divides by warmup_steps == 0",
         "def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):\n"
         "    return base_lr * (start_factor + (1 - start_factor) * min(step, warmup_steps) / warmup_steps)\n"),
        ("max(start_factor, step / W) instead of interpolating",
         "def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):\n"
         "    if warmup_steps == 0:\n        return base_lr\n"
         "    return base_lr * max(start_factor, min(step, warmup_steps) / warmup_steps)\n"),
    ],
    "warmup_cosine_lr": [
        ("cosine progress over total_steps",
         "import math\n\n"
         "def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
         "    if step < warmup_steps:\n"
         "        return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)\n"
         "    progress = min(1.0, step / total_steps)\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * progress)) / 2\n"),
        ("progress not clamped (periodic past the end)",
         "import math\n\n"
         "def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
         "    if step < warmup_steps:\n"
         "        return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)\n"
         "    progress = (step - warmup_steps) / (total_steps - warmup_steps)\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * progress)) / 2\n"),
        ("forgets start_factor",
         "import math\n\n"
         "def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
         "    if step < warmup_steps:\n"
         "        return base_lr * step / warmup_steps\n"
         "    progress = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * progress)) / 2\n"),
        ("ignores eta_min",
         "import math\n\n"
         "def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
         "    if step < warmup_steps:\n"
         "        return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)\n"
         "    progress = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))\n"
         "    return base_lr * (1 + math.cos(math.pi * progress)) / 2\n"),
        ("(step + 1) convention in both phases",
         "import math\n\n"
         "def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
         "    if step < warmup_steps:\n"
         "        return base_lr * (start_factor + (1 - start_factor) * (step + 1) / warmup_steps)\n"
         "    progress = min(1.0, (step - warmup_steps + 1) / (total_steps - warmup_steps))\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * progress)) / 2\n"),
    ],
    "inverse_sqrt_lr": [
        ("step instead of step + 1",
         "def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):\n"
         "    return factor * d_model ** -0.5 * min(step ** -0.5, step * warmup_steps ** -1.5)\n"),
        ("max instead of min",
         "def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):\n"
         "    s = step + 1\n"
         "    return factor * d_model ** -0.5 * max(s ** -0.5, s * warmup_steps ** -1.5)\n"),
        ("warmup_steps ** -0.5 in the ramp",
         "def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):\n"
         "    s = step + 1\n"
         "    return factor * d_model ** -0.5 * min(s ** -0.5, s * warmup_steps ** -0.5)\n"),
        ("forgets factor",
         "def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):\n"
         "    s = step + 1\n"
         "    return d_model ** -0.5 * min(s ** -0.5, s * warmup_steps ** -1.5)\n"),
        ("d_model ** 0.5",
         "def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):\n"
         "    s = step + 1\n"
         "    return factor * d_model ** 0.5 * min(s ** -0.5, s * warmup_steps ** -1.5)\n"),
    ],
    "wsd_lr": [
        ("decay starts one phase early (forgets warmup_steps)",
         "import math\n\n"
         "def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear'):\n"
         "    if step < warmup_steps:\n        return base_lr * step / warmup_steps\n"
         "    p = min(1.0, max(0.0, (step - stable_steps) / decay_steps))\n"
         "    shape = {'linear': 1 - p, 'cosine': (1 + math.cos(math.pi * p)) / 2, '1-sqrt': 1 - math.sqrt(p)}[decay]\n"
         "    return eta_min + (base_lr - eta_min) * shape\n"),
        ("decay starts one step late",
         "import math\n\n"
         "def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear'):\n"
         "    if step < warmup_steps:\n        return base_lr * step / warmup_steps\n"
         "    p = min(1.0, max(0.0, (step - warmup_steps - stable_steps - 1) / decay_steps))\n"
         "    shape = {'linear': 1 - p, 'cosine': (1 + math.cos(math.pi * p)) / 2, '1-sqrt': 1 - math.sqrt(p)}[decay]\n"
         "    return eta_min + (base_lr - eta_min) * shape\n"),
        ("1-sqrt read as sqrt(1 - p)",
         "import math\n\n"
         "def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear'):\n"
         "    if step < warmup_steps:\n        return base_lr * step / warmup_steps\n"
         "    p = min(1.0, max(0.0, (step - warmup_steps - stable_steps) / decay_steps))\n"
         "    shape = {'linear': 1 - p, 'cosine': (1 + math.cos(math.pi * p)) / 2, '1-sqrt': math.sqrt(1 - p)}[decay]\n"
         "    return eta_min + (base_lr - eta_min) * shape\n"),
        ("ignores eta_min",
         "import math\n\n"
         "def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear'):\n"
         "    if step < warmup_steps:\n        return base_lr * step / warmup_steps\n"
         "    p = min(1.0, max(0.0, (step - warmup_steps - stable_steps) / decay_steps))\n"
         "    shape = {'linear': 1 - p, 'cosine': (1 + math.cos(math.pi * p)) / 2, '1-sqrt': 1 - math.sqrt(p)}[decay]\n"
         "    return base_lr * shape\n"),
        ("p not clamped after the decay",
         "import math\n\n"
         "def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear'):\n"
         "    if step < warmup_steps:\n        return base_lr * step / warmup_steps\n"
         "    if step < warmup_steps + stable_steps:\n        return base_lr\n"
         "    p = (step - warmup_steps - stable_steps) / decay_steps\n"
         "    shape = {'linear': 1 - p, 'cosine': (1 + math.cos(math.pi * p)) / 2, '1-sqrt': 1 - math.sqrt(p)}[decay]\n"
         "    return eta_min + (base_lr - eta_min) * shape\n"),
    ],
}

RIGHT = {
    "linear_warmup_lr": [
        ("piecewise, fraction of the warmup done",
         "def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):\n"
         "    if step >= warmup_steps:\n        return float(base_lr)\n"
         "    start = base_lr * start_factor\n"
         "    return start + (base_lr - start) * step / warmup_steps\n"),
        ("numpy interp",
         "import numpy as np\n\n"
         "def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):\n"
         "    if warmup_steps == 0:\n        return float(base_lr)\n"
         "    return float(np.interp(step, [0, warmup_steps], [base_lr * start_factor, base_lr]))\n"),
    ],
    "warmup_cosine_lr": [
        ("piecewise with math",
         "import math\n\n"
         "def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
         "    if step < warmup_steps:\n"
         "        return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)\n"
         "    if step >= total_steps:\n        return float(eta_min)\n"
         "    progress = (step - warmup_steps) / (total_steps - warmup_steps)\n"
         "    return eta_min + 0.5 * (base_lr - eta_min) * (1 + math.cos(math.pi * progress))\n"),
        ("numpy clip and cos",
         "import numpy as np\n\n"
         "def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
         "    ramp = start_factor + (1 - start_factor) * step / max(warmup_steps, 1)\n"
         "    progress = np.clip((step - warmup_steps) / max(total_steps - warmup_steps, 1), 0.0, 1.0)\n"
         "    cosine = eta_min + (base_lr - eta_min) * (1 + np.cos(np.pi * progress)) / 2\n"
         "    return float(base_lr * ramp if step < warmup_steps else cosine)\n"),
    ],
    "inverse_sqrt_lr": [
        ("two branches with math.sqrt",
         "import math\n\n"
         "def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):\n"
         "    s = step + 1\n"
         "    if s < warmup_steps:\n"
         "        return factor * s / (math.sqrt(d_model) * warmup_steps * math.sqrt(warmup_steps))\n"
         "    return factor / math.sqrt(d_model * s)\n"),
        ("numpy minimum",
         "import numpy as np\n\n"
         "def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):\n"
         "    s = float(step) + 1.0\n"
         "    return float(factor / np.sqrt(d_model) * np.minimum(1 / np.sqrt(s), s / warmup_steps ** 1.5))\n"),
    ],
    "wsd_lr": [
        ("phase by phase",
         "import math\n\n"
         "def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear'):\n"
         "    if step < warmup_steps:\n        return base_lr * step / warmup_steps\n"
         "    decay_start = warmup_steps + stable_steps\n"
         "    if step <= decay_start:\n        return float(base_lr)\n"
         "    if step >= decay_start + decay_steps:\n        return float(eta_min)\n"
         "    p = (step - decay_start) / decay_steps\n"
         "    if decay == 'linear':\n        shape = 1 - p\n"
         "    elif decay == 'cosine':\n        shape = 0.5 * (1 + math.cos(math.pi * p))\n"
         "    else:\n        shape = 1 - math.sqrt(p)\n"
         "    return eta_min + (base_lr - eta_min) * shape\n"),
        ("numpy clip and a table of shapes",
         "import numpy as np\n\n"
         "SHAPES = {'linear': lambda p: 1 - p, 'cosine': lambda p: (1 + np.cos(np.pi * p)) / 2,\n"
         "          '1-sqrt': lambda p: 1 - np.sqrt(p)}\n\n"
         "def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear'):\n"
         "    if step < warmup_steps:\n        return float(base_lr * step / warmup_steps)\n"
         "    p = np.clip((step - warmup_steps - stable_steps) / decay_steps, 0.0, 1.0)\n"
         "    return float(eta_min + (base_lr - eta_min) * SHAPES[decay](p))\n"),
    ],
}
