"""Variants of 00-orientation's solution cells (see tests/harness.py)."""

WRONG = {
    "constant_lr": [
        ("hard-codes PyTorch's default lr", "def constant_lr(step, base_lr):\n    return 0.1\n"),
        ("decays anyway", "def constant_lr(step, base_lr):\n    return base_lr / (step + 1)\n"),
        ("returns a tensor", "import torch\n\ndef constant_lr(step, base_lr):\n    return torch.tensor(base_lr)\n"),
    ],
}

RIGHT = {
    "constant_lr": [
        ("returns the argument", "def constant_lr(step, base_lr):\n    return base_lr\n"),
        ("through a list of one schedule", "def constant_lr(step, base_lr):\n    schedule = [base_lr]\n    return float(schedule[0])\n"),
    ],
}
