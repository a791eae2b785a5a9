"""Variants of 07-schedules-in-pytorch's solution cells (see tests/harness.py)."""

_TRACE_HEAD = '''def lr_trace(make_scheduler, num_steps, base_lr=0.1):
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=base_lr)
    scheduler = make_scheduler(optimizer)
    lrs = []
'''

_PLATEAU_HEAD = '''import math

def plateau_lrs(metrics, base_lr, mode="min", factor=0.1, patience=10, threshold=1e-4,
                threshold_mode="rel", cooldown=0, min_lr=0.0, eps=1e-8):
    lr, num_bad, cooldown_left = base_lr, 0, 0
    best = math.inf if mode == "min" else -math.inf
    lrs = []
    for metric in metrics:
        current = float(metric)
'''

_PLATEAU_BETTER = '''        if mode == "min" and threshold_mode == "rel":
            better = current < best * (1.0 - threshold)
        elif mode == "min":
            better = current < best - threshold
        elif threshold_mode == "rel":
            better = current > best * (1.0 + threshold)
        else:
            better = current > best + threshold
'''

WRONG = {
    "lr_trace": [
        ("records after scheduler.step()", _TRACE_HEAD + '''    for _ in range(num_steps):
        optimizer.step()
        scheduler.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    return lrs
'''),
        ("scheduler.step() before optimizer.step()", _TRACE_HEAD + '''    for _ in range(num_steps):
        scheduler.step()
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
    return lrs
'''),
        ("never calls optimizer.step()", _TRACE_HEAD + '''    for _ in range(num_steps):
        lrs.append(optimizer.param_groups[0]["lr"])
        scheduler.step()
    return lrs
'''),
        ("records base_lr, then num_steps - 1 values", '''def lr_trace(make_scheduler, num_steps, base_lr=0.1):
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=base_lr)
    scheduler = make_scheduler(optimizer)
    lrs = [base_lr]
    for _ in range(num_steps - 1):
        optimizer.step()
        scheduler.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    return lrs[:num_steps]
'''),
        ("ignores base_lr", '''def lr_trace(make_scheduler, num_steps, base_lr=0.1):
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=1.0)
    scheduler = make_scheduler(optimizer)
    lrs = []
    for _ in range(num_steps):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs
'''),
    ],
    "lambda_scheduler": [
        ("passes lr_fn as the multiplier", '''def lambda_scheduler(optimizer, lr_fn):
    return lr_scheduler.LambdaLR(optimizer, lr_fn)
'''),
        ("reads group['lr'] inside the lambda", '''def lambda_scheduler(optimizer, lr_fn):
    return lr_scheduler.LambdaLR(optimizer, lambda k: lr_fn(k) / optimizer.param_groups[0]["lr"])
'''),
        ("divides by group['lr'], ignores initial_lr", '''def lambda_scheduler(optimizer, lr_fn):
    base_lr = optimizer.param_groups[0]["lr"]
    return lr_scheduler.LambdaLR(optimizer, lambda k: lr_fn(k) / base_lr)
'''),
        ("off by one: lr_fn(k + 1)", '''def lambda_scheduler(optimizer, lr_fn):
    group = optimizer.param_groups[0]
    base_lr = group.get("initial_lr", group["lr"])
    return lr_scheduler.LambdaLR(optimizer, lambda k: lr_fn(k + 1) / base_lr)
'''),
        ("returns a MultiplicativeLR", '''def lambda_scheduler(optimizer, lr_fn):
    group = optimizer.param_groups[0]
    base_lr = group.get("initial_lr", group["lr"])
    group["lr"] = lr_fn(0)
    return lr_scheduler.MultiplicativeLR(optimizer, lambda k: lr_fn(k) / lr_fn(k - 1) if lr_fn(k - 1) else 1.0)
'''),
    ],
    "warmup_cosine_scheduler": [
        ("SequentialLR with LinearLR from 1e-3 and CosineAnnealingLR", '''def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    warmup = lr_scheduler.LinearLR(optimizer, start_factor=1e-3, total_iters=warmup_steps)
    cosine = lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps - warmup_steps, eta_min=eta_min)
    return lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[warmup_steps])
'''),
        ("exact warmup, then a periodic CosineAnnealingLR", '''def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    warmup = lr_scheduler.LambdaLR(optimizer, lambda k: k / warmup_steps if warmup_steps else 1.0)
    cosine = lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps - warmup_steps, eta_min=eta_min)
    return lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[warmup_steps])
'''),
        ("warmup off by one: (k + 1) / warmup_steps", '''import math

def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    base_lr = optimizer.param_groups[0]["lr"]
    def multiplier(k):
        if k < warmup_steps:
            return (k + 1) / warmup_steps
        p = min(1.0, (k - warmup_steps) / (total_steps - warmup_steps))
        return eta_min / base_lr + (1 - eta_min / base_lr) * (1 + math.cos(math.pi * p)) / 2
    return lr_scheduler.LambdaLR(optimizer, multiplier)
'''),
        ("eta_min used as a multiplier", '''import math

def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    def multiplier(k):
        if k < warmup_steps:
            return k / warmup_steps
        p = min(1.0, (k - warmup_steps) / (total_steps - warmup_steps))
        return eta_min + (1 - eta_min) * (1 + math.cos(math.pi * p)) / 2
    return lr_scheduler.LambdaLR(optimizer, multiplier)
'''),
        ("cosine over total_steps, ignoring the warmup", '''import math

def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    base_lr = optimizer.param_groups[0]["lr"]
    def multiplier(k):
        if k < warmup_steps:
            return k / warmup_steps
        p = min(1.0, k / total_steps)
        return eta_min / base_lr + (1 - eta_min / base_lr) * (1 + math.cos(math.pi * p)) / 2
    return lr_scheduler.LambdaLR(optimizer, multiplier)
'''),
    ],
    "plateau_lrs": [
        ("reduces when num_bad >= patience", _PLATEAU_HEAD + _PLATEAU_BETTER + '''        if better:
            best, num_bad = current, 0
        else:
            num_bad += 1
        if cooldown_left > 0:
            cooldown_left -= 1
            num_bad = 0
        if num_bad >= patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > eps:
                lr = new_lr
            cooldown_left, num_bad = cooldown, 0
        lrs.append(lr)
    return lrs
'''),
        ("'fixes' the rel threshold with abs(best)", _PLATEAU_HEAD + '''        if mode == "min" and threshold_mode == "rel":
            better = current < best - threshold * abs(best)
        elif mode == "min":
            better = current < best - threshold
        elif threshold_mode == "rel":
            better = current > best + threshold * abs(best)
        else:
            better = current > best + threshold
        if better:
            best, num_bad = current, 0
        else:
            num_bad += 1
        if cooldown_left > 0:
            cooldown_left -= 1
            num_bad = 0
        if num_bad > patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > eps:
                lr = new_lr
            cooldown_left, num_bad = cooldown, 0
        lrs.append(lr)
    return lrs
'''),
        ("does not reset the bad count after a reduction", _PLATEAU_HEAD + _PLATEAU_BETTER + '''        if better:
            best, num_bad = current, 0
        else:
            num_bad += 1
        if cooldown_left > 0:
            cooldown_left -= 1
            num_bad = 0
        if num_bad > patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > eps:
                lr = new_lr
            cooldown_left = cooldown
        lrs.append(lr)
    return lrs
'''),
        ("cooldown blocks reductions but keeps counting", _PLATEAU_HEAD + _PLATEAU_BETTER + '''        if better:
            best, num_bad = current, 0
        else:
            num_bad += 1
        if cooldown_left > 0:
            cooldown_left -= 1
        elif num_bad > patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > eps:
                lr = new_lr
            cooldown_left, num_bad = cooldown, 0
        lrs.append(lr)
    return lrs
'''),
        ("ignores eps", _PLATEAU_HEAD + _PLATEAU_BETTER + '''        if better:
            best, num_bad = current, 0
        else:
            num_bad += 1
        if cooldown_left > 0:
            cooldown_left -= 1
            num_bad = 0
        if num_bad > patience:
            lr = max(lr * factor, min_lr)
            cooldown_left, num_bad = cooldown, 0
        lrs.append(lr)
    return lrs
'''),
    ],
}

