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
* the fields are declared as ``dataclasses`` declares them (``dataclasses.fields`` reads them),
  without its test of each string annotation for ``ClassVar``, ``InitVar`` and ``KW_ONLY``, which
  records refuse: 3.7 ms of a `score`'s 71 records in ``dataclasses``, about 1 ms here;
* ``__init__`` is generated as a dataclass's would be, when the first instance is made, so a
  record that a command never builds never pays for it; its code is compiled once per shape
  (the fields stored as given, with a default, from a factory...) and renamed for each record
  of that shape, since compiling was most of the cost of a first instance.

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
from types import CodeType, FunctionType
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


# How ``__init__`` sets a field: from its parameter (with or without a default), from its
# parameter or else its factory, to its default or its factory's value outside ``__init__``; a
# field outside ``__init__`` without either is left to ``__post_init__``.
_GIVEN, _GIVEN_OR_MADE, _DEFAULT, _MADE, _LEFT = "given", "given or made", "default", "made", "left"
# A placeholder field name, and the names the generated __init__ uses: no field may have them
# (_check refuses one), as a field's parameter would hide them.
_PLACEHOLDER = "__record_field_"
_RESERVED = frozenset({"self", "_values", "_set", "_HAS_FACTORY"})
_RESERVED_PREFIXES = (_PLACEHOLDER, "_factory_", "_default_")
# A shape: whether the record has slots and __post_init__, and how each field is set.
_Shape = tuple[bool, bool, tuple[str, ...]]
# The compiled ``__init__`` of each shape. Compiling was most of the cost of a record's first
# instance: about 0.1 ms a record, 4 ms of a `score` for its 35 records, which have 13 shapes.
_SHAPES: dict[_Shape, CodeType] = {}


def _way(field: dataclasses.Field[Any]) -> str:
    """How ``__init__`` sets ``field``."""
    made = field.default_factory is not dataclasses.MISSING
    if field.init:
        return _GIVEN_OR_MADE if made else _GIVEN
    if made:
        return _MADE
    return _DEFAULT if field.default is not dataclasses.MISSING else _LEFT


def _init_source(shape: _Shape) -> str:
    """The source of a frozen dataclass's ``__init__`` for records of ``shape``, the fields named
    ``__record_field_0``, ``__record_field_1``... (:func:`_init_function` renames them)."""
    slots, post_init, ways = shape
    parameters, body = ["self"], []
    # Into the instance's __dict__ directly, bypassing the refusing __setattr__ as dataclasses'
    # object.__setattr__ does, at half the cost (thousands of answers in a bulk run); slots
    # have no __dict__.
    store = "_set(self, {name!r}, {value})" if slots else "_values[{name!r}] = {value}"
    if not slots:
        body.append("    _values = self.__dict__")
    for index, way in enumerate(ways):
        name = f"{_PLACEHOLDER}{index}"
        if way in (_GIVEN, _GIVEN_OR_MADE):
            parameters.append(name)
        value = {
            _GIVEN: name,
            _GIVEN_OR_MADE: f"_factory_{index}() if {name} is _HAS_FACTORY else {name}",
            _DEFAULT: f"_default_{index}",
            _MADE: f"_factory_{index}()",
        }.get(way)
        if value is not None:  # a field left to __post_init__ is not set here
            body.append("    " + store.format(name=name, value=value))
    if post_init:
        body.append("    self.__post_init__()")
    return f"def __init__({', '.join(parameters)}):\n" + ("\n".join(body) or "    pass") + "\n"


def _init_function(cls: type) -> Callable[..., None]:
    """``cls``'s ``__init__``: the code of its shape, compiled once, with the fields' own names,
    defaults and factories."""
    fields = dataclasses.fields(cls)
    ways = tuple(_way(field) for field in fields)
    shape = ("__slots__" in cls.__dict__, hasattr(cls, "__post_init__"), ways)
    code = _SHAPES.get(shape)
    if code is None:
        compiled = compile(_init_source(shape), "<record>", "exec")  # as dataclasses do
        code = next(const for const in compiled.co_consts if isinstance(const, CodeType))
        _SHAPES[shape] = code
    names: dict[str, Any] = {"_set": object.__setattr__, "_HAS_FACTORY": _HAS_FACTORY}
    defaults: list[Any] = []
    own: dict[str, str] = {}
    for index, (field, way) in enumerate(zip(fields, ways, strict=True)):
        own[f"{_PLACEHOLDER}{index}"] = field.name
        if way in (_GIVEN_OR_MADE, _MADE):
            names[f"_factory_{index}"] = field.default_factory
        elif way == _DEFAULT:
            names[f"_default_{index}"] = field.default
        if way == _GIVEN_OR_MADE:
            defaults.append(_HAS_FACTORY)
        elif way == _GIVEN and field.default is not dataclasses.MISSING:
            defaults.append(field.default)
    code = code.replace(
        co_varnames=tuple(own.get(name, name) for name in code.co_varnames),
        co_consts=tuple(own.get(c, c) if isinstance(c, str) else c for c in code.co_consts),
        co_qualname=f"{cls.__qualname__}.__init__",
    )
    return FunctionType(code, names, "__init__", tuple(defaults) or None)


