"""The question bank: every item of the drill, as data.

One module per kind of question; each lists ``ITEMS``:

* ``concepts``   *why* and *trade-off* questions (choice, every option explained)
* ``debugging``  a symptom or a curve (a learning-rate trace or a loss curve) and the bug behind it
* ``numbers``    templates that draw fresh numbers from a seed; answers come from the references
* ``whiteboard`` write a schedule of the course from memory

Item ids are stable (the learner's history refers to them): ``<topic>.<what>``. To add an item, add
it to the module of its kind; ``tests/test_drill.py`` checks that its section exists, that every
option is explained and, for a template, that its answer and its slips differ for many seeds.
"""
from __future__ import annotations

from ..items import Item
from . import concepts, debugging, numbers, whiteboard

BANK: tuple[Item, ...] = (*concepts.ITEMS, *debugging.ITEMS, *numbers.ITEMS, *whiteboard.ITEMS)
BY_ID: dict[str, Item] = {}
for _item in BANK:
    if _item.id in BY_ID:
        raise RuntimeError(f"drill item {_item.id!r} is defined twice")
    BY_ID[_item.id] = _item

TOPICS: tuple[str, ...] = tuple(dict.fromkeys(i.topic for i in BANK))


def item(item_id: str) -> Item:
    try:
        return BY_ID[item_id]
    except KeyError:
        raise KeyError(f"no drill item {item_id!r}") from None
