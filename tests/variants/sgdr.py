"""Variants of 05-sgdr's solution cells (see tests/harness.py)."""

WRONG = {
    "sgdr_cycle": [
        ("float log for the cycle index (PyTorch's step(epoch) formula)", '''import math

def sgdr_cycle(step, T_0, T_mult=1):
    if T_mult == 1:
        i, T_cur = divmod(step, T_0)
        return i, T_cur, T_0
    i = int(math.log(step / T_0 * (T_mult - 1) + 1, T_mult))
    start = T_0 * (T_mult ** i - 1) // (T_mult - 1)
    return i, step - start, T_0 * T_mult ** i
'''),
        ("T_i = T_0 * T_mult ** (i + 1)", '''def sgdr_cycle(step, T_0, T_mult=1):
    i, T_cur, length = 0, step, T_0
    while T_cur >= length:
        T_cur -= length
        length *= T_mult
        i += 1
    return i, T_cur, T_0 * T_mult ** (i + 1)
'''),
        ("restarts one step late", '''def sgdr_cycle(step, T_0, T_mult=1):
    i, T_cur, T_i = 0, step, T_0
    while T_cur > T_i:
        T_cur -= T_i + 1
        T_i *= T_mult
        i += 1
    return i, T_cur, T_i
'''),
        ("T_cur counted from 1", '''def sgdr_cycle(step, T_0, T_mult=1):
    i, T_cur, T_i = 0, step, T_0
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
        i += 1
    return i, T_cur + 1, T_i
'''),
        ("true division in the geometric series (float T_cur)", '''def sgdr_cycle(step, T_0, T_mult=1):
    if T_mult == 1:
        return step // T_0, step % T_0, T_0
    i = 0
    while T_0 * (T_mult ** (i + 1) - 1) / (T_mult - 1) <= step:
        i += 1
    return i, step - T_0 * (T_mult ** i - 1) / (T_mult - 1), T_0 * T_mult ** i
'''),
    ],
    "sgdr_lr": [
        ("T_i - 1 in the cosine denominator", '''import math

def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    T_cur, T_i = step, T_0
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / (T_i - 1))) / 2 if T_i > 1 else base_lr
'''),
        ("ignores T_mult (restarts every T_0 steps)", '''import math

def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    T_cur = step % T_0
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_0)) / 2
'''),
        ("float log for the cycle index", '''import math

def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    if T_mult == 1:
        T_cur, T_i = step % T_0, T_0
    elif step < T_0:
        T_cur, T_i = step, T_0
    else:
        n = int(math.log(step / T_0 * (T_mult - 1) + 1, T_mult))
        T_cur = step - T_0 * (T_mult ** n - 1) / (T_mult - 1)
        T_i = T_0 * T_mult ** n
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
'''),
        ("ignores eta_min", '''import math

def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    T_cur, T_i = step, T_0
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
    return base_lr * (1 + math.cos(math.pi * T_cur / T_i)) / 2
'''),
        ("T_cur counted from 1", '''import math

def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    T_cur, T_i = step, T_0
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * (T_cur + 1) / T_i)) / 2
'''),
    ],
}

RIGHT = {
    "sgdr_cycle": [
        ("divmod, and a loop subtracting cycle lengths", '''def sgdr_cycle(step, T_0, T_mult=1):
    step, T_0, T_mult = int(step), int(T_0), int(T_mult)
    if T_mult == 1:
        i, T_cur = divmod(step, T_0)
        return i, T_cur, T_0
    i, T_cur, T_i = 0, step, T_0
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
        i += 1
    return i, T_cur, T_i
'''),
        ("float-log guess corrected by integer comparisons", '''import math

def sgdr_cycle(step, T_0, T_mult=1):
    step, T_0, T_mult = int(step), int(T_0), int(T_mult)
    if T_mult == 1:
        return step // T_0, step % T_0, T_0

    def start(i):                     # first step of cycle i, exact
        return T_0 * (T_mult ** i - 1) // (T_mult - 1)

    i = max(0, int(math.log(step / T_0 * (T_mult - 1) + 1, T_mult)))
    while start(i) > step:
        i -= 1
    while start(i + 1) <= step:
        i += 1
    return i, step - start(i), T_0 * T_mult ** i
'''),
        ("bisect over the list of restart steps", '''import bisect

def sgdr_cycle(step, T_0, T_mult=1):
    step = int(step)
    if T_mult == 1:
        return step // T_0, step - (step // T_0) * T_0, int(T_0)
    starts, b, length = [0], 0, int(T_0)
    while b <= step:
        b += length
        length *= int(T_mult)
        starts.append(b)
    i = bisect.bisect_right(starts, step) - 1
    return i, step - starts[i], int(T_0) * int(T_mult) ** i
'''),
    ],
    "sgdr_lr": [
        ("a loop over cycles", '''import math

def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    step, T_0, T_mult = int(step), int(T_0), int(T_mult)
    if T_mult == 1:
        T_cur, T_i = step % T_0, T_0
    else:
        T_cur, T_i = step, T_0
        while T_cur >= T_i:
            T_cur -= T_i
            T_i *= T_mult
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
'''),
        ("numpy, cos squared, integer-corrected closed form", '''import math
import numpy as np

def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    step, T_0, T_mult = int(step), int(T_0), int(T_mult)
    if T_mult == 1:
        i = step // T_0
        start = i * T_0
    else:
        i = int(math.log(step / T_0 * (T_mult - 1) + 1, T_mult))
        start = T_0 * (T_mult ** i - 1) // (T_mult - 1)
        if start > step:
            i -= 1
        elif T_0 * (T_mult ** (i + 1) - 1) // (T_mult - 1) <= step:
            i += 1
        start = T_0 * (T_mult ** i - 1) // (T_mult - 1)
    T_i = T_0 * T_mult ** i
    return float(eta_min + (base_lr - eta_min) * np.cos(np.pi * (step - start) / (2 * T_i)) ** 2)
'''),
    ],
}
