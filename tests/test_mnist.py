"""Tests for autograder/mnist.py: IDX parsing, the real data set, and downloads from a
local http.server (127.0.0.1 only, never the internet)."""
import functools
import gzip
import hashlib
import http.server
import os
import shutil
import socket
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # repo root, no conftest

from autograder.learner import mnist  # noqa: E402
from autograder.learner.mnist import FILES, MNIST, default_cache_dir, load_mnist, locate, read_idx  # noqa: E402

SHARED = Path(os.environ.get("MNIST_DIR")
              or Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist")
needs_real = pytest.mark.skipif(
    not all((SHARED / name).is_file() for name in FILES),
    reason=f"the four MNIST originals are not in {SHARED} (set $MNIST_DIR to run these tests)")


def md5(path):
    return hashlib.md5(Path(path).read_bytes()).hexdigest()


def write_idx(path, array, code, gz=None, extra=b"", cut=0):
    """Write ``array`` as an IDX file with type ``code``; optionally corrupt it."""
    array = np.asarray(array)
    raw = (bytes([0, 0, code, array.ndim])
           + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
           + array.astype(array.dtype.newbyteorder(">")).tobytes())
    raw = raw[:len(raw) - cut] + extra
    gz = path.name.endswith(".gz") if gz is None else gz
    path.write_bytes(gzip.compress(raw) if gz else raw)
    return path


def corrupt(path):
    """Flip a few bytes in the middle of a file, keeping its size."""
    data = bytearray(Path(path).read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 4):
        data[i] ^= 0xFF
    Path(path).write_bytes(bytes(data))


# ---------------------------------------------------------------- IDX parsing

@pytest.mark.parametrize("suffix", [".gz", ""])
@pytest.mark.parametrize("code,dtype", [(0x08, np.uint8), (0x09, np.int8), (0x0B, np.int16),
                                        (0x0C, np.int32), (0x0D, np.float32),
                                        (0x0E, np.float64)])
def test_read_idx_round_trip(tmp_path, suffix, code, dtype):
    rng = np.random.default_rng(code)
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        array = rng.integers(info.min, info.max, size=(3, 4, 5), endpoint=True).astype(dtype)
    else:
        array = rng.normal(size=(3, 4, 5)).astype(dtype)
    back = read_idx(write_idx(tmp_path / f"x-idx3{suffix}", array, code))
    assert back.dtype == dtype and back.dtype.isnative
    assert back.shape == (3, 4, 5)
    np.testing.assert_array_equal(back, array)
    back[0, 0, 0] = 1  # writable, so torch.from_numpy works without warnings


def test_read_idx_one_dim_and_empty(tmp_path):
    labels = np.array([5, 0, 4, 1, 9], dtype=np.uint8)
    np.testing.assert_array_equal(read_idx(write_idx(tmp_path / "l.gz", labels, 0x08)), labels)
    empty = read_idx(write_idx(tmp_path / "e", np.zeros((0, 2), np.uint8), 0x08))
    assert empty.shape == (0, 2)


@pytest.mark.parametrize("suffix", [".gz", ""])
def test_read_idx_wrong_magic(tmp_path, suffix):
    path = tmp_path / f"bad{suffix}"
    raw = b"\x00\x01\x08\x01" + (3).to_bytes(4, "big") + b"abc"
    path.write_bytes(gzip.compress(raw) if suffix else raw)
    with pytest.raises(ValueError, match="magic") as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_unknown_type_code_and_not_gzip(tmp_path):
    path = tmp_path / "bad"
    path.write_bytes(b"\x00\x00\x07\x01" + (1).to_bytes(4, "big") + b"a")
    with pytest.raises(ValueError, match="magic number 0x00000701"):
        read_idx(path)
    path = tmp_path / "plain.gz"
    path.write_bytes(b"\x00\x00\x08\x01" + (1).to_bytes(4, "big") + b"a")
    with pytest.raises(ValueError, match="gzip") as info:
        read_idx(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("suffix", [".gz", ""])
def test_read_idx_truncated(tmp_path, suffix):
    path = write_idx(tmp_path / f"t{suffix}", np.ones((4, 3), np.int32), 0x0C, cut=5)
    with pytest.raises(ValueError, match=r"truncated data.*\(4, 3\).*needs 60 bytes.*holds 55") as info:
        read_idx(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("suffix", [".gz", ""])
def test_read_idx_truncated_header(tmp_path, suffix):
    path = tmp_path / f"h{suffix}"
    raw = b"\x00\x00\x08\x03" + (2).to_bytes(4, "big")  # 3 dims announced, 1 given
    path.write_bytes(gzip.compress(raw) if suffix else raw)
    with pytest.raises(ValueError, match="truncated header") as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_truncated_gzip_stream(tmp_path):
    path = write_idx(tmp_path / "x.gz", np.arange(1000, dtype=np.uint8).reshape(10, 100), 0x08)
    path.write_bytes(path.read_bytes()[:-12])
    with pytest.raises(ValueError, match="gzip") as info:
        read_idx(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("suffix", [".gz", ""])
def test_read_idx_trailing_bytes(tmp_path, suffix):
    path = write_idx(tmp_path / f"t{suffix}", np.ones((2, 2), np.uint8), 0x08, extra=b"xyz")
    with pytest.raises(ValueError, match="3 trailing bytes") as info:
        read_idx(path)
    assert str(path) in str(info.value)


# ---------------------------------------------------------------- lookup rules

def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("MNIST_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / ".cache" / "lr-schedules" / "mnist"


def test_missing_without_download(monkeypatch, tmp_path):
    monkeypatch.delenv("MNIST_DIR", raising=False)
    with pytest.raises(FileNotFoundError, match="download=True") as info:
        locate(cache_dir=tmp_path / "cache", download=False, mirrors=["http://127.0.0.1:9/"])
    assert "train-images-idx3-ubyte.gz" in str(info.value)
    assert not (tmp_path / "cache").exists()


def test_explicit_dir_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte.gz"):
        locate(tmp_path)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- the real data

@needs_real
def test_load_real_mnist():
    data = load_mnist(SHARED, download=False)
    assert isinstance(data, MNIST)
    assert data.train_images.shape == (60000, 28, 28) and data.train_labels.shape == (60000,)
    assert data.test_images.shape == (10000, 28, 28) and data.test_labels.shape == (10000,)
    assert data.train_images.dtype == data.test_images.dtype == torch.uint8
    assert data.train_labels.dtype == data.test_labels.dtype == torch.int64
    for labels in (data.train_labels, data.test_labels):
        assert labels.min().item() == 0 and labels.max().item() == 9
    assert data.train_labels[:5].tolist() == [5, 0, 4, 1, 9]
    assert data.test_labels[:3].tolist() == [7, 2, 1]
    assert data.train_labels.bincount().tolist() == [5923, 6742, 5958, 6131, 5842,
                                                     5421, 5918, 6265, 5851, 5949]
    assert data.test_labels.bincount().tolist() == [980, 1135, 1032, 1010, 982,
                                                    892, 958, 1028, 974, 1009]
    assert data.train_images.max().item() == 255 and data.train_images[0, 0].sum() == 0
    assert data.train_images[0].float().mean().item() == pytest.approx(35.108, abs=1e-3)


@needs_real
def test_mnist_dir_env_wins_over_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_DIR", str(SHARED))
    assert locate(cache_dir=tmp_path / "cache", mirrors=[]) == SHARED
    assert not (tmp_path / "cache").exists()


@needs_real
def test_explicit_dir_with_bad_file_is_left_untouched(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MNIST_DIR", str(SHARED))  # the argument must win over the env
    for name in FILES:
        shutil.copyfile(SHARED / name, tmp_path / name)
    bad = tmp_path / "t10k-labels-idx1-ubyte.gz"
    corrupt(bad)
    before = bad.read_bytes()
    with pytest.raises(ValueError) as info:
        locate(tmp_path, mirrors=["http://127.0.0.1:9/"])
    message = str(info.value)
    assert str(bad) in message and FILES[bad.name] in message and md5(bad) in message
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- downloads

@pytest.fixture
def serve():
    """serve(folder) -> (url, list of requested paths); servers stop at teardown."""
    servers = []

    def start(folder):
        requests = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self):
                requests.append(self.path)
                super().do_GET()

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/mnist/", requests

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def mirror_dirs(tmp_path_factory):
    """Folders laid out as mirrors: good/mnist, corrupt/mnist (bytes flipped), empty/mnist."""
    if not all((SHARED / name).is_file() for name in FILES):
        pytest.skip(f"the four MNIST originals are not in {SHARED}")
    root = tmp_path_factory.mktemp("mirrors")
    dirs = {kind: root / kind for kind in ("good", "corrupt", "empty")}
    for kind, folder in dirs.items():
        (folder / "mnist").mkdir(parents=True)
        if kind != "empty":
            for name in FILES:
                shutil.copyfile(SHARED / name, folder / "mnist" / name)
                if kind == "corrupt":
                    corrupt(folder / "mnist" / name)
    return dirs


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("MNIST_DIR", raising=False)
    monkeypatch.delenv("MNIST_CACHE", raising=False)


def assert_cache_ok(cache):
    assert sorted(p.name for p in cache.iterdir()) == sorted(FILES)  # no temporary files
    for name, expected in FILES.items():
        assert md5(cache / name) == expected


def test_download_then_cached(no_env, serve, mirror_dirs, tmp_path, capsys):
    url, requests = serve(mirror_dirs["good"])
    cache = tmp_path / "deep" / "cache"
    assert locate(cache_dir=cache, mirrors=[url]) == cache
    assert sorted(requests) == sorted(f"/mnist/{name}" for name in FILES)
    assert_cache_ok(cache)
    out = capsys.readouterr()
    assert "100%" in out.out and out.err == ""

    data = load_mnist(cache_dir=cache, mirrors=[url], progress=False)
    assert len(requests) == 4  # second lookup: no download
    assert data.train_labels[0].item() == 5 and data.test_images.shape == (10000, 28, 28)


def test_mnist_cache_env_used(no_env, serve, mirror_dirs, tmp_path, monkeypatch, capsys):
    url, requests = serve(mirror_dirs["good"])
    monkeypatch.setenv("MNIST_CACHE", str(tmp_path / "envcache"))
    assert locate(mirrors=[url], progress=False) == tmp_path / "envcache"
    assert_cache_ok(tmp_path / "envcache")
    assert capsys.readouterr().out == ""  # progress=False: silent


def test_corrupt_mirror_falls_back(no_env, serve, mirror_dirs, tmp_path, capsys):
    bad_url, bad_requests = serve(mirror_dirs["corrupt"])
    good_url, good_requests = serve(mirror_dirs["good"])
    locate(cache_dir=tmp_path, mirrors=[bad_url, good_url], progress=False)
    assert len(bad_requests) == 4 and len(good_requests) == 4
    assert_cache_ok(tmp_path)
    out = capsys.readouterr()
    assert "checksum mismatch" in out.out and bad_url in out.out and out.err == ""


def test_only_corrupt_mirror_fails_cleanly(no_env, serve, mirror_dirs, tmp_path):
    bad_url, requests = serve(mirror_dirs["corrupt"])
    with pytest.raises(RuntimeError) as info:
        locate(cache_dir=tmp_path, mirrors=[bad_url], progress=False)
    message = str(info.value)
    assert "checksum mismatch" in message and bad_url in message
    assert "train-images-idx3-ubyte.gz" in message
    assert len(requests) == 1  # stopped at the first file that could not be had
    assert list(tmp_path.iterdir()) == []  # neither final nor temporary names


def test_missing_on_mirror_is_skipped(no_env, serve, mirror_dirs, tmp_path):
    empty_url, empty_requests = serve(mirror_dirs["empty"])
    good_url, _ = serve(mirror_dirs["good"])
    locate(cache_dir=tmp_path / "a", mirrors=[empty_url, good_url], progress=False)
    assert len(empty_requests) == 4
    assert_cache_ok(tmp_path / "a")

    with pytest.raises(RuntimeError, match="404") as info:
        locate(cache_dir=tmp_path / "b", mirrors=[empty_url], progress=False)
    assert empty_url in str(info.value)
    assert list((tmp_path / "b").iterdir()) == []


def test_unreachable_mirror_is_skipped(no_env, serve, mirror_dirs, tmp_path):
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        dead_url = f"http://127.0.0.1:{sock.getsockname()[1]}/mnist/"
    good_url, _ = serve(mirror_dirs["good"])
    locate(cache_dir=tmp_path / "a", mirrors=[dead_url, good_url], progress=False)
    assert_cache_ok(tmp_path / "a")
    with pytest.raises(RuntimeError) as info:
        locate(cache_dir=tmp_path / "b", mirrors=[dead_url], progress=False)
    assert dead_url in str(info.value) and "refused" in str(info.value).lower()
    assert list((tmp_path / "b").iterdir()) == []


def test_corrupt_file_in_cache_is_replaced(no_env, serve, mirror_dirs, tmp_path, capsys):
    url, requests = serve(mirror_dirs["good"])
    for name in FILES:
        shutil.copyfile(mirror_dirs["good"] / "mnist" / name, tmp_path / name)
    bad = tmp_path / "train-labels-idx1-ubyte.gz"
    corrupt(bad)
    locate(cache_dir=tmp_path, mirrors=[url], progress=False)
    assert requests == ["/mnist/train-labels-idx1-ubyte.gz"]
    assert_cache_ok(tmp_path)
    out = capsys.readouterr()
    assert str(bad) in out.out and "corrupt" in out.out and out.err == ""


def test_module_constants():
    assert len(FILES) == 4 and all(len(v) == 32 for v in FILES.values())
    assert mnist.MIRRORS and all(m.endswith("/") for m in mnist.MIRRORS)
