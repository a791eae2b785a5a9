"""Variants of 10-lr-range-test-mnist's solution cells (see tests/harness.py)."""

EXP = "def exp_lr_at(i, start_lr, end_lr, num_iter):\n"
SMOOTH = "def smooth_losses(losses, smooth_f=0.05):\n"
SUGGEST = "def suggest_lr(lrs, losses, skip_start=10, skip_end=5):\n"
RANGE = ("def lr_range_test(model, loss_fn, optimizer, loader, start_lr=1e-7, end_lr=10.0, num_iter=100,\n"
         "                  smooth_f=0.05, diverge_th=5.0, device=None):\n")


def _range_test(save="copy.deepcopy(model.state_dict())", save_opt="copy.deepcopy(optimizer.state_dict())",
                fetch=None, lr="start_lr * (end_lr / start_lr) ** (i / (num_iter - 1))",
                set_lr="for group in optimizer.param_groups:\n            group['lr'] = lr",
                smooth="if i > 0:\n            value = smooth_f * value + (1 - smooth_f) * losses[-1]",
                record="lrs.append(lr)\n        losses.append(value)\n        if value > diverge_th * best:\n            break",
                restore="model.load_state_dict(model_state)\n    optimizer.load_state_dict(optimizer_state)"):
    """The reference solution with one part swapped for a variant's."""
    fetch = fetch or ("try:\n            x, y = next(batches)\n        except StopIteration:\n"
                      "            batches = iter(loader)\n            x, y = next(batches)")
    return f"""import copy

{RANGE}    model_state = {save}
    optimizer_state = {save_opt}
    if device is not None:
        model.to(device)
    device = next(model.parameters()).device
    lrs, losses, best = [], [], None
    batches = iter(loader)
    for i in range(num_iter):
        {fetch}
        lr = {lr}
        {set_lr}
        model.train()
        optimizer.zero_grad()
        loss = loss_fn(model(x.to(device)), y.to(device))
        loss.backward()
        optimizer.step()
        value = loss.item()
        {smooth}
        best = value if best is None else min(best, value)
        {record}
    {restore}
    return {{"lrs": lrs, "losses": losses}}
"""


