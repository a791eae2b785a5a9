"""The real MNIST data set, read straight from its four IDX files (no torchvision).

Where the files come from (first match wins):

1. the ``data_dir`` argument of :func:`locate` / :func:`load_mnist`;
2. the folder named by the environment variable ``$MNIST_DIR``;
3. the cache folder: the ``cache_dir`` argument, else ``$MNIST_CACHE``,
   else ``~/.cache/lr-schedules/mnist``.

A folder given explicitly (1 or 2) must already hold the four files with the
right MD5 checksums; it is only ever read, never modified.  In the cache
folder, files with a wrong checksum are deleted and, like missing files,
downloaded from each of ``MIRRORS`` in turn.  A download goes to a temporary
name in the same folder and is only renamed to its final name once its MD5
has been verified, so no half-written file ever sits in the cache.

    >>> from autograder.learner.mnist import load_mnist
    >>> data = load_mnist()
    >>> data.train_images.shape, data.train_labels[0].item()
    (torch.Size([60000, 28, 28]), 5)
"""
from __future__ import annotations

import gzip
import hashlib
import http.client
import math
import os
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch

FILES = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}
MIRRORS = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]
TIMEOUT = 60  # seconds without data before a download is abandoned

# IDX type code -> numpy dtype (multi-byte types are stored big-endian)
_IDX_DTYPES = {0x08: "u1", 0x09: "i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


class MNIST(NamedTuple):
    train_images: torch.Tensor  # uint8, (N, 28, 28)
    train_labels: torch.Tensor  # int64, (N,)
    test_images: torch.Tensor
    test_labels: torch.Tensor


def read_idx(path) -> np.ndarray:
    """Parse an IDX file (gzip-compressed if its name ends in .gz) into an array."""
    path = Path(path)
    try:
        with (gzip.open if path.name.endswith(".gz") else open)(path, "rb") as f:
            data = f.read()
    except (EOFError, gzip.BadGzipFile) as e:
        raise ValueError(f"{path}: corrupt or truncated gzip stream ({e})") from e
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in _IDX_DTYPES:
        raise ValueError(f"{path}: not an IDX file, bad magic number 0x{data[:4].hex()} "
                         f"(expected 0x0000 then a type code in "
                         f"{[hex(c) for c in _IDX_DTYPES]} and the number of dimensions)")
    dtype, ndim = np.dtype(_IDX_DTYPES[data[2]]), data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(f"{path}: truncated header ({len(data)} bytes, {ndim} dimensions "
                         f"need {header})")
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    count = math.prod(shape)
    expected = header + count * dtype.itemsize
    if len(data) < expected:
        raise ValueError(f"{path}: truncated data, shape {shape} needs {expected} bytes "
                         f"but the file holds {len(data)}")
    if len(data) > expected:
        raise ValueError(f"{path}: {len(data) - expected} trailing bytes after the data "
                         f"of shape {shape}")
    array = np.frombuffer(data, dtype, count=count, offset=header).reshape(shape)
    return array.astype(dtype.newbyteorder("="))  # native byte order, writable copy


def default_cache_dir() -> Path:
    """``$MNIST_CACHE`` if set, else ``~/.cache/lr-schedules/mnist``."""
    env = os.environ.get("MNIST_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "lr-schedules" / "mnist"


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(url: str, dest: Path, progress: bool) -> None:
    """Copy ``url`` into the file ``dest``, optionally showing a progress line on stdout."""
    request = urllib.request.Request(url, headers={"User-Agent": "lr-schedules-mnist"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response, open(dest, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        bar, shown, done = None, "", 0
        if progress:
            try:
                from tqdm import tqdm
                bar = tqdm(total=total or None, unit="B", unit_scale=True, file=sys.stdout,
                           desc=url.rsplit("/", 1)[-1])
            except ImportError:
                pass
        try:
            while chunk := response.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                if bar is not None:
                    bar.update(len(chunk))
                elif progress:
                    status = f"{100 * done // total:3d}%" if total else f"{done >> 20} MB"
                    if status != shown:  # print only when the text changes
                        shown = status
                        print(f"\rdownloading {url}: {status}", end="", flush=True)
        finally:
            if bar is not None:
                bar.close()
            elif progress:
                print()
    if total and done != total:
        raise OSError(f"incomplete download: {done} of {total} bytes")


def _download(name: str, folder: Path, mirrors: list[str], progress: bool) -> None:
    """Fetch ``folder/name`` from the first mirror that delivers the right MD5."""
    failures = []
    for base in mirrors:
        url = base.rstrip("/") + "/" + name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
        os.close(fd)
        try:
            _fetch(url, Path(tmp), progress)
            actual = _md5(Path(tmp))
            if actual != FILES[name]:
                raise ValueError(f"checksum mismatch: md5 {actual}, expected {FILES[name]}")
            os.chmod(tmp, 0o644)  # mkstemp creates 0600
            os.replace(tmp, folder / name)
            return
        except (OSError, ValueError, http.client.HTTPException) as e:
            failures.append(f"  {url}: {e}")
            print(f"MNIST: download of {url} failed ({e}); trying the next mirror", flush=True)
        finally:
            Path(tmp).unlink(missing_ok=True)
    raise RuntimeError(f"could not download {name} into {folder} from any mirror:\n"
                       + "\n".join(failures or ["  (no mirrors given)"]))


def locate(data_dir=None, *, download=True, mirrors=None, cache_dir=None,
           progress=True) -> Path:
    """Return a folder holding the four MD5-verified MNIST files (see module docstring)."""
    if data_dir is None:
        data_dir = os.environ.get("MNIST_DIR") or None
    if data_dir is not None:  # explicit folder: verify only, never modify
        folder = Path(data_dir).expanduser()
        for name, expected in FILES.items():
            if not (folder / name).is_file():
                raise FileNotFoundError(f"MNIST file {name} is missing from {folder}")
            actual = _md5(folder / name)
            if actual != expected:
                raise ValueError(f"MNIST file {folder / name} is corrupt: "
                                 f"md5 {actual}, expected {expected}")
        return folder

    folder = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    missing = []
    for name, expected in FILES.items():
        path = folder / name
        if path.is_file():
            actual = _md5(path)
            if actual == expected:
                continue
            print(f"MNIST: {path} is corrupt (md5 {actual}, expected {expected}); "
                  f"deleting it and downloading it again", flush=True)
            path.unlink()
        missing.append(name)
    if missing and not download:
        raise FileNotFoundError(
            f"MNIST files {', '.join(missing)} are missing from {folder}; call with "
            f"download=True, or put the four files from one of {MIRRORS} in a folder "
            f"and pass it as data_dir or set $MNIST_DIR")
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
    for name in missing:
        _download(name, folder, MIRRORS if mirrors is None else list(mirrors), progress)
    return folder


def _load_split(folder: Path, prefix: str) -> tuple[torch.Tensor, torch.Tensor]:
    images = read_idx(folder / f"{prefix}-images-idx3-ubyte.gz")
    labels = read_idx(folder / f"{prefix}-labels-idx1-ubyte.gz")
    if images.dtype != np.uint8 or images.ndim != 3 or labels.dtype != np.uint8 \
            or labels.ndim != 1 or len(images) != len(labels):
        raise ValueError(f"MNIST {prefix} files in {folder} do not match: images "
                         f"{images.dtype}{images.shape}, labels {labels.dtype}{labels.shape}")
    return torch.from_numpy(images), torch.from_numpy(labels.astype(np.int64))


def load_mnist(data_dir=None, *, download=True, mirrors=None, cache_dir=None,
               progress=True) -> MNIST:
    """Load MNIST as uint8 images (N, 28, 28) and int64 labels (N,), as torch tensors."""
    folder = locate(data_dir, download=download, mirrors=mirrors, cache_dir=cache_dir,
                    progress=progress)
    return MNIST(*_load_split(folder, "train"), *_load_split(folder, "t10k"))
