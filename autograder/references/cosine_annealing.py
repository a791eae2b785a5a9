"""References for 02-cosine-annealing (exact closed forms, clamped at the end of the horizon).

Both use integer arithmetic for the steps left and an argument that never cancels:
``(1 + cos(pi * s / T)) / 2`` equals ``cos(pi * s / (2 T)) ** 2`` and, on the second half,
``sin(pi * (T - s) / (2 T)) ** 2``; the latter keeps full relative precision at the last steps,
where ``1 + cos(x)`` near ``x = pi`` loses digits.
"""
import math


def _steps(step, horizon, name):
    """``step`` and the horizon as Python ints, or the ValueError a wrong value gets."""
    step, horizon = int(step), int(horizon)
    if step < 0:
        raise ValueError(f"step must be >= 0, got {step}")
    if horizon <= 0:
        raise ValueError(f"{name} must be a positive number of steps, got {horizon}")
    return step, horizon


def cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0):
    step, T_max = _steps(step, T_max, "T_max")
    s = min(step, T_max)
    if 2 * s <= T_max:
        factor = math.cos(math.pi * s / (2 * T_max)) ** 2
    else:
        factor = math.sin(math.pi * (T_max - s) / (2 * T_max)) ** 2
    return eta_min + (base_lr - eta_min) * factor


def polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0):
    step, total_steps = _steps(step, total_steps, "total_steps")
    left = (total_steps - min(step, total_steps)) / total_steps
    return end_lr + (base_lr - end_lr) * left ** power


def cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0):
    # p(t) = 1 - 3 t^2 + 2 t^3 = (1 - t)^2 (1 + 2 t); with s = min(step, T) and r = T - s it is
    # r^2 (T + 2 s) / T^3, a ratio of integers: exact up to one rounding.
    step, total_steps = _steps(step, total_steps, "total_steps")
    s = min(step, total_steps)
    r = total_steps - s
    return eta_min + (base_lr - eta_min) * (r * r * (total_steps + 2 * s) / total_steps ** 3)