WRONG = {
    "exp_lr_at": [
        ("divides by num_iter", EXP + "    return start_lr * (end_lr / start_lr) ** (i / num_iter)\n"),
        ("lr of iteration i + 1", EXP + "    return start_lr * (end_lr / start_lr) ** ((i + 1) / (num_iter - 1))\n"),
        ("linear sweep", EXP + "    return start_lr + (end_lr - start_lr) * i / (num_iter - 1)\n"),
        ("exponent without parentheses", EXP + "    return start_lr * (end_lr / start_lr) ** i / (num_iter - 1)\n"),
    ],
    "smooth_losses": [
        ("average starts at 0", SMOOTH + "    out, s = [], 0.0\n    for loss in losses:\n"
                                         "        s = smooth_f * loss + (1 - smooth_f) * s\n        out.append(s)\n    return out\n"),
        ("weights swapped", SMOOTH + "    out = []\n    for loss in losses:\n"
                                     "        out.append(loss if not out else (1 - smooth_f) * loss + smooth_f * out[-1])\n"
                                     "    return out\n"),
        ("smooths the list in place", SMOOTH + "    for i in range(1, len(losses)):\n"
                                               "        losses[i] = smooth_f * losses[i] + (1 - smooth_f) * losses[i - 1]\n"
                                               "    return losses\n"),
        ("debiased average (fastai's lr_find)", SMOOTH + "    out, avg, beta = [], 0.0, 1 - smooth_f\n"
                                                         "    for i, loss in enumerate(losses):\n"
                                                         "        avg = beta * avg + (1 - beta) * loss\n"
                                                         "        out.append(avg / (1 - beta ** (i + 1)))\n    return out\n"),
    ],
    "lr_range_test": [
        ("does not restore the state", _range_test(restore="pass")),
        ("state_dict() saved without a copy", _range_test(save="model.state_dict()", save_opt="optimizer.state_dict()")),
        ("stops before recording the diverging loss",
         _range_test(record="if value > diverge_th * best:\n            break\n        lrs.append(lr)\n"
                            "        losses.append(value)")),
        ("never stops", _range_test(record="lrs.append(lr)\n        losses.append(value)")),
        ("records raw losses", _range_test(smooth="pass")),
        ("smoothing starts at 0",
         _range_test(smooth="value = smooth_f * value + (1 - smooth_f) * (losses[-1] if losses else 0.0)")),
        ("lr of iteration i + 1", _range_test(lr="start_lr * (end_lr / start_lr) ** ((i + 1) / (num_iter - 1))")),
        ("sets the lr after optimizer.step()",
         _range_test(set_lr="pass", record="lrs.append(lr)\n        losses.append(value)\n"
                                           "        for group in optimizer.param_groups:\n            group['lr'] = lr\n"
                                           "        if value > diverge_th * best:\n            break")),
        ("first param group only", _range_test(set_lr="optimizer.param_groups[0]['lr'] = lr")),
        ("does not cycle the loader (StopIteration)", _range_test(fetch="x, y = next(batches)")),
        ("restarts the loader at every iteration", _range_test(fetch="x, y = next(iter(loader))")),
    ],
    "suggest_lr": [
        ("no skipping", "import numpy as np\n\n" + SUGGEST + "    return float(lrs[int(np.argmin(np.gradient(np.asarray(losses, float))))])\n"),
        ("argmax (steepest ascent)", "import numpy as np\n\n" + SUGGEST +
         "    kept = np.asarray(losses[skip_start:len(losses) - skip_end], float)\n"
         "    return float(lrs[skip_start + int(np.argmax(np.gradient(kept)))])\n"),
        ("slices with -skip_end", "import numpy as np\n\n" + SUGGEST +
         "    kept = np.asarray(losses[skip_start:-skip_end], float)\n"
         "    return float(lrs[skip_start + int(np.argmin(np.gradient(kept)))])\n"),
        ("np.diff instead of np.gradient", "import numpy as np\n\n" + SUGGEST +
         "    if len(losses) < skip_start + skip_end + 2:\n        raise ValueError('too few points')\n"
         "    kept = np.asarray(losses[skip_start:len(losses) - skip_end], float)\n"
         "    return float(lrs[skip_start + int(np.argmin(np.diff(kept)))])\n"),
        ("forgets the skip_start offset", "import numpy as np\n\n" + SUGGEST +
         "    kept = np.asarray(losses[skip_start:len(losses) - skip_end], float)\n"
         "    return float(lrs[int(np.argmin(np.gradient(kept)))])\n"),
        ("minimum loss / 10", "import numpy as np\n\n" + SUGGEST +
         "    if len(losses) < skip_start + skip_end + 2:\n        raise ValueError('too few points')\n"
         "    kept = np.asarray(losses[skip_start:len(losses) - skip_end], float)\n"
         "    return float(lrs[skip_start + int(np.argmin(kept))]) / 10\n"),
    ],
}

