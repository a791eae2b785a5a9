"""Variants of 02-cosine-annealing's solution cells (see tests/harness.py)."""

WRONG = {
    "cosine_annealing_lr": [
        ("angle over T_max - 1",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    step = min(step, T_max - 1)\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step / (T_max - 1))) / 2\n"),
        ("counts updates from 1",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    step = min(step + 1, T_max)\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step / T_max)) / 2\n"),
        ("no clamp: periodic like PyTorch",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step / T_max)) / 2\n"),
        ("eta_min added to an unscaled cosine",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    step = min(step, T_max)\n"
         "    return eta_min + base_lr * (1 + math.cos(math.pi * step / T_max)) / 2\n"),
        ("eta_min ignored",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    step = min(step, T_max)\n"
         "    return base_lr * (1 + math.cos(math.pi * step / T_max)) / 2\n"),
        ("quarter period: cos(pi/2 * t) instead of (1 + cos(pi t)) / 2",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    step = min(step, T_max)\n"
         "    return eta_min + (base_lr - eta_min) * math.cos(math.pi / 2 * step / T_max)\n"),
        ("returns 0 after T_max",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    if step > T_max:\n"
         "        return 0.0\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step / T_max)) / 2\n"),
    ],
    "polynomial_lr": [
        ("no clamp past total_steps",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    return end_lr + (base_lr - end_lr) * (1 - step / total_steps) ** power\n"),
        ("power applied outside",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    frac = 1 - min(step, total_steps) / total_steps\n"
         "    return end_lr + ((base_lr - end_lr) * frac) ** power\n"),
        ("end_lr ignored",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    frac = 1 - min(step, total_steps) / total_steps\n"
         "    return base_lr * frac ** power\n"),
        ("end_lr added to an unscaled decay",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    frac = 1 - min(step, total_steps) / total_steps\n"
         "    return end_lr + base_lr * frac ** power\n"),
        ("counts updates from 1",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    frac = 1 - min(step + 1, total_steps) / total_steps\n"
         "    return end_lr + (base_lr - end_lr) * frac ** power\n"),
        ("floor division",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    frac = 1 - min(step, total_steps) // total_steps\n"
         "    return end_lr + (base_lr - end_lr) * frac ** power\n"),
    ],
    'cubic_decay_lr': [
        ("cosine: the right ends and slopes, but not a cubic",
         "import math\n\ndef cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    t = min(step, total_steps) / total_steps\n"
         "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t)) / 2\n"),
        ("linear: ends right, slopes wrong",
         "def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    t = min(step, total_steps) / total_steps\n"
         "    return eta_min + (base_lr - eta_min) * (1 - t)\n"),
        ("1 - t**2: flat only at the start",
         "def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    t = min(step, total_steps) / total_steps\n"
         "    return eta_min + (base_lr - eta_min) * (1 - t ** 2)\n"),
        ("3t^2 - 2t^3: the rising cubic",
         "def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    t = min(step, total_steps) / total_steps\n"
         "    return eta_min + (base_lr - eta_min) * (3 * t ** 2 - 2 * t ** 3)\n"),
        ("no clamp past total_steps",
         "def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    t = step / total_steps\n"
         "    return eta_min + (base_lr - eta_min) * (1 - 3 * t ** 2 + 2 * t ** 3)\n"),
        ("eta_min added to an unscaled cubic",
         "def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    t = min(step, total_steps) / total_steps\n"
         "    return eta_min + base_lr * (1 - 3 * t ** 2 + 2 * t ** 3)\n"),
    ],
}

RIGHT = {
    "cosine_annealing_lr": [
        ("branch past T_max",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    if step >= T_max:\n"
         "        return eta_min\n"
         "    return eta_min + 0.5 * (base_lr - eta_min) * (1.0 + math.cos(math.pi * step / T_max))\n"),
        ("numpy with clip",
         "import numpy as np\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    progress = np.clip(step / T_max, 0.0, 1.0)\n"
         "    return float(eta_min + (base_lr - eta_min) * (1 + np.cos(np.pi * progress)) / 2)\n"),
        ("cos squared of the half angle",
         "import math\n\ndef cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):\n"
         "    half_angle = math.pi * min(step, T_max) / (2 * T_max)\n"
         "    return eta_min + (base_lr - eta_min) * math.cos(half_angle) ** 2\n"),
    ],
    "polynomial_lr": [
        ("max(0, .) clamp",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    left = max(0.0, 1.0 - step / total_steps)\n"
         "    return (base_lr - end_lr) * left ** power + end_lr\n"),
        ("numpy",
         "import numpy as np\n\ndef polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    left = 1.0 - np.minimum(step, total_steps) / total_steps\n"
         "    return float(end_lr + (base_lr - end_lr) * np.power(left, power))\n"),
        ("steps left as integers, branch at the end",
         "def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):\n"
         "    if step >= total_steps:\n"
         "        return end_lr\n"
         "    return end_lr + (base_lr - end_lr) * ((total_steps - step) / total_steps) ** power\n"),
    ],
    'cubic_decay_lr': [
        ("expanded polynomial",
         "def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    t = min(step, total_steps) / total_steps\n"
         "    return eta_min + (base_lr - eta_min) * (1 - 3 * t ** 2 + 2 * t ** 3)\n"),
        ("factored: (1 - t)^2 (1 + 2t)",
         "def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    if step >= total_steps:\n"
         "        return eta_min\n"
         "    t = step / total_steps\n"
         "    return eta_min + (base_lr - eta_min) * (1 - t) ** 2 * (1 + 2 * t)\n"),
        ("coefficients solved by numpy from the four conditions",
         "import numpy as np\n\ndef cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):\n"
         "    # rows: p(0) = 1, p'(0) = 0, p(1) = 0, p'(1) = 0 for p(t) = a + b t + c t^2 + d t^3\n"
         "    A = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, 1, 1], [0, 1, 2, 3]], dtype=float)\n"
         "    coef = np.linalg.solve(A, np.array([1.0, 0.0, 0.0, 0.0]))\n"
         "    t = min(step, total_steps) / total_steps\n"
         "    return float(eta_min + (base_lr - eta_min) * np.polyval(coef[::-1], t))\n"),
    ],
}
