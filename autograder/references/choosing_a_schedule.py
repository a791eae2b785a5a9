"""References for 08-choosing-a-schedule.

``cosine_restarts_lr`` finds the cycle with integer ``divmod`` (no float modulo decides a
restart); ``k_decay_lr`` is timm's ``k_decay`` form; ``swalr_lr`` is the closed form that
PyTorch's recursive ``SWALR`` follows (to about 1e-15, measured). ``layerwise_lr_groups`` is
checked through the adapter of :mod:`autograder.learner.cases.choosing_a_schedule`.
"""
import math


def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    if rule not in ("linear", "sqrt"):
        raise ValueError(f"rule must be 'linear' or 'sqrt', got {rule!r}")
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    if base_batch_size <= 0:
        raise ValueError(f"base_batch_size must be positive, got {base_batch_size}")
    ratio = batch_size / base_batch_size
    return float(base_lr * (ratio if rule == "linear" else math.sqrt(ratio)))


def layerwise_lr_groups(layers, base_lr, decay):
    depth = len(layers)
    return [{"params": list(layer.parameters()), "lr": base_lr * decay ** (depth - 1 - i)}
            for i, layer in enumerate(layers)]


def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    step, warmup_steps, total_steps, num_cycles = int(step), int(warmup_steps), int(total_steps), int(num_cycles)
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return float(eta_min)
    span = total_steps - warmup_steps
    cycle, r = divmod(num_cycles * (step - warmup_steps), span)
    # (1 + cos(pi q)) / 2 with q = r / span, as sin(pi (1 - q) / 2) ** 2 from the integer span - r
    factor = math.sin(math.pi * (span - r) / (2 * span)) ** 2
    return eta_min + (base_lr * cycle_decay ** cycle - eta_min) * factor


def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    step, T_max = int(step), int(T_max)
    if step >= T_max:
        return float(eta_min)
    if step == 0:
        return float(base_lr)
    # (1 + cos(pi u)) / 2 with u = (step / T_max) ** k, as sin(pi (1 - u) / 2) ** 2, where
    # 1 - u = -expm1(k log(1 - d)) and d = (T_max - step) / T_max: no digit lost as u -> 1
    one_minus_u = -math.expm1(k * math.log1p(-(T_max - step) / T_max))
    return eta_min + (base_lr - eta_min) * math.sin(math.pi * one_minus_u / 2) ** 2


def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    step, anneal_epochs = int(step), int(anneal_epochs)
    if anneal_epochs == 0 or step >= anneal_epochs:
        return float(swa_lr)
    if anneal_strategy == "cos":   # alpha = (1 - cos(pi t)) / 2 = sin(pi t / 2) ** 2, t = step / anneal_epochs
        alpha = math.sin(math.pi * step / (2 * anneal_epochs)) ** 2
        rest = math.sin(math.pi * (anneal_epochs - step) / (2 * anneal_epochs)) ** 2   # 1 - alpha
    else:
        alpha, rest = step / anneal_epochs, (anneal_epochs - step) / anneal_epochs
    return swa_lr * alpha + base_lr * rest
