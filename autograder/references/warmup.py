"""References for 03-warmup (exact closed forms; integer phase boundaries)."""
import math


def linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0):
    step, warmup_steps = int(step), int(warmup_steps)
    if warmup_steps == 0:  # no warmup
        return float(base_lr)
    done = min(step, warmup_steps)
    return base_lr * (start_factor + (1.0 - start_factor) * done / warmup_steps)


def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):
    step, warmup_steps, total_steps = int(step), int(warmup_steps), int(total_steps)
    if step < warmup_steps:
        return base_lr * (start_factor + (1.0 - start_factor) * step / warmup_steps)
    decay_steps = total_steps - warmup_steps
    if decay_steps <= 0:  # nothing left to decay (not graded): already at the end
        return float(eta_min)
    progress = min(1.0, (step - warmup_steps) / decay_steps)
    return eta_min + (base_lr - eta_min) * (1.0 + math.cos(math.pi * progress)) / 2.0


def inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0):
    s = int(step) + 1  # the paper's step_num counts from 1
    warmup_steps = int(warmup_steps)
    if warmup_steps == 0:  # no warmup (not graded): pure inverse square root
        return factor * d_model ** -0.5 * s ** -0.5
    return factor * d_model ** -0.5 * min(s ** -0.5, s * warmup_steps ** -1.5)


def wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay="linear"):
    step, warmup_steps = int(step), int(warmup_steps)
    stable_steps, decay_steps = int(stable_steps), int(decay_steps)
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    into_decay = step - warmup_steps - stable_steps
    if decay_steps == 0:  # no decay phase (not graded): drop to eta_min at its start
        p = 1.0 if into_decay >= 0 else 0.0
    else:
        p = min(1.0, max(0.0, into_decay / decay_steps))
    if decay == "linear":
        shape = 1.0 - p
    elif decay == "cosine":
        shape = (1.0 + math.cos(math.pi * p)) / 2.0
    elif decay == "1-sqrt":
        shape = 1.0 - math.sqrt(p)
    else:
        raise ValueError(f"decay must be 'linear', 'cosine' or '1-sqrt', got {decay!r}")
    return eta_min + (base_lr - eta_min) * shape
