"""The re-check's result channel, read as untrusted input.

Learner code runs in the process that writes the channel, so every line may be forged,
malformed, enormous or slow. :class:`Channel` reads JSON lines with a byte budget and a
deadline that no message can move back (:class:`Deadline`), and :func:`parse` accepts only
the messages the runner sends, in order, with the shapes and counts the grader expects.
Anything else raises :class:`ChannelError`, which makes that one submission an error.
"""
from __future__ import annotations

import json
import os
import select
import time
from dataclasses import dataclass

MAX_BYTES = 64 * 2**20          # everything one sandbox may send
MAX_LINE = 16 * 2**20


class ChannelError(Exception):
    """The channel broke the protocol: the submission's re-check cannot be trusted."""


class Timeout(Exception):
    """The deadline passed before the next message."""


class Closed(Exception):
    """The writer closed the channel (the process ended) before the next message."""


@dataclass
class Deadline:
    """A total deadline fixed at launch, and a tighter one per graded function; a later
    start never extends either beyond the total."""

    total: float
    current: float

    @classmethod
    def starting_now(cls, seconds: float) -> Deadline:
        end = time.monotonic() + seconds
        return cls(end, end)

    def start_function(self, seconds: float) -> None:
        self.current = min(self.total, time.monotonic() + seconds)

    def left(self) -> float:
        return max(0.0, min(self.total, self.current) - time.monotonic())


class Channel:
    """JSON lines from a file descriptor, with a byte budget and a deadline."""

    def __init__(self, fd: int, deadline: Deadline, max_bytes: int = MAX_BYTES, max_line: int = MAX_LINE):
        self.fd, self.deadline, self.max_bytes, self.max_line = fd, deadline, max_bytes, max_line
        self.buffer, self.received = b"", 0

    def next(self) -> dict:
        while b"\n" not in self.buffer:
            if len(self.buffer) > self.max_line:
                raise ChannelError(f"a message longer than {self.max_line} bytes")
            left = self.deadline.left()
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                raise Timeout()
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise Closed()
            self.received += len(chunk)
            if self.received > self.max_bytes:
                raise ChannelError(f"more than {self.max_bytes} bytes of results")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ChannelError(f"a line that is not JSON ({type(exc).__name__})") from None
        if not isinstance(message, dict) or len(message) == 0:
            raise ChannelError("a message that is not a JSON object")
        return message


def is_plain(value, depth: int = 0) -> bool:
    """JSON data as the runner's ``plain`` makes it (no NaN tricks needed: floats pass)."""
    if depth > 25:
        return False
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list):
        return all(is_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_plain(v, depth + 1) for k, v in value.items())
    return False


def _outcomes(message: dict, part: str, count: int) -> list:
    items = message.get(part)
    if not isinstance(items, list) or len(items) != count:
        raise ChannelError(f"{part} results: expected {count}, got "
                           f"{len(items) if isinstance(items, list) else type(items).__name__}")
    for item in items:
        if not (isinstance(item, list) and len(item) == 3 and is_plain(item[0])
                and all(x is None or isinstance(x, str) for x in item[1:])):
            raise ChannelError(f"a malformed {part} result")
    return items


def parse_cells(message: dict) -> list[str]:
    cells = message.get("cells")
    if set(message) != {"cells"} or not isinstance(cells, list) or not all(isinstance(c, str) for c in cells):
        raise ChannelError("the first message is not the cells' errors")
    return [c[:300] for c in cells[:50]]


def parse_start(message: dict, expected: str) -> None:
    if message != {"start": expected}:
        raise ChannelError(f"expected the start of {expected}, got {str(message)[:80]}")


def parse_result(message: dict, expected: str, counts: dict[str, int]) -> dict[str, list]:
    if message.get("name") != expected or set(message) != {"name", *counts}:
        raise ChannelError(f"expected the results of {expected}, got {str(sorted(message))[:80]}")
    return {part: _outcomes(message, part, n) for part, n in counts.items()}