RIGHT = {
    "lr_trace": [
        ("get_last_lr() before stepping", '''def lr_trace(make_scheduler, num_steps, base_lr=0.1):
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=base_lr)
    scheduler = make_scheduler(optimizer)
    out = []
    while len(out) < num_steps:
        out.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
    return out
'''),
        ("a generator and a model's parameters", '''def lr_trace(make_scheduler, num_steps, base_lr=0.1):
    model = torch.nn.Linear(1, 1, bias=False)
    optimizer = torch.optim.SGD(model.parameters(), lr=base_lr)
    scheduler = make_scheduler(optimizer)

    def run():
        for _ in range(num_steps):
            yield float(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step()

    return list(run())
'''),
    ],
    "lambda_scheduler": [
        ("reads scheduler.base_lrs through a closure object", '''class _Ratio:
    def __init__(self, fn):
        self.fn, self.base = fn, None

    def __call__(self, k):
        return self.fn(k) / self.base


def lambda_scheduler(optimizer, lr_fn):
    ratio = _Ratio(lr_fn)
    group = optimizer.param_groups[0]
    ratio.base = group["initial_lr"] if "initial_lr" in group else group["lr"]
    return lr_scheduler.LambdaLR(optimizer, ratio)
'''),
        ("one lambda per param group", '''def lambda_scheduler(optimizer, lr_fn):
    lambdas = []
    for group in optimizer.param_groups:
        base = group.setdefault("initial_lr", group["lr"])
        lambdas.append(lambda k, base=base: lr_fn(k) / base)
    return lr_scheduler.LambdaLR(optimizer, lambdas)
'''),
    ],
    "warmup_cosine_scheduler": [
        ("SequentialLR of two LambdaLRs", '''import math

def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    base_lr = optimizer.param_groups[0]["lr"]
    decay_steps = total_steps - warmup_steps
    cosine = lr_scheduler.LambdaLR(optimizer, lambda j: (
        eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * min(j, decay_steps) / decay_steps)) / 2) / base_lr)
    if warmup_steps == 0:
        return cosine
    warmup = lr_scheduler.LambdaLR(optimizer, lambda k: k / warmup_steps)
    return lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[warmup_steps])
'''),
        ("numpy piecewise lr, divided once", '''import numpy as np

def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    base_lr = optimizer.param_groups[0]["lr"]

    def lr_at(k):
        if k < warmup_steps:
            return base_lr * k / warmup_steps
        p = np.clip((k - warmup_steps) / (total_steps - warmup_steps), 0.0, 1.0)
        return float(eta_min + 0.5 * (base_lr - eta_min) * (1 + np.cos(np.pi * p)))

    return lr_scheduler.LambdaLR(optimizer, lambda k: lr_at(k) / base_lr)
'''),
    ],
    "plateau_lrs": [
        ("PyTorch's ReduceLROnPlateau itself", '''def plateau_lrs(metrics, base_lr, mode="min", factor=0.1, patience=10, threshold=1e-4,
                threshold_mode="rel", cooldown=0, min_lr=0.0, eps=1e-8):
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=base_lr)
    scheduler = lr_scheduler.ReduceLROnPlateau(optimizer, mode=mode, factor=factor, patience=patience,
                                               threshold=threshold, threshold_mode=threshold_mode,
                                               cooldown=cooldown, min_lr=min_lr, eps=eps)
    out = []
    for m in metrics:
        scheduler.step(m)
        out.append(scheduler.get_last_lr()[0])
    return out
'''),
        ("a state-machine class", '''import operator


class _Plateau:
    def __init__(self, mode, threshold, threshold_mode):
        sign = 1.0 if mode == "max" else -1.0
        self.better = operator.gt if mode == "max" else operator.lt
        if threshold_mode == "rel":
            self.bar = lambda best: best * (1.0 + sign * threshold)
        else:
            self.bar = lambda best: best + sign * threshold
        self.best = -float("inf") if mode == "max" else float("inf")
        self.bad = 0
        self.cool = 0

    def improved(self, x):
        if self.better(x, self.bar(self.best)):
            self.best = x
            return True
        return False


def plateau_lrs(metrics, base_lr, mode="min", factor=0.1, patience=10, threshold=1e-4,
                threshold_mode="rel", cooldown=0, min_lr=0.0, eps=1e-8):
    state = _Plateau(mode, threshold, threshold_mode)
    lr, out = base_lr, []
    for m in metrics:
        state.bad = 0 if state.improved(float(m)) else state.bad + 1
        if state.cool:
            state.cool -= 1
            state.bad = 0
        if state.bad > patience:
            new = max(lr * factor, min_lr)
            lr = new if lr - new > eps else lr
            state.cool, state.bad = cooldown, 0
        out.append(lr)
    return out
'''),
    ],
}
