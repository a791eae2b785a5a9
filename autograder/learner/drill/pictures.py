"""The curves of the drill's curve-reading items: learning-rate traces recorded from PyTorch schedulers
in real training loops, and loss curves of small real runs (seeded, CPU, under a second each).

Each ``picture_<name>()`` returns the data as a :class:`Figure` (no plotting); ``draw`` turns one into
a PNG. The PNGs are committed in ``pictures/`` so that the drill shows them without running anything:

    python -m autograder.learner.drill.pictures            # redraw every picture
    python -m autograder.learner.drill.pictures NAME ...   # some of them

``tests/test_drill.py`` recomputes the data and checks what each item says about its curve.
Titles and legends never name the bug: that is the question.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = Path(__file__).with_name("pictures")


@dataclass
class Panel:
    title: str
    xlabel: str
    ylabel: str
    lines: list = field(default_factory=list)      # (label, xs, ys, style dict)
    logy: bool = False
    logx: bool = False
    vlines: list = field(default_factory=list)     # (x, label)
    hlines: list = field(default_factory=list)     # (y, label)
    marks: list = field(default_factory=list)      # (x, y, text): labelled points


@dataclass
class Figure:
    panels: list

    def line(self, panel: int, label: str) -> tuple[list, list]:
        """``(xs, ys)`` of the line called ``label`` in panel ``panel`` (for the tests)."""
        for name, xs, ys, _ in self.panels[panel].lines:
            if name == label:
                return list(xs), list(ys)
        raise KeyError(label)


INTENDED = {"color": "black", "lw": 3, "alpha": 0.35}
RECORDED = {"color": "tab:red", "lw": 1.4}


# --- training loops that record the learning rate of every update ----------------------------------

def _sgd(lr=0.1, **kw):
    import torch

    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr, **kw)


def loop_trace(make_scheduler, epochs: int, batches: int, *, per: str = "batch", order: str = "optimizer first",
               base_lr: float = 0.1) -> list[float]:
    """The rate of every update of a loop over ``epochs`` x ``batches`` that steps the scheduler per
    "batch" or per "epoch", after ("optimizer first") or before ("scheduler first") optimizer.step()."""
    import warnings

    optimizer = _sgd(base_lr)
    scheduler = make_scheduler(optimizer)
    rates = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the stepping-order warning: it is part of the question's text
        for _ in range(epochs):
            for _ in range(batches):
                if per == "batch" and order == "scheduler first":
                    scheduler.step()
                rates.append(optimizer.param_groups[0]["lr"])
                optimizer.step()
                if per == "batch" and order == "optimizer first":
                    scheduler.step()
            if per == "epoch":
                scheduler.step()
    return rates


def _warmup_cosine(optimizer, warmup=6, total=60, t_max=None):
    from torch.optim import lr_scheduler as L

    return L.SequentialLR(optimizer, [L.LinearLR(optimizer, start_factor=0.1, total_iters=warmup),
                                      L.CosineAnnealingLR(optimizer, T_max=t_max or total - warmup)],
                          milestones=[warmup])


def _trace_panel(title, intended, recorded, logy=False, xlabel="update k", **kw) -> Panel:
    return Panel(title, xlabel, "learning rate",
                 [("intended", range(len(intended)), intended, INTENDED),
                  ("recorded", range(len(recorded)), recorded, RECORDED)], logy=logy, **kw)


def picture_per_epoch_stepping() -> Figure:
    intended = loop_trace(_warmup_cosine, 6, 10)
    recorded = loop_trace(_warmup_cosine, 6, 10, per="epoch")
    return Figure([_trace_panel("6 epochs × 10 batches: warmup over 6 updates, then cosine over 54", intended, recorded,
                                vlines=[(10 * e, "") for e in range(1, 6)])])


def picture_t_max_in_epochs() -> Figure:
    from torch.optim import lr_scheduler as L

    intended = loop_trace(lambda o: L.CosineAnnealingLR(o, T_max=500), 10, 50)
    recorded = loop_trace(lambda o: L.CosineAnnealingLR(o, T_max=10), 10, 50)
    return Figure([_trace_panel("10 epochs × 50 batches, meant to anneal once over the run", intended, recorded)])


def picture_sgdr_t0_in_epochs() -> Figure:
    from torch.optim import lr_scheduler as L

    intended = loop_trace(lambda o: L.CosineAnnealingWarmRestarts(o, T_0=100, T_mult=2), 6, 50)
    recorded = loop_trace(lambda o: L.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=2), 6, 50)
    return Figure([_trace_panel("6 epochs × 50 batches, meant to restart after epochs 2 and 6", intended, recorded)])


def picture_stepping_order() -> Figure:
    intended = loop_trace(_warmup_cosine, 6, 10)[:12]
    recorded = loop_trace(_warmup_cosine, 6, 10, order="scheduler first")[:12]
    return Figure([Panel("the first 12 updates (warmup over 6, then cosine)", "update k", "learning rate",
                         [("intended", [k - 0.2 for k in range(12)], intended, {"kind": "bar", "width": 0.4, "color": "0.6"}),
                          ("recorded", [k + 0.2 for k in range(12)], recorded,
                           {"kind": "bar", "width": 0.4, "color": "tab:red"})])])


def picture_cosine_past_end() -> Figure:
    from torch.optim import lr_scheduler as L

    recorded = loop_trace(lambda o: L.CosineAnnealingLR(o, T_max=100), 1, 160)
    intended = [min(r, 1e9) if k <= 100 else 0.0 for k, r in enumerate(recorded)]
    return Figure([_trace_panel("T_max = 100; the run was extended to 160 updates", intended, recorded,
                                vlines=[(100, "T_max")])])


def picture_exponential_per_batch() -> Figure:
    from torch.optim import lr_scheduler as L

    intended = loop_trace(lambda o: L.ExponentialLR(o, gamma=0.95), 5, 100, per="epoch")
    recorded = loop_trace(lambda o: L.ExponentialLR(o, gamma=0.95), 5, 100)
    return Figure([_trace_panel("ExponentialLR(gamma=0.95), 5 epochs × 100 batches", intended, recorded, logy=True)])


def picture_t_max_ignores_warmup() -> Figure:
    intended = loop_trace(_warmup_cosine, 6, 10)
    recorded = loop_trace(lambda o: _warmup_cosine(o, t_max=60), 6, 10)
    return Figure([_trace_panel("warmup over 6 updates, then cosine; 60 updates in all", intended, recorded, logy=True)])


def _resume_traces():
    """Notebook 07's experiment: warmup (10) then cosine (50) with momentum SGD, checkpoint at update 30."""
    import io

    import torch
    import torch.nn.functional as F
    from torch.optim import lr_scheduler as L

    gen = torch.Generator().manual_seed(0)
    X = torch.randn(256, 10, generator=gen)
    y = X @ torch.randn(10, 1, generator=gen) + 0.1 * torch.randn(256, 1, generator=gen)

    def schedule(optimizer):
        return L.SequentialLR(optimizer, [L.LinearLR(optimizer, start_factor=0.1, total_iters=10),
                                          L.CosineAnnealingLR(optimizer, T_max=50, eta_min=1e-3)], milestones=[10])

    def build(with_scheduler=True):
        torch.manual_seed(1)
        model = torch.nn.Linear(10, 1)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
        return model, optimizer, (schedule(optimizer) if with_scheduler else None)

    def train(model, optimizer, scheduler, first, last):
        rates = []
        for k in range(first, last):
            idx = torch.arange(16 * k, 16 * k + 16) % len(X)
            loss = F.mse_loss(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            rates.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step()
        return rates

    model, optimizer, scheduler = build()
    full = train(model, optimizer, scheduler, 0, 60)
    model, optimizer, scheduler = build()
    first_half = train(model, optimizer, scheduler, 0, 30)
    buffer = io.BytesIO()
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()},
               buffer)

    def checkpoint():
        return torch.load(io.BytesIO(buffer.getvalue()))

    ck = checkpoint()                       # the scheduler state is not restored
    model, optimizer, scheduler = build()
    model.load_state_dict(ck["model"])
    optimizer.load_state_dict(ck["optimizer"])
    not_restored = first_half + train(model, optimizer, scheduler, 30, 60)

    ck = checkpoint()                       # the scheduler is built after optimizer.load_state_dict
    model, optimizer, _ = build(with_scheduler=False)
    model.load_state_dict(ck["model"])
    optimizer.load_state_dict(ck["optimizer"])
    scheduler = schedule(optimizer)
    scheduler.load_state_dict(ck["scheduler"])
    built_after = first_half + train(model, optimizer, scheduler, 30, 60)
    return full, not_restored, built_after


