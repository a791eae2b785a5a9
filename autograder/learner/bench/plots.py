"""Figures of results: every curve is the mean over seeds, with a band from the lowest to the
highest seed, so that the spread is always in view; tables give mean ± standard deviation
and the range. ``results`` is what :func:`bench.load` or :func:`bench.run_experiment`
returns."""
from __future__ import annotations

import math
import statistics

LABELS = {"train_loss": "training loss (mini-batch, window mean)", "test_loss": "test loss",
          "test_acc": "test accuracy", "train_set_loss": "training-set loss", "train_set_acc": "training-set accuracy",
          "lr": "learning rate"}


def _columns(rows):
    """Per position: the values of the seeds that have one there."""
    width = max((len(r) for r in rows), default=0)
    return [[r[i] for r in rows if i < len(r) and r[i] is not None] for i in range(width)]


def mean_band(rows):
    """``(mean, low, high)`` lists over seeds, position by position (``nan`` where no seed has a value)."""
    cols = _columns(rows)
    nan = float("nan")
    return ([statistics.fmean(c) if c else nan for c in cols], [min(c) if c else nan for c in cols],
            [max(c) if c else nan for c in cols])


def xs(run: dict, metric: str) -> list:
    """The x values of a metric: update counts (window centres for the training loss)."""
    if metric == "train_loss":
        w = run["window"]
        return [i * w + w / 2 for i in range(len(run["train_loss"][0]))]
    if metric in ("lr", "momentum"):
        return list(range(len(run[metric])))
    return run["eval_step"]


def curves(results: dict, metric: str, ax=None, labels=None, logy=False, title=None, styles=None, scale=1.0):
    """One mean curve and min–max band per run of ``results``; returns the axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.2))
    for label in labels or results["runs"]:
        run = results["runs"][label]
        style = dict((styles or {}).get(label, {}))
        if metric in ("lr", "momentum"):
            line, = ax.plot(xs(run, metric), [v * scale for v in run[metric]], label=label, **style)
            continue
        mean, low, high = mean_band(run[metric])
        x = xs(run, metric)[:len(mean)]
        line, = ax.plot(x, [v * scale for v in mean], label=label, **style)
        ax.fill_between(x, [v * scale for v in low], [v * scale for v in high], color=line.get_color(), alpha=0.2,
                        lw=0)
    ax.set_xlabel("update")
    ax.set_ylabel(LABELS.get(metric, metric) + (" (%)" if scale == 100 else ""))
    if logy:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    ax.grid(alpha=0.3)
    return ax


def side_by_side(results: dict, metrics=("train_loss", "test_loss"), labels=None, logy=True, titles=None,
                 styles=None, figsize=(12, 3.6), suptitle=None):
    """The metrics next to each other (e.g. training and test loss), one legend; returns the figure."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(metrics), figsize=figsize)
    axes = list(axes) if len(metrics) > 1 else [axes]
    for i, (ax, metric) in enumerate(zip(axes, metrics)):
        log = logy[i] if isinstance(logy, (list, tuple)) else logy
        curves(results, metric, ax=ax, labels=labels, logy=log and metric not in ("test_acc", "train_set_acc"),
               title=(titles or [None] * len(metrics))[i], styles=styles,
               scale=100 if metric.endswith("acc") else 1.0)
    axes[0].legend(fontsize=8)
    n = len(results["seeds"])
    fig.suptitle(suptitle or f"{results['title']}  (mean of {n} seeds; band: lowest to highest seed)", fontsize=10)
    fig.tight_layout()
    return fig


def finals(results: dict, label: str, metric: str = "test_acc") -> list[float]:
    """The last value of ``metric`` of every seed of one run (``nan`` for a seed that diverged)."""
    return [row[-1] if row and row[-1] is not None else float("nan") for row in results["runs"][label][metric]]


def spread(values) -> str:
    values = list(values)
    ok = [v for v in values if not math.isnan(v)]
    if not ok:
        return "every seed diverged"
    sd = statistics.stdev(ok) if len(ok) > 1 else 0.0
    lost = f", {len(values) - len(ok)} of {len(values)} diverged" if len(ok) < len(values) else ""
    return f"{statistics.fmean(ok):.4g} ± {sd:.2g}  [{min(ok):.4g}, {max(ok):.4g}]{lost}"


def table(results: dict, metric: str = "test_acc", labels=None, scale=None) -> None:
    """Prints, per run, the final ``metric``: mean ± standard deviation over the seeds, [lowest, highest]."""
    scale = scale or (100 if metric.endswith("acc") else 1)
    unit = " (%)" if scale == 100 else ""
    width = max(len(label) for label in labels or results["runs"])
    print(f"final {metric}{unit} over {len(results['seeds'])} seeds: mean ± sd [lowest, highest]")
    for label in labels or results["runs"]:
        print(f"  {label:<{width}}  {spread(v * scale for v in finals(results, label, metric))}")


def compare(results: dict, a: str, b: str, metric: str = "test_acc") -> str:
    """Whether runs ``a`` and ``b`` differ in their final ``metric`` by more than the spread
    over seeds: a difference is called out only when the ranges of the seeds do not overlap."""
    va = [v for v in finals(results, a, metric) if not math.isnan(v)]
    vb = [v for v in finals(results, b, metric) if not math.isnan(v)]
    if not va or not vb:
        return f"{a} vs {b}: a run diverged on every seed"
    scale = 100 if metric.endswith("acc") else 1
    gap = (statistics.fmean(va) - statistics.fmean(vb)) * scale
    if min(va) > max(vb) or min(vb) > max(va):
        verdict = "larger than the spread: every seed of one is better than every seed of the other"
    else:
        verdict = "within the spread: the seeds overlap, this experiment shows no difference"
    return f"{a} minus {b}: {gap:+.3g}{' points' if scale == 100 else ''} of {metric}; {verdict}"
