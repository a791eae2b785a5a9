"""autograder.grader.channel: the re-check's results, read as untrusted input."""
from __future__ import annotations

import os
import threading
import time

import pytest

from autograder.grader import channel


def reader(*lines: bytes, seconds: float = 5.0, **kw):
    read_fd, write_fd = os.pipe()
    for line in lines:
        os.write(write_fd, line)
    os.close(write_fd)
    return channel.Channel(read_fd, channel.Deadline.starting_now(seconds), **kw)


def test_well_formed_messages_are_read_in_order():
    ch = reader(b'{"cells": []}\n{"start": "f"}\n{"name": "f", "visible": [[0.1, null, null]], "hidden": []}\n')
    assert channel.parse_cells(ch.next()) == []
    channel.parse_start(ch.next(), "f")
    got = channel.parse_result(ch.next(), "f", {"visible": 1, "hidden": 0})
    assert got == {"visible": [[0.1, None, None]], "hidden": []}
    with pytest.raises(channel.Closed):
        ch.next()


@pytest.mark.parametrize("line, step", [
    (b"{not json\n", "cells"),
    (b"[1, 2]\n", "cells"),
    (b'{"cells": [], "extra": 1}\n', "cells"),
    (b'{"start": "g"}\n', "start"),                                        # not the function expected next
    (b'{"name": "f", "visible": [[0.1, null, null]]}\n', "result"),        # a part missing
    (b'{"name": "f", "visible": [], "hidden": []}\n', "result"),           # wrong count
    (b'{"name": "f", "visible": [[0.1, 3, null]], "hidden": []}\n', "result"),  # raised must be text
    (b'{"name": "g", "visible": [[0.1, null, null]], "hidden": []}\n', "result"),
])
def test_anything_else_is_a_protocol_error(line, step):
    ch = reader(line)
    parse = {"cells": lambda m: channel.parse_cells(m), "start": lambda m: channel.parse_start(m, "f"),
             "result": lambda m: channel.parse_result(m, "f", {"visible": 1, "hidden": 0})}[step]
    with pytest.raises(channel.ChannelError):
        parse(ch.next())


def test_the_byte_budget_and_the_line_limit_hold():
    with pytest.raises(channel.ChannelError, match="longer than"):
        reader(b"x" * 5000, max_line=1000).next()
    with pytest.raises(channel.ChannelError, match="more than"):
        reader(b'{"cells": []}\n' * 200, max_bytes=1000).next()


def test_a_slow_writer_cannot_move_the_deadline():
    """Lines that trickle in, each one a forged start, never extend the total deadline."""
    read_fd, write_fd = os.pipe()
    stop = threading.Event()

    def drip():
        while not stop.is_set():
            try:
                os.write(write_fd, b'{"start": "f"}\n')
            except OSError:
                return
            time.sleep(0.05)

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    deadline = channel.Deadline.starting_now(0.5)
    ch = channel.Channel(read_fd, deadline)
    read = 0
    with pytest.raises(channel.Timeout):
        while True:
            ch.next()
            read += 1
            deadline.start_function(60.0)  # what the grader does at every start: bounded by the total
    stop.set()
    os.close(write_fd)
    thread.join()
    assert 0 < read < 100 and deadline.left() == 0.0