def picture_resume_scheduler_not_restored() -> Figure:
    full, not_restored, _ = _resume_traces()
    return Figure([_trace_panel("warmup then cosine; checkpoint at update 30, resumed", full, not_restored, logy=True,
                                vlines=[(30, "resume")])])


def picture_resume_scheduler_built_after_load() -> Figure:
    full, _, built_after = _resume_traces()
    return Figure([_trace_panel("warmup then cosine; checkpoint at update 30, resumed", full, built_after, logy=True,
                                vlines=[(30, "resume")])])


# --- small real runs (loss curves) ---------------------------------------------------------------------

def _regression(n=512, d=20, noise=0.5, scale_max=3.0, seed=0):
    import torch

    gen = torch.Generator().manual_seed(seed)
    scales = torch.linspace(1.0, scale_max, d)
    X = torch.randn(n, d, generator=gen) * scales
    w = torch.randn(d, 1, generator=gen)
    y = X @ w + noise * torch.randn(n, 1, generator=gen)
    return X, y


def _edge_of_stability(X) -> float:
    """2 / lambda_max of the Hessian of the mean squared error of a linear model (no bias)."""
    import torch

    H = 2 * X.T @ X / len(X)
    return float(2 / torch.linalg.eigvalsh(H).max())


def sgd_losses(X, y, rates, batch: int, seed: int = 0, optimizer: str = "sgd", momentum: float = 0.0,
               full: bool = False):
    """Mean-squared-error losses of a linear model trained by minibatch SGD at the given rates (one per
    update; a reshuffled pass over the data per epoch): the batch's loss, or with ``full`` the loss on
    all the data before the update. Stops at the first non-finite loss (NaN)."""
    import torch

    gen = torch.Generator().manual_seed(seed)
    w = torch.zeros(X.shape[1], 1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=rates[0], momentum=momentum) if optimizer == "sgd" else torch.optim.Adam([w], lr=rates[0])
    losses, order, pos = [], torch.randperm(len(X), generator=gen), 0
    for lr in rates:
        if pos + batch > len(X):
            order, pos = torch.randperm(len(X), generator=gen), 0
        idx = order[pos:pos + batch]
        pos += batch
        loss = ((X[idx] @ w - y[idx]) ** 2).mean()
        recorded = ((X @ w - y) ** 2).mean().item() if full else loss.item()
        if not math.isfinite(recorded):
            losses.append(float("nan"))
            break
        losses.append(recorded)
        for group in opt.param_groups:
            group["lr"] = lr
        opt.zero_grad()
        loss.backward()
        opt.step()
    return losses


