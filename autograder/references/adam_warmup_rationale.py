"""References for 04-adam-warmup-rationale, computed exactly.

Each float argument is taken at its exact binary value (``Decimal(float(x))`` is exact)
and the formula is evaluated in 60-digit decimal arithmetic, then rounded once to a
float. This sidesteps the cancellation in ``rho_inf - 2 t beta2**t / (1 - beta2**t)``
(two numbers near ``2 / (1 - beta2)`` whose difference is about ``t`` when
``t (1 - beta2)`` is small) and in ``1 - beta**t`` for ``beta`` near 1.
"""
import math
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, localcontext

_CTX = Context(prec=60, Emin=MIN_EMIN, Emax=MAX_EMAX)


def _d(x):
    return Decimal(float(x))


def _rho(t, b):
    """Exact rho_t and rho_inf (Decimals) for integer ``t >= 1`` and Decimal ``b``."""
    bt = b ** t
    rho_inf = 2 / (1 - b) - 1
    return rho_inf - 2 * t * bt / (1 - bt), rho_inf


def bias_correction(t, beta):
    with localcontext(_CTX):
        return float(1 - _d(beta) ** int(t))


def radam_rho(t, beta2):
    with localcontext(_CTX):
        return float(_rho(int(t), _d(beta2))[0])


def radam_rectifier(t, beta2):
    with localcontext(_CTX):
        rho_t, rho_inf = _rho(int(t), _d(beta2))
        if rho_t <= 4:
            return 0.0
        return float((((rho_t - 4) * (rho_t - 2) * rho_inf)
                      / ((rho_inf - 4) * (rho_inf - 2) * rho_t)).sqrt())


def untuned_linear_warmup(step, beta2):
    with localcontext(_CTX):
        return float(min(Decimal(1), int(step) * (1 - _d(beta2)) / 2))


def untuned_exponential_warmup(step, beta2):
    with localcontext(_CTX):
        return float(1 - (-(1 - _d(beta2)) * int(step)).exp())


# The hidden test of transformer_schedule trains on this seed instead of the visible 0.
HIDDEN_SEEDS = {"transformer_schedule": (5072771,)}


def transformer_schedule(step):
    # a sensible design: linear warm-up to the peak 0.05 over 100 updates, then a cosine decay to 0 at update 300
    peak, warmup, total = 0.05, 100, 300
    if step < warmup:
        return peak * (step + 1) / warmup
    return peak * (1 + math.cos(math.pi * (step - warmup) / (total - warmup))) / 2
