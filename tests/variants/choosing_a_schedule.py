"""Variants of 08-choosing-a-schedule's solution cells (see tests/harness.py).

``WRONG`` and ``RIGHT`` are graded end to end by real nbgrader (the class batch); ``WRONG_EXTRA``
holds more real misconceptions, checked against the same cases without nbgrader
(tests/test_variants_fast.py), which keeps the class batch small.
"""

WRONG = {
    "scaled_lr": [
        ('ratio upside down (base_batch_size / batch_size)', '''import math

def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    if batch_size <= 0 or base_batch_size <= 0:
        raise ValueError("batch_size and base_batch_size must be positive")
    if rule not in ("linear", "sqrt"):
        raise ValueError(f"unknown rule {rule!r}")
    ratio = base_batch_size / batch_size
    return base_lr * (ratio if rule == "linear" else math.sqrt(ratio))
'''),
        ('integer division of the batch sizes', '''import math

def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    if batch_size <= 0 or base_batch_size <= 0:
        raise ValueError("batch_size and base_batch_size must be positive")
    if rule not in ("linear", "sqrt"):
        raise ValueError(f"unknown rule {rule!r}")
    ratio = batch_size // base_batch_size
    return base_lr * (ratio if rule == "linear" else math.sqrt(ratio))
'''),
        ("any rule other than 'sqrt' is taken as linear (no ValueError)", '''import math

def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    if batch_size <= 0 or base_batch_size <= 0:
        raise ValueError("batch_size and base_batch_size must be positive")
    ratio = batch_size / base_batch_size
    return base_lr * (math.sqrt(ratio) if rule == "sqrt" else ratio)
'''),
    ],
    "layerwise_lr_groups": [
        ('decay ** i: the input layer gets base_lr', '''def layerwise_lr_groups(layers, base_lr, decay):
    return [{"params": list(layer.parameters()), "lr": base_lr * decay ** i} for i, layer in enumerate(layers)]
'''),
        ("reverses the caller's list in place to walk down from the head", '''def layerwise_lr_groups(layers, base_lr, decay):
    layers.reverse()
    groups = [{"params": list(layer.parameters()), "lr": base_lr * decay ** i} for i, layer in enumerate(layers)]
    return groups[::-1]
'''),
        ('weights only (biases left out of the groups)', '''def layerwise_lr_groups(layers, base_lr, decay):
    n = len(layers)
    return [{"params": [p for name, p in layer.named_parameters() if "weight" in name],
             "lr": base_lr * decay ** (n - 1 - i)} for i, layer in enumerate(layers)]
'''),
    ],
    "cosine_restarts_lr": [
        ("Hugging Face's float modulo ((num_cycles * progress) % 1.0)", '''import math

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return eta_min
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    cycle = int(num_cycles * progress)
    q = (num_cycles * progress) % 1.0
    return eta_min + (base_lr * cycle_decay ** cycle - eta_min) * (1 + math.cos(math.pi * q)) / 2
'''),
        ('cycle_decay scales the amplitude above eta_min', '''import math

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return eta_min
    c, r = divmod(num_cycles * (step - warmup_steps), total_steps - warmup_steps)
    q = r / (total_steps - warmup_steps)
    return eta_min + (base_lr - eta_min) * cycle_decay ** c * (1 + math.cos(math.pi * q)) / 2
'''),
        ('cycles counted from step 0, not from the end of the warmup', '''import math

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return eta_min
    c, r = divmod(num_cycles * step, total_steps)
    q = r / total_steps
    return eta_min + (base_lr * cycle_decay ** c - eta_min) * (1 + math.cos(math.pi * q)) / 2
'''),
    ],
    "k_decay_lr": [
        ('the power on the cosine factor', '''import math

def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    if step >= T_max:
        return eta_min
    return eta_min + (base_lr - eta_min) * ((1 + math.cos(math.pi * step / T_max)) / 2) ** k
'''),
        ('no clamp after T_max (a second wave)', '''import math

def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step ** k / T_max ** k)) / 2
'''),
        ("eta_min added on top of base_lr's cosine", '''import math

def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    if step >= T_max:
        return eta_min
    return eta_min + base_lr * (1 + math.cos(math.pi * (step / T_max) ** k)) / 2
'''),
    ],
    "swalr_lr": [
        ('alpha inverted: (1 + cos(pi t)) / 2', '''import math

def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    if anneal_epochs == 0:
        return swa_lr
    t = min(1.0, step / anneal_epochs)
    alpha = (1 + math.cos(math.pi * t)) / 2 if anneal_strategy == "cos" else t
    return swa_lr * alpha + base_lr * (1 - alpha)
'''),
        ('no clamp of t at 1 (the cosine swings back)', '''import math

def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    if anneal_epochs == 0:
        return swa_lr
    t = step / anneal_epochs
    alpha = (1 - math.cos(math.pi * t)) / 2 if anneal_strategy == "cos" else t
    return swa_lr * alpha + base_lr * (1 - alpha)
'''),
        ('anneal_epochs = 0 not handled (division by zero)', '''import math

def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    t = min(1.0, step / anneal_epochs)
    alpha = (1 - math.cos(math.pi * t)) / 2 if anneal_strategy == "cos" else t
    return swa_lr * alpha + base_lr * (1 - alpha)
'''),
    ],
}

