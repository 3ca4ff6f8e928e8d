"""Frozen records: frozen dataclasses that cost next to nothing to define.

On Python 3.11 ``@dataclass(frozen=True)`` compiles six methods from generated source for every
class when its module is imported (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``): about half a millisecond per class, some 20 ms for the forty
records on the way to a report, when svccheck added 45 ms to its import floor. :func:`record`
makes the same classes (forty of them in 2 ms), still dataclasses to :func:`dataclasses.fields`,
:func:`~dataclasses.replace` and mypy (through ``dataclass_transform``, frozen by default), but
nothing is compiled when the class is defined:

* equality, hashing, ordering, ``repr`` and the refusal to assign or delete are shared functions
  that read each class's fields through one :func:`operator.attrgetter`;
* ``__init__`` is generated as a dataclass's would be, when the first instance is made, so a
  record that a command never builds never pays for it.

``tests/test_record.py`` checks records of every shape used here against real frozen dataclasses
of the same fields, and that every record of the package is a dataclass. What records do not
support (``InitVar``, keyword-only fields, methods of their own among the generated ones) is
refused when the class is defined.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
_KEY = "__record_key__"  # the compared fields' values as a tuple
_HASH = "__record_hash__"  # the hashed fields' values as a tuple
_REPR = "__record_repr__"  # the names shown by repr
_HAS_FACTORY = object()  # an argument left out whose default comes from a factory
_OWN = ("__init__", "__eq__", "__hash__", "__repr__", "__setattr__", "__delattr__")
_ORDER = ("__lt__", "__le__", "__gt__", "__ge__")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of ``names`` as a tuple (what a dataclass compares and hashes)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        single = attrgetter(names[0])
        return lambda self: (single(self),)
    return lambda self: ()


def _eq(self: Any, other: object) -> object:
    if other.__class__ is self.__class__:
        key = getattr(self.__class__, _KEY)
        return key(self) == key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(getattr(self.__class__, _HASH)(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in getattr(self.__class__, _REPR))
    return f"{self.__class__.__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _order(compare: Callable[[Any, Any], object]) -> Callable[[Any, object], object]:
    def method(self: Any, other: object) -> object:
        if other.__class__ is self.__class__:
            key = getattr(self.__class__, _KEY)
            return compare(key(self), key(other))
        return NotImplemented

    return method


_ORDERING = {
    "__lt__": _order(operator.lt),
    "__le__": _order(operator.le),
    "__gt__": _order(operator.gt),
    "__ge__": _order(operator.ge),
}


def _init_source(cls: type) -> tuple[str, dict[str, Any]]:
    """The source of a frozen dataclass's ``__init__`` for ``cls``, and the names it uses."""
    names: dict[str, Any] = {"_set": object.__setattr__, "_HAS_FACTORY": _HAS_FACTORY}
    parameters, body = ["self"], []
    # Into the instance's __dict__ directly, bypassing the refusing __setattr__ as dataclasses'
    # object.__setattr__ does, at half the cost (thousands of answers in a bulk run); slots
    # have no __dict__.
    slots = "__slots__" in cls.__dict__
    store = "_set(self, {name!r}, {value})" if slots else "_values[{name!r}] = {value}"
    if not slots:
        body.append("    _values = self.__dict__")
    for field in dataclasses.fields(cls):
        name = field.name
        if field.default_factory is not dataclasses.MISSING:
            names[f"_factory_{name}"] = field.default_factory
            value = f"_factory_{name}()"
            if field.init:
                parameters.append(f"{name}=_HAS_FACTORY")
                value = f"{value} if {name} is _HAS_FACTORY else {name}"
        elif field.default is not dataclasses.MISSING:
            names[f"_default_{name}"] = field.default
            value = name if field.init else f"_default_{name}"
            if field.init:
                parameters.append(f"{name}=_default_{name}")
        elif field.init:
            parameters.append(name)
            value = name
        else:  # outside __init__ and without a default: __post_init__ sets it
            continue
        body.append("    " + store.format(name=name, value=value))
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__({', '.join(parameters)}):\n" + ("\n".join(body) or "    pass") + "\n"
    return source, names


def _lazy_init(cls: type) -> Callable[..., None]:
    """An ``__init__`` that, when first called, compiles the real one and puts it in its place."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        source, names = _init_source(cls)
        exec(source, names)  # the generated method, as dataclasses itself does
        init = names["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        type.__setattr__(cls, "__init__", init)
        init(self, *args, **kwargs)

    return __init__


def _check(cls: type) -> None:
    """Refuse what records do not support, before any instance exists."""
    for name in (*_OWN, *_ORDER):
        if name in cls.__dict__:  # also __hash__ = None, which a class defining __eq__ gets
            raise TypeError(f"record {cls.__qualname__} defines {name} of its own")
    defaulted = False
    for field in dataclasses.fields(cls):
        if field.kw_only or isinstance(field.type, dataclasses.InitVar):
            raise TypeError(f"record {cls.__qualname__}: keyword-only or InitVar field")
        has_default = (
            field.default is not dataclasses.MISSING
            or field.default_factory is not dataclasses.MISSING
        )
        if field.init and defaulted and not has_default:
            raise TypeError(f"non-default argument {field.name!r} follows default argument")
        defaulted = defaulted or (field.init and has_default)


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, field.name) for field in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for field, value in zip(dataclasses.fields(self), state, strict=True):
        object.__setattr__(self, field.name, value)


def _make(cls: type[T], order: bool, slots: bool) -> type[T]:
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
    _check(made)
    fields = dataclasses.fields(made)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    methods: dict[str, Any] = {
        _KEY: _getter(compared),
        _HASH: _getter(hashed),
        _REPR: tuple(f.name for f in fields if f.repr),
        "__init__": _lazy_init(made),
        "__eq__": _eq,
        "__hash__": _hash,
        "__repr__": _repr,
        "__setattr__": _setattr,
        "__delattr__": _delattr,
    }
    if order:
        methods.update(_ORDERING)
    if slots:  # pickling and copying set slots through setattr, which a record refuses
        methods.update(__getstate__=_getstate, __setstate__=_setstate)
    for name, value in methods.items():
        type.__setattr__(made, name, value)
    result: type[T] = made
    return result


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, order: bool = False, slots: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: type[T] | None = None, /, *, order: bool = False, slots: bool = False
) -> type[T] | Callable[[type[T]], type[T]]:
    """A frozen dataclass, made without compiling anything (see the module's description).

    ``@record``, or ``@record(order=True)`` for ``<`` and the like over the compared fields in
    order, ``@record(slots=True)`` for ``__slots__`` (many instances, less memory).
    """
    if cls is None:
        return lambda given: _make(given, order, slots)
    return _make(cls, order, slots)
