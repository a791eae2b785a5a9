"""The bench's three tasks: what is trained, on what data, and how it is measured.

A task is a small object with four methods, so that one training loop (``bench.train``)
serves all of them:

* ``model(seed)``: a freshly initialised ``torch.nn.Module`` (the same weights for the same seed);
* ``batches(seed)``: an endless iterator of training batches, in a seeded order;
* ``loss(model, batch)``: the mini-batch loss, a scalar tensor to back-propagate;
* ``evaluate(model)``: a dict of measurements without randomness: ``test_loss``, ``test_acc``
  where accuracy means something, and for MNIST ``train_set_loss`` / ``train_set_acc`` on a
  fixed part of the training set (the other side of a generalization plot).

Every task is small enough that one run takes well under a second to a few seconds on one CPU
thread. ``TASKS`` lists them by name.
"""
from __future__ import annotations

import functools
import math
from typing import Iterator

import torch
import torch.nn.functional as F
from torch import nn

# --- real MNIST, a small MLP ---------------------------------------------------------------

MEAN, STD = 0.1307, 0.3081      # of MNIST's training pixels


@functools.lru_cache(maxsize=2)
def mnist_tensors(device: str = "cpu"):
    """``(train_x, train_y, test_x, test_y)``: MNIST flattened to 784 floats, normalised,
    read once per process with :func:`autograder.learner.mnist.load_mnist`."""
    from ..mnist import load_mnist

    data = load_mnist(progress=False)

    def prep(images):
        return images.reshape(len(images), -1).float().div_(255).sub_(MEAN).div_(STD).to(device)

    return (prep(data.train_images), data.train_labels.to(device),
            prep(data.test_images), data.test_labels.to(device))


class MNISTTask:
    """Real MNIST (60 000 training, 10 000 test images) and an MLP ``784 → hidden → 10``.

    Batches are drawn without replacement, epoch after epoch, each epoch in a new order from a
    generator seeded with the run's seed. ``n_train`` keeps only the first images of the
    training set (a small training set makes over-fitting, hence generalization, visible).
    ``evaluate`` measures the loss and accuracy on the 10 000 test images and on the first
    ``train_eval`` training images of the subset (the "train" side of a generalization plot).
    """

    def __init__(self, hidden=(100,), batch_size=32, n_train=60_000, train_eval=10_000, device="cpu"):
        self.hidden, self.batch_size, self.n_train, self.device = tuple(hidden), batch_size, n_train, device
        self.train_eval = train_eval
        self.name = "mnist"

    def settings(self) -> dict:
        return {"task": "mnist", "hidden": list(self.hidden), "batch_size": self.batch_size, "n_train": self.n_train,
                "train_eval": self.train_eval}

    def model(self, seed: int) -> nn.Module:
        torch.manual_seed(seed)
        sizes = (784, *self.hidden)
        layers = []
        for a, b in zip(sizes, sizes[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        return nn.Sequential(*layers, nn.Linear(sizes[-1], 10)).to(self.device)

    def batches(self, seed: int) -> Iterator:
        x, y = mnist_tensors(self.device)[:2]
        x, y = x[: self.n_train], y[: self.n_train]
        g = torch.Generator().manual_seed(10_000 + seed)
        while True:
            order = torch.randperm(len(y), generator=g).to(self.device)
            for start in range(0, len(y) - self.batch_size + 1, self.batch_size):
                index = order[start:start + self.batch_size]
                yield x[index], y[index]

    def loss(self, model, batch):
        x, y = batch
        return F.cross_entropy(model(x), y)

    @torch.no_grad()
    def _logits(self, model, x, chunk=2000):
        return torch.cat([model(x[i:i + chunk]) for i in range(0, len(x), chunk)])

    @torch.no_grad()
    def evaluate(self, model) -> dict:
        train_x, train_y, test_x, test_y = mnist_tensors(self.device)
        n = min(self.n_train, self.train_eval)
        out = {}
        for part, x, y in (("test", test_x, test_y), ("train_set", train_x[:n], train_y[:n])):
            if len(y):
                logits = self._logits(model, x)
                out[f"{part}_loss"] = F.cross_entropy(logits, y).item()
                out[f"{part}_acc"] = (logits.argmax(1) == y).float().mean().item()
        return out

    @torch.no_grad()
    def test_probabilities(self, model) -> torch.Tensor:
        """Softmax outputs on the test set (for snapshot ensembles)."""
        return F.softmax(self._logits(model, mnist_tensors(self.device)[2]), dim=1)

    def test_labels(self):
        return mnist_tensors(self.device)[3]


class MNISTCNNTask(MNISTTask):
    """Real MNIST and the capstone's CNN (notebook 10): two 3×3 convolutions (16 and 32
    channels), each with BatchNorm, ReLU and 2×2 max-pooling, a hidden layer of 128 units;
    batches of 64. About 20 ms per update on one CPU thread."""

    def __init__(self, batch_size=64, n_train=60_000, train_eval=0, device="cpu"):
        super().__init__(hidden=(), batch_size=batch_size, n_train=n_train, train_eval=train_eval, device=device)
        self.name = "mnist-cnn"

    def settings(self) -> dict:
        return {"task": "mnist-cnn", "batch_size": self.batch_size, "n_train": self.n_train,
                "train_eval": self.train_eval}

    def model(self, seed: int) -> nn.Module:
        torch.manual_seed(seed)
        return nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10),
        ).to(self.device)

    @torch.no_grad()
    def evaluate(self, model) -> dict:
        was = model.training
        model.eval()  # BatchNorm's running statistics
        try:
            return super().evaluate(model)
        finally:
            model.train(was)

    @torch.no_grad()
    def test_probabilities(self, model) -> torch.Tensor:
        was = model.training
        model.eval()
        try:
            return super().test_probabilities(model)
        finally:
            model.train(was)