WRONG_EXTRA = {
    "scaled_lr": [
        ('sqrt of the new batch only (sqrt(batch_size) / base_batch_size)', '''import math

def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    if batch_size <= 0 or base_batch_size <= 0:
        raise ValueError("batch_size and base_batch_size must be positive")
    if rule == "linear":
        return base_lr * batch_size / base_batch_size
    if rule == "sqrt":
        return base_lr * math.sqrt(batch_size) / base_batch_size
    raise ValueError(f"unknown rule {rule!r}")
'''),
        ('no check of the batch sizes', '''import math

def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    if rule not in ("linear", "sqrt"):
        raise ValueError(f"unknown rule {rule!r}")
    ratio = abs(batch_size) / base_batch_size if base_batch_size else 1.0
    return base_lr * (ratio if rule == "linear" else math.sqrt(ratio))
'''),
    ],
    "layerwise_lr_groups": [
        ('decay ** (len(layers) - i): the output layer is decayed too', '''def layerwise_lr_groups(layers, base_lr, decay):
    n = len(layers)
    return [{"params": list(layer.parameters()), "lr": base_lr * decay ** (n - i)} for i, layer in enumerate(layers)]
'''),
        ('one group per parameter tensor', '''def layerwise_lr_groups(layers, base_lr, decay):
    groups = []
    for i, layer in enumerate(layers):
        for p in layer.parameters():
            groups.append({"params": [p], "lr": base_lr * decay ** (len(layers) - 1 - i)})
    return groups
'''),
        ('subtracts decay per layer instead of multiplying', '''def layerwise_lr_groups(layers, base_lr, decay):
    n = len(layers)
    return [{"params": list(layer.parameters()), "lr": base_lr * (1 - (1 - decay) * (n - 1 - i))}
            for i, layer in enumerate(layers)]
'''),
    ],
    "cosine_restarts_lr": [
        ('the first cycle is decayed already (cycle_decay ** (c + 1))', '''import math

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return eta_min
    c, r = divmod(num_cycles * (step - warmup_steps), total_steps - warmup_steps)
    q = r / (total_steps - warmup_steps)
    return eta_min + (base_lr * cycle_decay ** (c + 1) - eta_min) * (1 + math.cos(math.pi * q)) / 2
'''),
        ('returns 0.0 after total_steps, as Hugging Face (ignores eta_min)', '''import math

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return 0.0
    c, r = divmod(num_cycles * (step - warmup_steps), total_steps - warmup_steps)
    q = r / (total_steps - warmup_steps)
    return eta_min + (base_lr * cycle_decay ** c - eta_min) * (1 + math.cos(math.pi * q)) / 2
'''),
        ('integer cycle length (total_steps - warmup_steps) // num_cycles', '''import math

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return eta_min
    length = (total_steps - warmup_steps) // num_cycles
    c, t = divmod(step - warmup_steps, length)
    return eta_min + (base_lr * cycle_decay ** c - eta_min) * (1 + math.cos(math.pi * t / length)) / 2
'''),
    ],
    "k_decay_lr": [
        ('the power on the step only (step ** k / T_max)', '''import math

def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    if step >= T_max:
        return eta_min
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step ** k / T_max)) / 2
'''),
        ('the k-th root of the time ((step / T_max) ** (1 / k))', '''import math

def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    if step >= T_max:
        return eta_min
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * (step / T_max) ** (1 / k))) / 2
'''),
    ],
    "swalr_lr": [
        ('one step ahead: t = (step + 1) / anneal_epochs', '''import math

def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    if anneal_epochs == 0:
        return swa_lr
    t = min(1.0, (step + 1) / anneal_epochs)
    alpha = (1 - math.cos(math.pi * t)) / 2 if anneal_strategy == "cos" else t
    return swa_lr * alpha + base_lr * (1 - alpha)
'''),
        ('anneal_strategy ignored (always cosine)', '''import math

def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    if anneal_epochs == 0:
        return swa_lr
    t = min(1.0, step / anneal_epochs)
    alpha = (1 - math.cos(math.pi * t)) / 2
    return swa_lr * alpha + base_lr * (1 - alpha)
'''),
    ],
}

