"""Small helpers the notebooks share: the device, schedule plots and sliders.

They hold no course content and no solution: a notebook's teaching code stays in the
notebook, next to the formula it computes.
"""
from __future__ import annotations

import os
from typing import Callable, Mapping, Sequence

from .checks import torch_lrs

__all__ = ["pick_device", "grading", "torch_lrs", "plot_schedules", "explore"]


def pick_device(verbose: bool = True):
    """CUDA if present, else Apple's MPS, else the CPU; prints which one."""
    import torch

    if torch.cuda.is_available():
        device = torch.device("cuda")
        name = torch.cuda.get_device_name(0)
    elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        device, name = torch.device("mps"), "Apple GPU (MPS)"
    else:
        device, name = torch.device("cpu"), f"CPU, {torch.get_num_threads()} thread(s)"
    if verbose:
        print(f"device: {device} ({name}); torch {torch.__version__}")
    return device


def grading() -> bool:
    """True while nbgrader executes the notebook: heavy demonstration cells skip then."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def plot_schedules(curves: Mapping[str, Sequence[float]], *, title: str = "", ax=None,
                   logy: bool = False, styles: Mapping[str, dict] | None = None,
                   xlabel: str = "step (optimizer update)"):
    """One line per schedule, learning rate against step; returns the axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.2))
    for label, lrs in curves.items():
        ax.plot(range(len(lrs)), lrs, label=label, **((styles or {}).get(label, {})))
    ax.set_xlabel(xlabel)
    ax.set_ylabel("learning rate")
    if logy:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    if len(curves) > 1:
        ax.legend()
    ax.grid(alpha=0.3)
    return ax


def explore(curves: Callable[..., Mapping[str, Sequence[float]]], *, logy: bool = False,
            title: str = "", **sliders):
    """An interactive plot: ``curves(**values)`` returns ``{label: lrs}`` and is redrawn
    whenever one of the ``sliders`` (ipywidgets) moves. Returns the widget. On the course
    website (``LR_STATIC_WIDGETS=1`` while it is built) it draws the first frame instead."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(**values):
        plot_schedules(curves(**values), logy=logy, title=title)
        plt.show()

    if os.environ.get("LR_STATIC_WIDGETS"):
        from IPython.display import Markdown, display

        values = {name: getattr(w, "value", w) for name, w in sliders.items()}
        draw(**values)
        shown = ", ".join(f"{k} = {v:g}" if isinstance(v, (int, float)) else f"{k} = {v}" for k, v in values.items())
        display(Markdown(f"*The first frame of an interactive plot ({shown}): open the notebook in Jupyter "
                         "to move its sliders.*"))
        return None
    return widgets.interactive(draw, **sliders)


class _QuietPyplot:
    """Makes ``plt.show()`` close the figures instead of drawing them, whenever pyplot is
    imported (importing pyplot here would cost its 0.4 s to notebooks that never plot)."""

    def find_spec(self, name, path, target=None):
        if name != "matplotlib.pyplot":
            return None
        import importlib.util
        import sys

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            module.show = lambda *args, **kwargs: module.close("all")

        spec.loader.exec_module = exec_module
        return spec


def _no_figures_while_grading() -> None:
    """Under nbgrader nobody looks at the figures: draw none (about half of a notebook's
    grading time was spent rendering them)."""
    if grading():
        import sys

        os.environ["MPLBACKEND"] = "Agg"
        if "matplotlib.pyplot" in sys.modules:
            plt = sys.modules["matplotlib.pyplot"]
            plt.switch_backend("Agg")
            plt.show = lambda *args, **kwargs: plt.close("all")
        elif not any(isinstance(f, _QuietPyplot) for f in sys.meta_path):
            sys.meta_path.insert(0, _QuietPyplot())


_no_figures_while_grading()