# --- the noisy quadratic model -------------------------------------------------------------

class Point(nn.Module):
    """The parameters of the noisy quadratic: one vector ``x``."""

    def __init__(self, x0):
        super().__init__()
        self.x = nn.Parameter(x0.clone())


class NoisyQuadraticTask:
    """The noisy quadratic model (Zhang et al. 2019, "Which algorithmic choices matter at which
    batch sizes?"): ``L(x) = ½ Σ h_i x_i²`` with curvatures ``h_i`` spread over ``condition``
    (log-spaced from 1 down to ``1/condition``), and gradients with Gaussian noise whose
    variance is ``noise · h_i`` per coordinate (noise proportional to the curvature, as for a
    mini-batch gradient). ``x`` starts at 1 in every coordinate.

    The mini-batch loss ``½ Σ h_i x_i² + Σ ε_i x_i`` has exactly that noisy gradient and an
    unbiased value. ``evaluate`` gives the exact loss. For plain SGD the expected loss has a
    closed recursion (:meth:`expected_loss`): the noise floor of a constant rate ``η`` is
    ``η · noise · Σ_i h_i / (2 (2 - η h_i))``, proportional to ``η`` for small rates.
    """

    def __init__(self, dim=100, condition=1000.0, noise=0.01, device="cpu"):
        self.dim, self.condition, self.noise, self.device = dim, float(condition), float(noise), device
        self.name = "quadratic"

    def settings(self) -> dict:
        return {"task": "quadratic", "dim": self.dim, "condition": self.condition, "noise": self.noise}

    def curvatures(self) -> torch.Tensor:
        return torch.logspace(0, -math.log10(self.condition), self.dim, dtype=torch.float64)

    def model(self, seed: int) -> nn.Module:
        return Point(torch.ones(self.dim, dtype=torch.float64)).to(self.device)

    def batches(self, seed: int) -> Iterator:
        g = torch.Generator().manual_seed(20_000 + seed)
        scale = (self.noise * self.curvatures()).sqrt()
        while True:
            yield (torch.randn(self.dim, generator=g, dtype=torch.float64) * scale).to(self.device)

    def loss(self, model, batch):
        h = self.curvatures().to(self.device)
        return 0.5 * (h * model.x ** 2).sum() + (batch * model.x).sum()

    @torch.no_grad()
    def evaluate(self, model) -> dict:
        h = self.curvatures().to(self.device)
        return {"test_loss": 0.5 * (h * model.x ** 2).sum().item()}

    def expected_loss(self, lrs) -> list[float]:
        """The exact expected loss after each update of plain SGD (no momentum) with the
        learning rates ``lrs``: ``E[x_i²] ← (1 - η h_i)² E[x_i²] + η² · noise · h_i``."""
        h = self.curvatures()
        v = torch.ones(self.dim, dtype=torch.float64)
        out = []
        for lr in lrs:
            v = (1 - lr * h) ** 2 * v + lr ** 2 * self.noise * h
            out.append(0.5 * (h * v).sum().item())
        return out

    def expected_final_loss(self, lrs: torch.Tensor) -> torch.Tensor:
        """The exact expected loss after the last of the updates ``lrs`` (a float64 tensor),
        differentiable with respect to the rates. Unrolled: ``E[x_i²]`` after the last update
        is ``Π_t a_ti + η_t² · noise · h_i`` summed over t with the later factors
        ``Π_{s>t} a_si``, where ``a_ti = (1 - η_t h_i)²``; in logarithms, a cumulative sum."""
        h = self.curvatures()
        log_a = torch.log((1 - lrs[:, None] * h) ** 2 + 1e-300)          # (updates, dims)
        later = log_a.flip(0).cumsum(0).flip(0) - log_a                    # Σ_{s>t} log a_s
        v = log_a.sum(0).exp() + (lrs[:, None] ** 2 * self.noise * h * later.exp()).sum(0)
        return 0.5 * (h * v).sum()

    def floor(self, lr: float) -> float:
        """The expected loss a constant rate ``lr`` settles at (plain SGD)."""
        h = self.curvatures()
        return (lr * self.noise * h / (2 * (2 - lr * h))).sum().item()