RIGHT = {
    "exp_lr_at": [
        ("logarithms", "import math\n\n" + EXP +
         "    log_lr = math.log(start_lr) + i / (num_iter - 1) * (math.log(end_lr) - math.log(start_lr))\n"
         "    return math.exp(log_lr)\n"),
        ("numpy interpolation in log10", "import numpy as np\n\n" + EXP +
         "    return float(10 ** np.interp(i, [0, num_iter - 1], [np.log10(start_lr), np.log10(end_lr)]))\n"),
    ],
    "smooth_losses": [
        ("itertools.accumulate", "import itertools\n\n" + SMOOTH +
         "    return list(itertools.accumulate(losses, lambda s, l: smooth_f * l + (1 - smooth_f) * s))\n"),
        ("incremental form", SMOOTH + "    out = []\n    for loss in losses:\n"
                                      "        out.append(float(loss) if not out else out[-1] + smooth_f * (loss - out[-1]))\n"
                                      "    return out\n"),
        ("numpy closed form", "import numpy as np\n\n" + SMOOTH +
         "    l = np.asarray(losses, dtype=float)\n    n = len(l)\n    if n == 0:\n        return []\n"
         "    i = np.arange(n)\n    age = np.maximum(i[:, None] - i[None, :], 0)\n"
         "    w = np.where(i[:, None] >= i[None, :], smooth_f * (1 - smooth_f) ** age, 0.0)\n"
         "    w[:, 0] = (1 - smooth_f) ** i\n    return (w @ l).tolist()\n"),
    ],
    "lr_range_test": [
        ("itertools.cycle", "import copy\nimport itertools\n\n" + RANGE +
         "    saved = copy.deepcopy(model.state_dict()), copy.deepcopy(optimizer.state_dict())\n"
         "    if device is not None:\n        model.to(device)\n"
         "    dev = next(model.parameters()).device\n"
         "    out = {'lrs': [], 'losses': []}\n    best = float('inf')\n    model.train()\n"
         "    for i, (x, y) in zip(range(num_iter), itertools.cycle(loader)):\n"
         "        lr = start_lr * (end_lr / start_lr) ** (i / (num_iter - 1))\n"
         "        for g in optimizer.param_groups:\n            g['lr'] = lr\n"
         "        loss = loss_fn(model(x.to(dev)), y.to(dev))\n"
         "        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n"
         "        s = loss.item() if i == 0 else smooth_f * loss.item() + (1 - smooth_f) * out['losses'][-1]\n"
         "        best = min(best, s)\n        out['lrs'].append(lr)\n        out['losses'].append(s)\n"
         "        if s > diverge_th * best:\n            break\n"
         "    model.load_state_dict(saved[0])\n    optimizer.load_state_dict(saved[1])\n    return out\n"),
        ("a LambdaLR scheduler", "import copy\nimport torch\n\n" + RANGE +
         "    model_state = copy.deepcopy(model.state_dict())\n"
         "    optimizer_state = copy.deepcopy(optimizer.state_dict())\n"
         "    device = device or next(model.parameters()).device\n    model.to(device)\n"
         "    for g in optimizer.param_groups:\n        g['lr'] = start_lr\n"
         "    ratio = end_lr / start_lr\n"
         "    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda k: ratio ** (k / (num_iter - 1)))\n"
         "    lrs, losses = [], []\n    it = iter(loader)\n"
         "    while len(lrs) < num_iter:\n"
         "        batch = next(it, None)\n"
         "        if batch is None:\n            it = iter(loader)\n            continue\n"
         "        x, y = batch\n        model.train()\n        optimizer.zero_grad()\n"
         "        loss = loss_fn(model(x.to(device)), y.to(device))\n        loss.backward()\n"
         "        lrs.append(optimizer.param_groups[0]['lr'])\n        optimizer.step()\n        scheduler.step()\n"
         "        losses.append(loss.item() if not losses else smooth_f * loss.item() + (1 - smooth_f) * losses[-1])\n"
         "        if losses[-1] > diverge_th * min(losses):\n            break\n"
         "    model.load_state_dict(model_state)\n    optimizer.load_state_dict(optimizer_state)\n"
         "    return {'lrs': lrs, 'losses': losses}\n"),
    ],
    "suggest_lr": [
        ("pure Python central differences", SUGGEST +
         "    if len(losses) < skip_start + skip_end + 2:\n        raise ValueError('fewer than 2 points left')\n"
         "    f = list(losses)[skip_start:len(losses) - skip_end]\n"
         "    g = [(f[1] - f[0]) / 1.0] + [(f[j + 1] - f[j - 1]) / 2.0 for j in range(1, len(f) - 1)] "
         "+ [(f[-1] - f[-2]) / 1.0]\n"
         "    best = min(range(len(g)), key=g.__getitem__)\n    return lrs[skip_start + best]\n"),
        ("numpy on arrays", "import numpy as np\n\n" + SUGGEST +
         "    lrs, losses = np.asarray(lrs, float), np.asarray(losses, float)\n"
         "    end = len(losses) - skip_end\n    if end - skip_start < 2:\n"
         "        raise ValueError(f'need skip_start + skip_end + 2 = {skip_start + skip_end + 2} points')\n"
         "    return lrs[skip_start:end][np.argmin(np.gradient(losses[skip_start:end]))]\n"),
    ],
}