def picture_warmup_from_zero_per_epoch() -> Figure:
    from torch.optim import lr_scheduler as L

    def warmup(o):
        return L.LambdaLR(o, lambda k: min(1.0, k / 5))

    epochs, batches = 6, 32
    rates = loop_trace(warmup, epochs, batches, per="epoch", base_lr=0.02)
    intended = loop_trace(lambda o: L.LambdaLR(o, lambda k: min(1.0, k / 160)), epochs, batches, base_lr=0.02)
    X, y = _regression()
    return Figure([
        _trace_panel("LambdaLR warmup to 0.02, 6 epochs × 32 batches", intended, rates,
                     vlines=[(batches * e, "") for e in range(1, epochs)]),
        Panel("training loss", "update k", "loss", [("recorded", range(len(rates)), sgd_losses(X, y, rates, 16), RECORDED)],
              logy=True, vlines=[(batches * e, "") for e in range(1, epochs)]),
    ])


def _nan_warmup_run():
    X, y = _regression()
    edge = _edge_of_stability(X)
    peak, warmup, total = 4 * edge, 200, 300
    rates = [peak * min(1.0, k / warmup) for k in range(total)]
    return rates, sgd_losses(X, y, rates, batch=len(X)), edge


def picture_nan_in_warmup() -> Figure:
    rates, losses, edge = _nan_warmup_run()
    n = len(losses)
    return Figure([
        Panel("learning rate: linear warmup over 200 updates", "update k", "learning rate",
              [("rate", range(len(rates)), rates, RECORDED)], hlines=[(edge, "2 / λ_max")]),
        Panel("training loss (the run stops where it becomes NaN)", "update k", "loss",
              [("loss", range(n), losses, RECORDED)], logy=True, vlines=[(n - 1, "NaN")]),
    ])


