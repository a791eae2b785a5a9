"""Variants of 04-adam-warmup-rationale's solution cells (see tests/harness.py)."""

WRONG = {
    "bias_correction": [
        ("exponent t - 1", "def bias_correction(t, beta):\n    return 1 - beta ** (t - 1)\n"),
        ("1 + beta ** t", "def bias_correction(t, beta):\n    return 1 + beta ** t\n"),
        ("counts t from 0 (exponent t + 1)", "def bias_correction(t, beta):\n    return 1 - beta ** (t + 1)\n"),
        ("returns the EMA's leftover weight beta ** t", "def bias_correction(t, beta):\n    return beta ** t\n"),
    ],
    "radam_rho": [
        ("rho_inf without the -1",
         "def radam_rho(t, beta2):\n    rho_inf = 2 / (1 - beta2)\n"
         "    return rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)\n"),
        ("beta2 ** (t - 1) in the numerator",
         "def radam_rho(t, beta2):\n    rho_inf = 2 / (1 - beta2) - 1\n"
         "    return rho_inf - 2 * t * beta2 ** (t - 1) / (1 - beta2 ** t)\n"),
        ("drops the factor t",
         "def radam_rho(t, beta2):\n    rho_inf = 2 / (1 - beta2) - 1\n"
         "    return rho_inf - 2 * beta2 ** t / (1 - beta2 ** t)\n"),
        ("mean age of the EMA instead of 2 * age - 1",
         "def radam_rho(t, beta2):\n    return 1 / (1 - beta2) - t * beta2 ** t / (1 - beta2 ** t)\n"),
    ],
    "radam_rectifier": [
        ("PyTorch's threshold rho_t > 5",
         "import math\n\ndef radam_rectifier(t, beta2):\n    rho_inf = 2 / (1 - beta2) - 1\n"
         "    rho = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)\n    if rho <= 5:\n        return 0.0\n"
         "    return math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))\n"),
        ("forgets the square root",
         "def radam_rectifier(t, beta2):\n    rho_inf = 2 / (1 - beta2) - 1\n"
         "    rho = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)\n    if rho <= 4:\n        return 0.0\n"
         "    return (rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho)\n"),
        ("returns 1.0 (no rectification) below the threshold",
         "import math\n\ndef radam_rectifier(t, beta2):\n    rho_inf = 2 / (1 - beta2) - 1\n"
         "    rho = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)\n    if rho <= 4:\n        return 1.0\n"
         "    return math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))\n"),
        ("rho_inf without the -1",
         "import math\n\ndef radam_rectifier(t, beta2):\n    rho_inf = 2 / (1 - beta2)\n"
         "    rho = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)\n    if rho <= 4:\n        return 0.0\n"
         "    return math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))\n"),
    ],
    "untuned_linear_warmup": [
        ("warmup over 1 / (1 - beta2) steps", "def untuned_linear_warmup(step, beta2):\n    return min(1.0, step * (1 - beta2))\n"),
        ("no clamp at 1", "def untuned_linear_warmup(step, beta2):\n    return step * (1 - beta2) / 2\n"),
        ("1-based step", "def untuned_linear_warmup(step, beta2):\n    return min(1.0, (step + 1) * (1 - beta2) / 2)\n"),
        ("warmup length 2 / beta2", "def untuned_linear_warmup(step, beta2):\n    return min(1.0, step * beta2 / 2)\n"),
    ],
    "untuned_exponential_warmup": [
        ("exp without 1 -", "import math\n\ndef untuned_exponential_warmup(step, beta2):\n    return math.exp(-(1 - beta2) * step)\n"),
        ("time constant 2 / (1 - beta2)",
         "import math\n\ndef untuned_exponential_warmup(step, beta2):\n    return 1 - math.exp(-(1 - beta2) * step / 2)\n"),
        ("1-based step",
         "import math\n\ndef untuned_exponential_warmup(step, beta2):\n    return 1 - math.exp(-(1 - beta2) * (step + 1))\n"),
        ("the bias correction 1 - beta2 ** step instead", "def untuned_exponential_warmup(step, beta2):\n    return 1 - beta2 ** step\n"),
    ],
    'transformer_schedule': [
        ("no warm-up: a constant 0.05",
         "def transformer_schedule(step):\n    return 0.05\n"),
        ("cosine from 0.05 with no warm-up",
         "import math\n\ndef transformer_schedule(step):\n"
         "    return 0.05 * (1 + math.cos(math.pi * step / 300)) / 2\n"),
        ("warm-up 60, then no decay",
         "def transformer_schedule(step):\n    return 0.05 * min(1.0, (step + 1) / 60)\n"),
        ("a safe peak of 0.01 instead of 0.05",
         "import math\n\ndef transformer_schedule(step):\n"
         "    return 0.01 * (1 + math.cos(math.pi * step / 300)) / 2\n"),
    ],
}

