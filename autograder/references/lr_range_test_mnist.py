"""References for 10-lr-range-test-mnist: the LR range test (Smith 2017) with the conventions
of ``torch_lr_finder.LRFinder.range_test(step_mode="exp")``."""
import copy

import numpy as np


def exp_lr_at(i, start_lr, end_lr, num_iter):
    return start_lr * (end_lr / start_lr) ** (int(i) / (int(num_iter) - 1))


def smooth_losses(losses, smooth_f=0.05):
    out = []
    for loss in losses:
        out.append(float(loss) if not out else smooth_f * loss + (1 - smooth_f) * out[-1])
    return out


def lr_range_test(model, loss_fn, optimizer, loader, start_lr=1e-7, end_lr=10.0, num_iter=100,
                  smooth_f=0.05, diverge_th=5.0, device=None):
    import torch  # here, so that importing the references stays cheap (as in schedules_in_pytorch)

    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    home = next(model.parameters()).device
    device = home if device is None else torch.device(device)
    model.to(device)
    lrs, losses, best = [], [], None
    batches = iter(loader)
    try:
        for i in range(num_iter):
            try:
                x, y = next(batches)
            except StopIteration:  # start the loader again, as torch-lr-finder's TrainDataLoaderIter
                batches = iter(loader)
                x, y = next(batches)
            lr = exp_lr_at(i, start_lr, end_lr, num_iter)
            for group in optimizer.param_groups:
                group["lr"] = lr
            model.train()
            optimizer.zero_grad()
            loss = loss_fn(model(x.to(device)), y.to(device))
            loss.backward()
            optimizer.step()
            value = loss.item()
            if i > 0:
                value = smooth_f * value + (1 - smooth_f) * losses[-1]
            best = value if best is None else min(best, value)
            lrs.append(lr)
            losses.append(value)
            if value > diverge_th * best:
                break
    finally:
        model.to(home)
        model.load_state_dict(model_state)
        optimizer.load_state_dict(optimizer_state)
    return {"lrs": lrs, "losses": losses}


def suggest_lr(lrs, losses, skip_start=10, skip_end=5):
    if len(losses) < skip_start + skip_end + 2:
        raise ValueError(f"suggest_lr: {len(losses)} points, but skip_start={skip_start} and "
                         f"skip_end={skip_end} leave fewer than 2")
    kept = np.asarray(losses[skip_start:len(losses) - skip_end], dtype=float)
    return float(lrs[skip_start + int(np.argmin(np.gradient(kept)))])