def _resume_adam_run():
    import torch

    X, y = _regression(n=512, d=20, noise=0.1)
    total, resume, lr = 400, 200, 0.05
    rates = [lr * 0.5 * (1 + math.cos(math.pi * k / total)) for k in range(total)]

    def run(reset_at=None, seed=0):
        gen = torch.Generator().manual_seed(seed)
        w = torch.zeros(X.shape[1], 1, requires_grad=True)
        opt = torch.optim.Adam([w], lr=rates[0])
        losses = []
        for k, rate in enumerate(rates):
            if k == reset_at:              # the checkpoint held the weights, not the optimizer
                opt = torch.optim.Adam([w], lr=rate)
            idx = torch.randint(0, len(X), (32,), generator=gen)
            loss = ((X[idx] @ w - y[idx]) ** 2).mean()
            losses.append(loss.item())
            for group in opt.param_groups:
                group["lr"] = rate
            opt.zero_grad()
            loss.backward()
            opt.step()
        return losses

    return rates, run(), run(reset_at=resume), resume


def picture_loss_jump_after_resume() -> Figure:
    rates, full, resumed, at = _resume_adam_run()
    return Figure([
        Panel("learning rate (cosine), both runs", "update k", "learning rate",
              [("uninterrupted", range(len(rates)), rates, INTENDED), ("resumed", range(len(rates)), rates, RECORDED)],
              vlines=[(at, "resume")]),
        Panel("training loss, Adam", "update k", "loss",
              [("uninterrupted", range(len(full)), full, INTENDED), ("resumed", range(len(resumed)), resumed, RECORDED)],
              logy=True, vlines=[(at, "resume")]),
    ])


def _double_batch_runs():
    X, y = _regression(n=2048)
    edge = _edge_of_stability(X)
    lr = 0.6 * edge
    small = sgd_losses(X, y, [lr] * 300, batch=32)
    linear = sgd_losses(X, y, [2 * lr] * 300, batch=64)
    sqrt = sgd_losses(X, y, [math.sqrt(2) * lr] * 300, batch=64)
    return edge, lr, small, linear, sqrt


def picture_double_batch_divergence() -> Figure:
    edge, lr, small, linear, sqrt = _double_batch_runs()
    return Figure([Panel("training loss (a run stops at NaN)", "update k", "loss",
                         [("batch 32, lr η", range(len(small)), small, INTENDED),
                          ("batch 64, lr 2η", range(len(linear)), linear, RECORDED),
                          ("batch 64, lr 1.41η", range(len(sqrt)), sqrt, {"color": "tab:blue", "lw": 1.2, "ls": "--"})],
                         logy=True)])


def _step_decay_runs(seeds=(0, 1, 2)):
    """Excess loss (full-data loss minus the least-squares optimum) of three schedules, per seed."""
    import torch

    X, y = _regression(n=1024, noise=1.0)
    best = ((X @ torch.linalg.lstsq(X, y).solution - y) ** 2).mean().item()
    edge = _edge_of_stability(X)
    high, low = 0.3 * edge, 0.03 * edge
    schedules = {"constant, high": [high] * 600, "constant, low": [low] * 600,
                 "step decay at 200": [high if k < 200 else low for k in range(600)]}
    return {label: [[v - best for v in sgd_losses(X, y, rates, 8, seed, full=True)] for seed in seeds]
            for label, rates in schedules.items()}


def picture_loss_drop_after_decay() -> Figure:
    runs = _step_decay_runs()
    styles = {"constant, high": {"color": "tab:orange", "lw": 1.2}, "constant, low": {"color": "tab:blue", "lw": 1.2},
              "step decay at 200": {"color": "black", "lw": 1.8}}
    lines = []
    for label, per_seed in runs.items():
        mean = [sum(v) / len(v) for v in zip(*per_seed)]
        lines.append((label, range(len(mean)), mean, styles[label]))
    return Figure([Panel("minibatch SGD on a linear regression: excess loss, mean of 3 seeds", "update k",
                         "loss − best loss", lines, logy=True, vlines=[(200, "step decay ÷10")])])


def _plateau_traces():
    """ReduceLROnPlateau(mode="min", factor=0.5, patience=3), defaults otherwise (threshold_mode "rel"),
    fed a validation loss that is negative (a negative log-likelihood, say) and flat from epoch 10;
    and, for comparison, the same curve shifted to positive values."""
    import torch
    from torch.optim import lr_scheduler as L

    metric = [-2.0 - min(0.2 * e, 2.0) for e in range(30)]
    out = {}
    for label, shift in (("recorded", 0.0), ("intended", 5.0)):
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
        scheduler = L.ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=3)
        rates = []
        for value in metric:
            scheduler.step(value + shift)
            rates.append(optimizer.param_groups[0]["lr"])
        out[label] = rates
    return metric, out