# --- a tiny Post-LayerNorm transformer -------------------------------------------------------

class TinyTransformer(nn.Module):
    """An encoder of ``layers`` Post-LN blocks (``nn.TransformerEncoderLayer``, ``norm_first=False``,
    as in Vaswani et al. 2017), learned positional embeddings, no dropout, a linear read-out per
    position."""

    def __init__(self, vocab, length, d_model, heads, layers, ff):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.position = nn.Parameter(torch.randn(length, d_model) * 0.02)
        block = nn.TransformerEncoderLayer(d_model, heads, ff, dropout=0.0, batch_first=True, norm_first=False)
        self.encoder = nn.TransformerEncoder(block, layers, enable_nested_tensor=False)
        self.out = nn.Linear(d_model, vocab)

    def forward(self, tokens):
        return self.out(self.encoder(self.embed(tokens) + self.position))


class SequenceTask:
    """A synthetic sequence task for a tiny Post-LN transformer: the input is ``length`` random
    tokens of a vocabulary of ``vocab``; the target at every position is the **sorted**
    sequence (``kind="sort"``) or the reversed one (``kind="reverse"``). Training batches are
    fresh random sequences from a seeded generator; the test set is 2 000 fixed sequences.
    The loss is the cross-entropy per token; accuracy is per token."""

    def __init__(self, kind="sort", vocab=16, length=12, d_model=32, heads=4, layers=2, ff=64,
                 batch_size=32, device="cpu"):
        self.kind, self.vocab, self.length = kind, vocab, length
        self.d_model, self.heads, self.layers, self.ff = d_model, heads, layers, ff
        self.batch_size, self.device = batch_size, device
        self.name = "transformer"

    def settings(self) -> dict:
        return {"task": "transformer", "kind": self.kind, "vocab": self.vocab, "length": self.length,
                "d_model": self.d_model, "heads": self.heads, "layers": self.layers, "ff": self.ff,
                "batch_size": self.batch_size}

    def _sample(self, n, g):
        x = torch.randint(0, self.vocab, (n, self.length), generator=g)
        y = x.sort(dim=1).values if self.kind == "sort" else x.flip(1)
        return x.to(self.device), y.to(self.device)

    def model(self, seed: int) -> nn.Module:
        torch.manual_seed(seed)
        return TinyTransformer(self.vocab, self.length, self.d_model, self.heads, self.layers, self.ff).to(self.device)

    def batches(self, seed: int) -> Iterator:
        g = torch.Generator().manual_seed(30_000 + seed)
        while True:
            yield self._sample(self.batch_size, g)

    def loss(self, model, batch):
        x, y = batch
        return F.cross_entropy(model(x).reshape(-1, self.vocab), y.reshape(-1))

    @functools.cached_property
    def test_set(self):
        return self._sample(2000, torch.Generator().manual_seed(99))

    @torch.no_grad()
    def evaluate(self, model) -> dict:
        x, y = self.test_set
        logits = model(x)  # train mode: no dropout here, and it avoids the encoder's separate inference path
        return {"test_loss": F.cross_entropy(logits.reshape(-1, self.vocab), y.reshape(-1)).item(),
                "test_acc": (logits.argmax(-1) == y).float().mean().item()}


# --- by name -------------------------------------------------------------------------------

TASKS = {
    "mnist": MNISTTask,
    "mnist-cnn": MNISTCNNTask,
    "quadratic": NoisyQuadraticTask,
    "transformer": SequenceTask,
}


def make_task(name, **settings):
    """A task by name (``"mnist"``, ``"mnist-cnn"``, ``"quadratic"``, ``"transformer"``) with
    its default settings, or those given; a task object is returned unchanged."""
    if not isinstance(name, str):
        return name
    try:
        return TASKS[name](**settings)
    except KeyError:
        raise ValueError(f"unknown task {name!r}; choose one of {sorted(TASKS)}") from None