def _lazy_init(cls: type) -> Callable[..., None]:
    """An ``__init__`` that, when first called, makes the real one and puts it in its place."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _init_function(cls)
        type.__setattr__(cls, "__init__", init)
        init(self, *args, **kwargs)

    return __init__


def _check(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """Refuse what records do not support, before any instance exists."""
    for name in (*_OWN, *_ORDER):
        if name in cls.__dict__:  # also __hash__ = None, which a class defining __eq__ gets
            raise TypeError(f"record {cls.__qualname__} defines {name} of its own")
    defaulted = False
    for field in fields:
        if field.name in _RESERVED or field.name.startswith(_RESERVED_PREFIXES):
            raise TypeError(f"record {cls.__qualname__}: field name {field.name!r} is reserved")
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


@dataclasses.dataclass(init=False, repr=False, eq=False)
class _Template:
    """A dataclass of one field: what every record's fields and parameters are set from."""

    field: int


# A field's kind (a real field, not a ClassVar or an InitVar) and a record's dataclass parameters
# are read from the template rather than named, since their names are private to dataclasses.
_FIELD_KIND = dataclasses.fields(_Template)[0]._field_type  # type: ignore[attr-defined]
_PARAMS = _Template.__dataclass_params__  # type: ignore[attr-defined]


def _declare_fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """Make ``cls`` a dataclass as ``dataclass(init=False, repr=False, eq=False)`` would.

    Measured: 3.7 ms of a `score` went into ``dataclasses`` processing its 71 records, mostly in
    telling whether each string annotation names ``ClassVar``, ``InitVar`` or ``KW_ONLY`` (three
    regular-expression matches a field). Records have none of them, refused below, so each field
    is only made, named and typed; tests/test_record.py checks the result against dataclasses'.
    """
    fields: dict[str, dataclasses.Field[Any]] = {}
    for base in reversed(cls.__mro__[1:]):
        fields.update(base.__dict__.get("__dataclass_fields__", {}))
    # The class's own annotations, as inspect.get_annotations reads them (without its checks).
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
        if "ClassVar" in text or "InitVar" in text or "KW_ONLY" in text:
            raise TypeError(f"record {cls.__qualname__}: ClassVar, InitVar or KW_ONLY field")
        value = cls.__dict__.get(name, dataclasses.MISSING)
        made: dataclasses.Field[Any] = (
            value if isinstance(value, dataclasses.Field) else dataclasses.field(default=value)
        )
        if isinstance(made.default, list | dict | set):
            raise ValueError(f"mutable default {type(made.default)} for field {name} is not "
                             "allowed: use default_factory")  # fmt: skip
        made.name, made.type = name, annotation
        made._field_type = _FIELD_KIND  # type: ignore[attr-defined]
        if made.kw_only is dataclasses.MISSING:
            made.kw_only = False
        if made.default is dataclasses.MISSING:
            if value is not dataclasses.MISSING:
                type.__delattr__(cls, name)
        else:
            type.__setattr__(cls, name, made.default)
        fields[name] = made
    for name, value in cls.__dict__.items():
        if isinstance(value, dataclasses.Field) and name not in fields:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    type.__setattr__(cls, "__dataclass_fields__", fields)
    type.__setattr__(cls, "__dataclass_params__", _PARAMS)
    type.__setattr__(cls, "__match_args__", tuple(f.name for f in fields.values() if f.init))
    return tuple(fields.values())


def _make(cls: type[T], order: bool, slots: bool) -> type[T]:
    made: Any
    if slots:  # dataclasses makes a new class with __slots__: not worth doing again here
        made = dataclasses.dataclass(init=False, repr=False, eq=False, slots=True)(cls)
        fields = dataclasses.fields(made)
    else:
        fields = _declare_fields(cls)
        made = cls
    _check(made, fields)
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
