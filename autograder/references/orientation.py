"""References for 00-orientation."""


def constant_lr(step, base_lr):
    return float(base_lr)
