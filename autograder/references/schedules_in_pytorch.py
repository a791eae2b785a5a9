"""References for 07-schedules-in-pytorch.

``lr_trace``, ``lambda_scheduler`` and ``warmup_cosine_scheduler`` are checked through the
adapters of :mod:`autograder.learner.cases.schedules_in_pytorch` (the expected value is the trace of
the returned scheduler). ``warmup_cosine_scheduler`` computes the exact closed form of
``warmup_cosine_lr`` (start_factor 0) inside a ``LambdaLR``: its trace is within one rounding
of the closed form. ``plateau_lrs`` *is* PyTorch's ``ReduceLROnPlateau`` (the definition of
the exercise); the notebook's solution is a pure-Python state machine checked against it.
torch is imported inside the functions so that importing the references stays cheap.
"""
import math


def lr_trace(make_scheduler, num_steps, base_lr=0.1):
    import torch

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=base_lr)
    scheduler = make_scheduler(optimizer)
    lrs = []
    for _ in range(int(num_steps)):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs


def lambda_scheduler(optimizer, lr_fn):
    from torch.optim.lr_scheduler import LambdaLR

    group = optimizer.param_groups[0]
    base_lr = group.get("initial_lr", group["lr"])  # what LambdaLR will multiply
    return LambdaLR(optimizer, lambda k: lr_fn(k) / base_lr)


def warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0):
    from torch.optim.lr_scheduler import LambdaLR

    group = optimizer.param_groups[0]
    base_lr = group.get("initial_lr", group["lr"])
    warmup_steps, total_steps = int(warmup_steps), int(total_steps)

    def lr_at(k):
        if k < warmup_steps:
            return base_lr * k / warmup_steps
        progress = min(1.0, (k - warmup_steps) / (total_steps - warmup_steps))
        return eta_min + (base_lr - eta_min) * (1.0 + math.cos(math.pi * progress)) / 2.0

    return LambdaLR(optimizer, lambda k: lr_at(k) / base_lr)


def plateau_lrs(metrics, base_lr, mode="min", factor=0.1, patience=10, threshold=1e-4,
                threshold_mode="rel", cooldown=0, min_lr=0.0, eps=1e-8):
    import torch
    from torch.optim.lr_scheduler import ReduceLROnPlateau

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=base_lr)
    scheduler = ReduceLROnPlateau(optimizer, mode=mode, factor=factor, patience=patience, threshold=threshold,
                                  threshold_mode=threshold_mode, cooldown=cooldown, min_lr=min_lr, eps=eps)
    lrs = []
    for metric in metrics:
        scheduler.step(metric)
        lrs.append(optimizer.param_groups[0]["lr"])
    return lrs
