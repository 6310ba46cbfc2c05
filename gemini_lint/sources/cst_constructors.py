"""Faster constructors for libcst's node classes, with the same behaviour as the ones they replace.

libcst's native parser builds every node of a tree by calling its class (``Name(value=..., lpar=...,
rpar=...)``), about 3,300 nodes for an 8 KB file. Each class's ``__init__`` is the one ``dataclasses``
writes for a frozen class: ``object.__setattr__(self, "value", value)`` for each field, which looks the
field up in the class on every call. The ones written here set each field through its slot's
descriptor, found once, and do the rest as the generated ones do (defaults, default factories, then
``__post_init__``). Measured with valgrind over 40 files of the dense benchmark: 3.4% fewer
instructions for a file's whole lint (6.46 G -> 6.24 G), most of them in libcst's parse.

Only a class whose ``__init__`` is exactly the one ``dataclasses`` wrote for its fields is given a new
one (every field positional, in a slot): any other libcst, or a class built otherwise, keeps its own.
"""

from __future__ import annotations

import dataclasses
import types
from typing import Any, Callable, Optional

#: ``dataclasses``' marker for "no argument given, call the field's default factory".
_NO_ARGUMENT: Any = getattr(dataclasses, "_HAS_DEFAULT_FACTORY", object())
_FIELD_KIND: Any = getattr(dataclasses, "_FIELD", None)

#: Field count -> the code of a constructor for that many fields (parameters renamed per class).
_TEMPLATES: dict[int, types.CodeType] = {}
_installed = False
#: The constructors replaced, by class (for tests, and for anyone who wants them back).
ORIGINALS: dict[type, Callable[..., None]] = {}
#: Whether the constructors of classes whose ``__post_init__`` is libcst's validation call it: off
#: only while libcst's own parser builds a tree (:func:`checking`).
_CHECK = [True]
#: The global names a constructor written by ``dataclasses`` uses for slotted fields (3.9: ``object``).
_GENERATED_NAMES = frozenset({"object", "__setattr__", "__post_init__"})


def _template(count: int) -> types.CodeType:
    """A constructor's code for ``count`` fields: each set through its own setter (``_s<i>``), from
    the argument or, when none was given, its default factory (``_f<i>``)."""
    code = _TEMPLATES.get(count)
    if code is None:
        names = [f"_a{i}" for i in range(count)]
        free = [f"_s{i}" for i in range(count)] + [f"_f{i}" for i in range(count)] + ["_NO", "_CHECK"]
        body = "".join(f"        _s{i}(self, _f{i}() if _a{i} is _NO else _a{i})\n" for i in range(count))
        source = (
            f"def _outer({', '.join(free)}):\n"
            f"    def __init__(self{''.join(', ' + name for name in names)}):\n"
            f"{body}"
            f"        if _CHECK[0]:\n"
            f"            self.__post_init__()\n"
            f"    return __init__\n"
        )
        scope: dict[str, Any] = {}
        exec(compile(source, "<gemini-lint: libcst constructors>", "exec"), scope)  # noqa: S102 - our own text
        code = _TEMPLATES[count] = next(
            const for const in scope["_outer"].__code__.co_consts if isinstance(const, types.CodeType)
        )
    return code


def _no_factory() -> Any:  # pragma: no cover - stands for a field without a factory: never called
    raise AssertionError("no default factory")


def _slot_setter(cls: type, name: str) -> Optional[Callable[[Any, Any], None]]:
    """The ``__set__`` of the slot holding field ``name`` of ``cls`` (None when it is not a slot)."""
    for klass in cls.__mro__:
        found = klass.__dict__.get(name)
        if found is not None:
            if type(found) is types.MemberDescriptorType:
                setter: Callable[[Any, Any], None] = found.__set__
                return setter
            return None
    return None


def validation_hook(base: type) -> Optional[Callable[[Any], None]]:
    """``base.__post_init__`` when it is exactly ``self._validate()`` (libcst's checks of a node), else None."""
    hook: Any = base.__dict__.get("__post_init__")
    code = getattr(hook, "__code__", None)
    if code is None or code.co_names != ("_validate",):
        return None
    found: Callable[[Any], None] = hook
    return found


def constructor(cls: type, validation: Optional[Callable[[Any], None]] = None) -> Optional[Callable[..., None]]:
    """A faster ``__init__`` for ``cls``, or None when its own is not the one ``dataclasses`` writes
    for plain positional fields held in slots. When ``cls.__post_init__`` is ``validation``, the
    constructor calls it only while :data:`_CHECK` says so."""
    init: Any = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    all_fields = getattr(cls, "__dataclass_fields__", None)
    if code is None or all_fields is None or code.co_filename != "<string>":
        return None
    fields = [f for f in all_fields.values() if f._field_type is _FIELD_KIND]
    names = tuple(f.name for f in fields)
    if code.co_varnames[: code.co_argcount] != ("self", *names) or code.co_kwonlyargcount:
        return None
    if "__post_init__" not in code.co_names or not _GENERATED_NAMES.issuperset(code.co_names):
        return None
    setters, factories, defaults = [], [], []
    for f in fields:
        if not f.init or getattr(f, "kw_only", False):
            return None
        setter = _slot_setter(cls, f.name)
        if setter is None:
            return None
        setters.append(setter)
        if f.default_factory is not dataclasses.MISSING:
            factories.append(f.default_factory)
            defaults.append(_NO_ARGUMENT)
        else:
            factories.append(_no_factory)
            if f.default is not dataclasses.MISSING:
                defaults.append(f.default)
            elif defaults:  # pragma: no cover - dataclasses forbids it
                return None
    if not _same(defaults, init.__defaults__ or ()):
        return None
    template = _template(len(fields))
    renamed = template.replace(co_varnames=("self", *names) + template.co_varnames[len(names) + 1 :])
    validates = validation is not None and getattr(cls, "__post_init__", None) is validation
    given = {"_NO": _NO_ARGUMENT, "_CHECK": _CHECK if validates else [True]}
    given.update((f"_s{i}", setter) for i, setter in enumerate(setters))
    given.update((f"_f{i}", factory) for i, factory in enumerate(factories))
    cells = tuple(types.CellType(given[name]) for name in template.co_freevars)
    function = types.FunctionType(renamed, {}, "__init__", tuple(defaults) or None, cells)
    function.__qualname__ = f"{cls.__qualname__}.__init__"
    function.__module__ = cls.__module__
    function.__annotations__ = init.__annotations__
    function.__doc__ = init.__doc__
    return function


def _same(mine: list[Any], theirs: tuple[Any, ...]) -> bool:
    """Whether two defaults tuples hold the very same objects (a default may not compare with ``==``)."""
    return len(mine) == len(theirs) and all(a is b for a, b in zip(mine, theirs))


def install(base: type) -> int:
    """Give every node class under ``base`` (libcst's ``CSTNode``) a faster constructor; once per
    process. Returns how many classes got one."""
    global _installed
    if _installed:
        return 0
    _installed = True
    validation = validation_hook(base)
    pending: list[type] = list(base.__subclasses__())
    done, seen = 0, set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        pending.extend(cls.__subclasses__())
        function = constructor(cls, validation)
        if function is not None:
            ORIGINALS[cls] = cls.__dict__["__init__"]
            type.__setattr__(cls, "__init__", function)
            done += 1
    return done


def checking(on: bool) -> None:
    """Have the constructors call libcst's validation (``on``) or not (while its parser builds a tree)."""
    _CHECK[0] = on