def picture_plateau_never_reduces() -> Figure:
    metric, rates = _plateau_traces()
    return Figure([
        Panel("validation loss passed to scheduler.step()", "epoch", "validation loss",
              [("loss", range(len(metric)), metric, RECORDED)]),
        Panel("learning rate after each scheduler.step(val_loss)", "epoch", "learning rate",
              [("intended", range(len(metric)), rates["intended"], INTENDED),
               ("recorded", range(len(metric)), rates["recorded"], RECORDED)], logy=True),
    ])


def _range_test_curve():
    import torch

    from autograder.references import REFERENCES  # a real range test, run by the course's reference

    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    X = torch.randn(2048, 20, generator=gen)
    labels = (X[:, :5].sum(dim=1) > 0).long() + (X[:, 5:10].sum(dim=1) > 0).long()
    model = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 3))
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-7, momentum=0.9)
    loader = [(X[i:i + 32], labels[i:i + 32]) for i in range(0, len(X), 32)]
    return REFERENCES["lr_range_test"](model, torch.nn.CrossEntropyLoss(), optimizer, loader, start_lr=1e-5,
                                       end_lr=10.0, num_iter=120)


def range_test_points(curve) -> dict:
    """The four labelled points of the range-test picture: A the flat start, B the steepest descent,
    C the minimum, D where it blows up."""
    import numpy as np

    losses = curve["losses"]
    grad = np.gradient(losses)
    b = int(np.argmin(grad[10:-5])) + 10
    c = int(np.argmin(losses))
    return {"A": 5, "B": b, "C": c, "D": len(losses) - 1}


def picture_range_test_reading() -> Figure:
    curve = _range_test_curve()
    points = range_test_points(curve)
    lrs, losses = curve["lrs"], curve["losses"]
    return Figure([Panel("LR range test (smoothed loss), SGD with momentum 0.9, a small MLP", "learning rate (log scale)",
                         "smoothed loss", [("loss", lrs, losses, {"color": "black", "lw": 1.6})], logx=True,
                         marks=[(lrs[i], losses[i], k) for k, i in points.items()])])


PICTURES = {name.removeprefix("picture_"): fn for name, fn in sorted(globals().items()) if name.startswith("picture_")}


# --- drawing ------------------------------------------------------------------------------------------

def draw(figure: Figure, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = len(figure.panels)
    fig, axes = plt.subplots(1, n, figsize=(6.2 * n if n > 1 else 7.0, 3.3), dpi=80, squeeze=False)
    try:
        for ax, panel in zip(axes[0], figure.panels):
            for label, xs, ys, style in panel.lines:
                style = dict(style)
                if style.pop("kind", None) == "bar":
                    ax.bar(list(xs), list(ys), label=label, **style)
                else:
                    ax.plot(list(xs), list(ys), label=label, **style)
            for x, label in panel.vlines:
                ax.axvline(x, color="gray", ls=":", lw=1)
                if label:
                    ax.annotate(label, (x, 1), xycoords=("data", "axes fraction"), xytext=(3, -12),
                                textcoords="offset points", fontsize=8, color="gray")
            for y, label in panel.hlines:
                ax.axhline(y, color="tab:green", ls="--", lw=1)
                if label:
                    ax.annotate(label, (0, y), xycoords=("axes fraction", "data"), xytext=(4, 3),
                                textcoords="offset points", fontsize=8, color="tab:green")
            for x, y, text in panel.marks:
                ax.plot([x], [y], "o", color="tab:red", ms=6)
                ax.annotate(text, (x, y), xytext=(-4, 8), textcoords="offset points", fontsize=12, weight="bold",
                            color="tab:red")
            ax.set_title(panel.title, fontsize=9)
            ax.set_xlabel(panel.xlabel)
            ax.set_ylabel(panel.ylabel)
            if panel.logy:
                ax.set_yscale("log")
            if panel.logx:
                ax.set_xscale("log")
            ax.grid(alpha=0.3)
            if len(panel.lines) > 1:
                ax.legend(fontsize=8)
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, metadata={"Software": None})
    finally:
        plt.close(fig)
    return path


def main(argv: list[str]) -> int:
    names = argv or sorted(PICTURES)
    unknown = [n for n in names if n not in PICTURES]
    if unknown:
        print(f"unknown picture(s) {unknown}; known: {sorted(PICTURES)}", file=sys.stderr)
        return 2
    for name in names:
        print(f"wrote {draw(PICTURES[name](), FOLDER / f'{name}.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