RIGHT = {
    "scaled_lr": [
        ('a dict of rules, ** 0.5', '''def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    powers = {"linear": 1.0, "sqrt": 0.5}
    if rule not in powers:
        raise ValueError(f"rule must be one of {sorted(powers)}, got {rule!r}")
    for name, value in (("batch_size", batch_size), ("base_batch_size", base_batch_size)):
        if value <= 0:
            raise ValueError(f"{name} must be > 0, got {value}")
    return float(base_lr) * (float(batch_size) / float(base_batch_size)) ** powers[rule]
'''),
        ('numpy, the batch sizes checked first', '''import numpy as np

def scaled_lr(base_lr, base_batch_size, batch_size, rule="linear"):
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    if base_batch_size <= 0:
        raise ValueError("base_batch_size must be positive")
    if rule == "linear":
        return float(base_lr * np.float64(batch_size) / base_batch_size)
    if rule == "sqrt":
        return float(base_lr * np.sqrt(np.float64(batch_size) / base_batch_size))
    raise ValueError("rule must be 'linear' or 'sqrt'")
'''),
    ],
    "layerwise_lr_groups": [
        ('a loop down from the head with a running scale', '''def layerwise_lr_groups(layers, base_lr, decay):
    groups, lr = [], base_lr
    for layer in reversed(layers):
        groups.insert(0, {"params": [p for p in layer.parameters()], "lr": lr})
        lr *= decay
    return groups
'''),
        ('depth counted from the head', '''def layerwise_lr_groups(layers, base_lr, decay):
    groups = []
    for i, layer in enumerate(layers):
        depth_from_head = len(layers) - 1 - i
        groups.append({"params": list(layer.parameters()), "lr": float(base_lr * decay ** depth_from_head)})
    return groups
'''),
    ],
    "cosine_restarts_lr": [
        ('integers, cos squared of half the angle', '''import math

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    step, warmup_steps, total_steps = int(step), int(warmup_steps), int(total_steps)
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return eta_min
    span = total_steps - warmup_steps
    scaled = int(num_cycles) * (step - warmup_steps)
    cycle, r = scaled // span, scaled % span
    peak = base_lr * cycle_decay ** cycle
    return eta_min + (peak - eta_min) * math.cos(math.pi * r / (2 * span)) ** 2
'''),
        ('Fractions for the phase', '''import math
from fractions import Fraction

def cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return float(eta_min)
    position = Fraction(int(num_cycles) * int(step - warmup_steps), int(total_steps - warmup_steps))
    cycle = math.floor(position)
    q = float(position - cycle)
    return eta_min + (base_lr * cycle_decay ** cycle - eta_min) * (1 + math.cos(math.pi * q)) / 2
'''),
    ],
    "k_decay_lr": [
        ('(step / T_max) ** k', '''import math

def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    if step > T_max:
        return eta_min
    u = (step / T_max) ** k
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * u)) / 2
'''),
        ('numpy, step ** k / T_max ** k with floats', '''import numpy as np

def k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0):
    step, T_max = float(step), float(T_max)
    if step >= T_max:
        return float(eta_min)
    return float(eta_min + (base_lr - eta_min) * 0.5 * (1.0 + np.cos(np.pi * step ** k / T_max ** k)))
'''),
    ],
    "swalr_lr": [
        ('if / else over the phases', '''import math

def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    if anneal_epochs == 0 or step >= anneal_epochs:
        return swa_lr
    t = step / anneal_epochs
    if anneal_strategy == "cos":
        alpha = (1 - math.cos(math.pi * t)) / 2
    else:
        alpha = t
    return swa_lr * alpha + base_lr * (1 - alpha)
'''),
        ('interpolation written from base_lr, max(1, anneal_epochs) as PyTorch', '''import math

def swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    t = 1.0 if anneal_epochs == 0 else min(1.0, step / max(1, anneal_epochs))
    alpha = t if anneal_strategy == "linear" else math.sin(math.pi * t / 2) ** 2
    return base_lr + (swa_lr - base_lr) * alpha
'''),
    ],
}
