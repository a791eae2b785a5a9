"""Variants of 01-step-decay's solution cells (see tests/harness.py)."""

WRONG = {
    "step_lr": [
        ("true division", "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return base_lr * gamma ** (step / step_size)\n"),
        ("counts updates from 1", "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return base_lr * gamma ** ((step + 1) // step_size)\n"),
        ("decays only once", "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return base_lr * (gamma if step >= step_size else 1.0)\n"),
        ("wrong default gamma", "def step_lr(step, base_lr, step_size, gamma=0.5):\n    return base_lr * gamma ** (step // step_size)\n"),
    ],
    "multistep_lr": [
        ("counts milestones < step", "def multistep_lr(step, base_lr, milestones, gamma=0.1):\n    return base_lr * gamma ** sum(m < step for m in milestones)\n"),
        ("assumes sorted milestones", "def multistep_lr(step, base_lr, milestones, gamma=0.1):\n    n = 0\n    for m in milestones:\n        if m > step:\n            break\n        n += 1\n    return base_lr * gamma ** n\n"),
        ("sorts milestones in place", "import bisect\n\ndef multistep_lr(step, base_lr, milestones, gamma=0.1):\n    milestones.sort()\n    return base_lr * gamma ** bisect.bisect_right(milestones, step)\n"),
        ("a repeated milestone decays once", "def multistep_lr(step, base_lr, milestones, gamma=0.1):\n    return base_lr * gamma ** sum(m <= step for m in set(milestones))\n"),
    ],
    "exponential_lr": [
        ("gamma ** (step + 1)", "def exponential_lr(step, base_lr, gamma):\n    return base_lr * gamma ** (step + 1)\n"),
        ("linear instead of geometric", "def exponential_lr(step, base_lr, gamma):\n    return base_lr * max(0.0, 1 - (1 - gamma) * step)\n"),
        ("gamma read as a rate", "import math\n\ndef exponential_lr(step, base_lr, gamma):\n    return base_lr * math.exp(-gamma * step)\n"),
    ],
}

RIGHT = {
    "step_lr": [
        ("a loop", "def step_lr(step, base_lr, step_size, gamma=0.1):\n    lr = base_lr\n    for _ in range(step // step_size):\n        lr *= gamma\n    return lr\n"),
        ("numpy and math.floor", "import math\nimport numpy as np\n\ndef step_lr(step, base_lr, step_size, gamma=0.1):\n    return float(base_lr * np.power(gamma, math.floor(step / step_size)))\n"),
    ],
    "multistep_lr": [
        ("bisect on a sorted copy", "import bisect\n\ndef multistep_lr(step, base_lr, milestones, gamma=0.1):\n    return base_lr * gamma ** bisect.bisect_right(sorted(milestones), step)\n"),
        ("numpy count", "import numpy as np\n\ndef multistep_lr(step, base_lr, milestones, gamma=0.1):\n    n = int(np.sum(np.asarray(milestones) <= step))\n    return float(base_lr * gamma ** n)\n"),
    ],
    "exponential_lr": [
        ("a loop", "def exponential_lr(step, base_lr, gamma):\n    lr = base_lr\n    for _ in range(step):\n        lr *= gamma\n    return lr\n"),
        ("exp and log", "import math\n\ndef exponential_lr(step, base_lr, gamma):\n    return base_lr * math.exp(step * math.log(gamma))\n"),
    ],
}
