"""The faster constructors given to libcst's node classes build the very nodes the old ones built."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from typing import Any

import pytest

libcst = pytest.importorskip("libcst")

from gemini_lint.sources import cst_constructors  # noqa: E402
from gemini_lint.sources.python import load, parse_module  # noqa: E402

load()


def _nodes(tree: Any) -> list[Any]:
    out, pending = [], [tree]
    while pending:
        node = pending.pop()
        out.append(node)
        pending.extend(node.children)
    return out


def _fields(node: Any) -> list[tuple[str, Any]]:
    return [(f.name, getattr(node, f.name)) for f in dataclasses.fields(node)]


def _same(mine: Any, theirs: Any) -> bool:
    if isinstance(theirs, libcst.CSTNode):
        return isinstance(mine, libcst.CSTNode) and mine.deep_equals(theirs)
    if isinstance(theirs, (list, tuple)):
        return type(mine) is type(theirs) and len(mine) == len(theirs) and all(map(_same, mine, theirs))
    return bool(type(mine) is type(theirs) and mine == theirs)


def test_every_node_class_of_libcst_gets_one() -> None:
    classes = [getattr(libcst, name) for name in dir(libcst)]
    nodes = {c for c in classes if isinstance(c, type) and issubclass(c, libcst.CSTNode) and "__init__" in c.__dict__}
    converted = {c for c in nodes if c in cst_constructors.ORIGINALS}
    assert len(converted) > 150
    assert nodes - converted <= {libcst.CSTNode}  # the abstract base is never built


@pytest.mark.parametrize("module_name", ["ast", "dataclasses", "typing", "asyncio.base_events", "string"])
def test_each_node_of_a_parse_is_what_the_old_constructor_builds(module_name: str) -> None:
    source = inspect.getsource(importlib.import_module(module_name))
    tree = parse_module(source)
    assert tree.code == source
    for node in _nodes(tree):
        cls = type(node)
        old = object.__new__(cls)
        cst_constructors.ORIGINALS.get(cls, cls.__init__)(old, **dict(_fields(node)))
        assert _fields(old) == _fields(node)
        assert all(getattr(old, name) is value for name, value in _fields(node))


def test_defaults_and_default_factories_are_the_old_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libcst.CSTNode, "__post_init__", lambda self: None)  # None stands for each required field
    for cls, original in cst_constructors.ORIGINALS.items():
        required = {f.name: None for f in dataclasses.fields(cls) if f.default is f.default_factory is dataclasses.MISSING}
        new, old = object.__new__(cls), object.__new__(cls)
        cst_constructors.checking(False)
        try:
            cls.__init__(new, **required)
            original(old, **required)
        finally:
            cst_constructors.checking(True)
        assert all(_same(a, b) for (_, a), (_, b) in zip(_fields(new), _fields(old))), cls
        for field, (_, mine), (_, theirs) in zip(dataclasses.fields(cls), _fields(new), _fields(old)):
            if field.default_factory is not dataclasses.MISSING:  # a fresh value each time, as before
                assert mine is not theirs or isinstance(theirs, (str, int, tuple)), (cls, field.name)
            elif field.default is not dataclasses.MISSING:  # the one shared default, as before
                assert mine is theirs, (cls, field.name)


def test_positional_arguments_and_signatures_are_kept() -> None:
    name = libcst.Name("x", (libcst.LeftParen(),), (libcst.RightParen(),))
    assert name.deep_equals(libcst.Name(value="x", lpar=[libcst.LeftParen()], rpar=[libcst.RightParen()]))
    for cls, original in cst_constructors.ORIGINALS.items():
        assert inspect.signature(cls.__init__) == inspect.signature(original), cls
    with pytest.raises(TypeError):
        libcst.Name()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        libcst.Name("x", nonsense=1)  # type: ignore[call-arg]


def test_hand_built_nodes_are_still_validated_and_parsed_ones_are_not() -> None:
    with pytest.raises(libcst.CSTValidationError):
        libcst.Name("")
    cst_constructors.checking(False)
    try:
        libcst.Name("")  # what the parser's construction skips: the parser never builds one
    finally:
        cst_constructors.checking(True)
    with pytest.raises(libcst.CSTValidationError):
        libcst.Name("")


def _slotted(cls: Any) -> Any:
    """``cls`` with its fields in slots, as libcst's ``add_slots`` makes its node classes."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    namespace = {k: v for k, v in cls.__dict__.items() if k not in (*names, "__dict__", "__weakref__")}
    return type(cls)(cls.__name__, cls.__bases__, {**namespace, "__slots__": names})


def test_a_class_whose_constructor_is_not_a_plain_dataclass_one_keeps_its_own() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: int

    class Written:
        def __init__(self, a: int) -> None:
            self.a = a

    @_slotted
    @dataclasses.dataclass(frozen=True)
    class Hidden:
        a: int
        b: int = dataclasses.field(init=False, default=0)

    for cls in (Unslotted, Written, Hidden, int):
        assert cst_constructors.constructor(cls) is None


def test_a_slotted_frozen_dataclass_gets_one_that_behaves_the_same() -> None:
    calls: list[Any] = []

    @_slotted
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 2
        tags: list[int] = dataclasses.field(default_factory=list)

        def __post_init__(self) -> None:
            calls.append(self.x)

    fast = cst_constructors.constructor(Point)
    assert fast is not None
    point = object.__new__(Point)
    fast(point, 1)
    assert (point.x, point.y, point.tags, calls) == (1, 2, [], [1])
    other = object.__new__(Point)
    fast(other, x=3, tags=[4], y=5)
    assert (other.x, other.y, other.tags, calls) == (3, 5, [4], [1, 3])
    assert point.tags is not Point(0).tags  # a fresh list each time
    cst_constructors.checking(False)
    try:
        fast(object.__new__(Point), 6)  # its __post_init__ is not libcst's validation: still called
    finally:
        cst_constructors.checking(True)
    assert calls[-1] == 6


def test_install_is_once_per_process() -> None:
    assert cst_constructors.install(libcst.CSTNode) == 0