RIGHT = {
    "bias_correction": [
        ("textbook", "def bias_correction(t, beta):\n    return 1 - beta ** t\n"),
        ("expm1 / log1p", "import math\n\ndef bias_correction(t, beta):\n    return -math.expm1(t * math.log1p(-(1 - beta)))\n"),
        ("numpy", "import numpy as np\n\ndef bias_correction(t, beta):\n    return float(1.0 - np.power(np.float64(beta), int(t)))\n"),
    ],
    "radam_rho": [
        ("textbook", "def radam_rho(t, beta2):\n    rho_inf = 2 / (1 - beta2) - 1\n"
                     "    return rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)\n"),
        ("expm1 / log1p",
         "import math\n\ndef radam_rho(t, beta2):\n    q = 1 - beta2\n    em = math.expm1(t * math.log1p(-q))  # beta2**t - 1\n"
         "    return 2 / q - 1 + 2 * t * (1 + em) / em\n"),
        ("numpy", "import numpy as np\n\ndef radam_rho(t, beta2):\n    b = np.float64(beta2)\n    bt = np.power(b, int(t))\n"
                  "    return float((2 / (1 - b) - 1) - 2 * int(t) * bt / (1 - bt))\n"),
    ],
    "radam_rectifier": [
        ("textbook", "import math\n\ndef radam_rectifier(t, beta2):\n    rho_inf = 2 / (1 - beta2) - 1\n"
                     "    rho = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)\n    if rho <= 4:\n        return 0.0\n"
                     "    return math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))\n"),
        ("ratio of variances, numpy",
         "import numpy as np\n\ndef radam_rectifier(t, beta2):\n"
         "    def variance(rho):  # Liu et al.'s first-order Var[psi], up to a constant\n"
         "        return rho / ((rho - 2) * (rho - 4))\n"
         "    rho_inf = 2.0 / (1.0 - beta2) - 1.0\n    bt = np.power(np.float64(beta2), int(t))\n"
         "    rho = rho_inf - 2.0 * int(t) * bt / (1.0 - bt)\n"
         "    return float(np.sqrt(variance(rho_inf) / variance(rho))) if rho > 4 else 0.0\n"),
        ("expm1 / log1p and a product of ratios",
         "import math\n\ndef radam_rectifier(t, beta2):\n    q = 1 - beta2\n    em = math.expm1(t * math.log1p(-q))\n"
         "    rho_inf = 2 / q - 1\n    rho = rho_inf + 2 * t * (1 + em) / em\n    if not rho > 4:\n        return 0.0\n"
         "    return math.sqrt((rho - 4) / (rho_inf - 4) * (rho - 2) / (rho_inf - 2) * rho_inf / rho)\n"),
    ],
    "untuned_linear_warmup": [
        ("min", "def untuned_linear_warmup(step, beta2):\n    return min(1.0, step * (1 - beta2) / 2)\n"),
        ("divides by the warmup length", "def untuned_linear_warmup(step, beta2):\n    warmup = 2 / (1 - beta2)\n"
                                         "    return 1.0 if step >= warmup else step / warmup\n"),
        ("numpy clip", "import numpy as np\n\ndef untuned_linear_warmup(step, beta2):\n"
                       "    return float(np.clip(step * (1 - beta2) / 2, 0.0, 1.0))\n"),
    ],
    "untuned_exponential_warmup": [
        ("textbook", "import math\n\ndef untuned_exponential_warmup(step, beta2):\n    return 1 - math.exp(-(1 - beta2) * step)\n"),
        ("expm1", "import math\n\ndef untuned_exponential_warmup(step, beta2):\n    return -math.expm1(-(1 - beta2) * step)\n"),
        ("numpy, time constant tau", "import numpy as np\n\ndef untuned_exponential_warmup(step, beta2):\n"
                                     "    tau = 1.0 / (1.0 - beta2)\n    return float(1.0 - np.exp(-step / tau))\n"),
    ],
    'transformer_schedule': [
        ("warm-up 100, then a linear decay to 0",
         "def transformer_schedule(step):\n"
         "    if step < 100:\n        return 0.05 * (step + 1) / 100\n"
         "    return 0.05 * (300 - step) / 200\n"),
        ("warm-up 80 + cosine",
         "import math\n\ndef transformer_schedule(step):\n"
         "    warmup = 80\n"
         "    if step < warmup:\n        return 0.05 * (step + 1) / warmup\n"
         "    return 0.05 * (1 + math.cos(math.pi * (step - warmup) / (300 - warmup))) / 2\n"),
    ],
}
