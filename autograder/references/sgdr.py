"""References for 05-sgdr (SGDR, Loshchilov & Hutter 2017).

The cycle is found with integer arithmetic only: divmod for ``T_mult == 1``, otherwise
the cycle lengths ``T_0, T_0*T_mult, ...`` are subtracted one by one (about
``log(step) / log(T_mult)`` iterations, 40 for ``step = 10**12, T_mult = 2``). No float
logarithm decides a cycle, so every restart step is exact at any horizon.
"""
import math
import numbers


def _as_int(value, name, minimum):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def sgdr_cycle(step, T_0, T_mult=1):
    step = _as_int(step, "step", 0)
    T_0 = _as_int(T_0, "T_0", 1)
    T_mult = _as_int(T_mult, "T_mult", 1)
    if T_mult == 1:
        i, T_cur = divmod(step, T_0)
        return i, T_cur, T_0
    i, T_cur, T_i = 0, step, T_0
    while T_cur >= T_i:          # the step lies beyond cycle i: skip it
        T_cur -= T_i
        T_i *= T_mult
        i += 1
    return i, T_cur, T_i


def sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0):
    _, T_cur, T_i = sgdr_cycle(step, T_0, T_mult)
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
