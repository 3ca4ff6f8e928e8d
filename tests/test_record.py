"""Records (:mod:`svccheck.core.record`) behave as frozen dataclasses of the same fields.

Each test record below has a twin made by ``dataclasses.dataclass(frozen=True)`` from the same
class body; on generated field values both must agree on construction (defaults, factories,
fields outside ``__init__``, ``__post_init__``), equality, hashing, ordering, ``repr``,
``dataclasses.replace``/``fields``/``asdict``, the refusal to assign or delete, pickling and
copying. Then every record of the package is checked to be a frozen dataclass.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
import pkgutil
from dataclasses import field
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import svccheck
from svccheck.core.record import record

VALUES = st.one_of(st.integers(-3, 3), st.text(max_size=3), st.none(), st.tuples(st.integers()))


class _Plain:
    """Fields with and without defaults."""

    a: int
    b: Any
    c: Any = None
    d: tuple[int, ...] = ()


class _Hidden:
    """Fields left out of comparison, repr and ``__init__``, and a factory."""

    a: Any
    b: Any = field(default="x", compare=False)
    c: list[int] = field(default_factory=list, repr=False)
    d: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "d", {"a": self.a})


class _Ordered:
    """Ordered over the compared fields only."""

    a: int
    b: int
    c: str = field(default="", compare=False)


class _Empty:
    """No fields at all."""


class _One:
    """One field."""

    a: Any


def _pair(body: type, **options: Any) -> tuple[type, type]:
    """A record and a real frozen dataclass made from copies of the same class body."""

    def copied() -> type:
        namespace = {k: v for k, v in vars(body).items() if k not in ("__dict__", "__weakref__")}
        return type(body.__name__, (), namespace)

    twin_options = {k: v for k, v in options.items() if k != "slots"} | {"frozen": True}
    twin: type = dataclasses.dataclass(**twin_options, slots=options.get("slots", False))(copied())
    return record(**options)(copied()), twin


def _same(ours: Any, theirs: Any) -> None:
    assert repr(ours) == repr(theirs)
    assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    names = [f.name for f in dataclasses.fields(ours)]
    assert names == [f.name for f in dataclasses.fields(theirs)]


def _frozen(instance: Any, name: str) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError) as raised:
        setattr(instance, name, 1)
    assert str(raised.value) == f"cannot assign to field {name!r}"
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(instance, name)


@given(VALUES, VALUES, VALUES, VALUES, st.integers(0, 4))
def test_plain_record_as_dataclass(a: Any, b: Any, c: Any, d: Any, given_count: int) -> None:
    for slots in (False, True):
        ours, theirs = _pair(_Plain, slots=slots)
        arguments = (a, b, c, (d,))[: max(2, given_count)]
        one, other = ours(*arguments), theirs(*arguments)
        _same(one, other)
        again = ours(*arguments)
        assert one == again
        assert hash(one) == hash(again)
        assert (one == ours(a, b, c, (d, d))) == (other == theirs(a, b, c, (d, d)))
        assert one != other  # another class, as between two dataclasses
        changed = dataclasses.replace(one, c=d)
        _same(changed, dataclasses.replace(other, c=d))
        assert copy.deepcopy(one) == one
        assert copy.copy(one) == one
        _frozen(one, "a")


@given(VALUES, VALUES, st.lists(st.integers(), max_size=2))
def test_hidden_fields_as_dataclass(a: Any, b: Any, c: list[int]) -> None:
    ours, theirs = _pair(_Hidden)
    one, other = ours(a, b, c), theirs(a, b, c)
    _same(one, other)
    assert one.d == other.d == {"a": a}
    assert ours(a).c == []
    assert ours(a).c is not ours(a).c
    assert (one == ours(a, "other", c)) == (other == theirs(a, "other", c))
    hashable_one, hashable_other = ours(a, b, ()), theirs(a, b, ())
    assert (hash(hashable_one) == hash(ours(a, "other", ()))) is True  # b is neither compared
    assert hashable_one == ours(a, "other", ())
    assert hashable_other == theirs(a, "other", ())
    with pytest.raises(TypeError):
        ours(a, b, c, {})  # d is not a parameter
    with pytest.raises(TypeError):
        ours()


@given(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2))
def test_order_as_dataclass(a: int, b: int, c: int, d: int) -> None:
    ours, theirs = _pair(_Ordered, order=True)
    left, right = ours(a, b, "p"), ours(c, d, "q")
    twin_left, twin_right = theirs(a, b, "p"), theirs(c, d, "q")
    assert (left < right) == (twin_left < twin_right)
    assert (left <= right) == (twin_left <= twin_right)
    assert (left > right) == (twin_left > twin_right)
    assert (left >= right) == (twin_left >= twin_right)
    assert sorted([right, left]) == sorted([left, right])
    with pytest.raises(TypeError):
        assert left < twin_left


@record(slots=True)
class SlotRecord:
    """A record with slots, at module level so that pickle finds it."""

    a: Any
    b: Any = None


@record
class DictRecord:
    """A record without slots, at module level so that pickle finds it."""

    a: Any
    b: Any = None


@given(VALUES, VALUES)
def test_pickle_and_copy(a: Any, b: Any) -> None:
    for cls in (SlotRecord, DictRecord):
        one = cls(a, b)
        assert pickle.loads(pickle.dumps(one)) == one
        assert copy.deepcopy(one) == one
        assert copy.copy(one) == one
        _frozen(pickle.loads(pickle.dumps(one)), "b")


def test_no_fields_and_one_field() -> None:
    empty, twin = _pair(_Empty)
    assert empty() == empty()
    assert hash(empty()) == hash(empty())
    assert repr(empty()) == repr(twin()) == "_Empty()"
    one, twin_one = _pair(_One)
    assert repr(one((1,))) == repr(twin_one((1,)))
    assert one(1) == one(1)
    assert one(1) != one((1,))
    assert hash(one(1)) == hash(one(1))


_FIELD_ATTRIBUTES = (
    "name", "type", "default", "default_factory", "init", "repr", "hash", "compare",
    "metadata", "kw_only",
)  # fmt: skip


@pytest.mark.parametrize("body", [_Plain, _Hidden, _Ordered, _Empty, _One])
def test_fields_declared_as_dataclasses_declares_them(body: type) -> None:
    # Records declare their fields themselves (dataclasses took 3.7 ms of a `score` for it):
    # every attribute of every field, the class attributes left and the match order must be
    # what dataclasses gives, or fields(), replace() and asdict() would differ.
    ours, theirs = _pair(body)
    for mine, real in zip(dataclasses.fields(ours), dataclasses.fields(theirs), strict=True):
        for attribute in _FIELD_ATTRIBUTES:
            assert getattr(mine, attribute) == getattr(real, attribute), (body, attribute)
    assert len(dataclasses.fields(ours)) == len(dataclasses.fields(theirs))
    assert getattr(ours, "__match_args__") == getattr(theirs, "__match_args__")  # noqa: B009
    for name in ("a", "b", "c", "d"):
        assert vars(ours).get(name, "absent") == vars(theirs).get(name, "absent"), name


def test_fields_dataclasses_would_refuse_are_refused() -> None:
    class MutableDefault:
        """A list as a default, shared by every instance."""

        a: list[int] = []  # noqa: RUF012

    class Unannotated:
        """A field without a type."""

        a = field(default=1)

    class Constant:
        """A class variable among the fields."""

        a: ClassVar[int] = 1

    with pytest.raises(ValueError, match="mutable default"):
        record(MutableDefault)
    with pytest.raises(TypeError, match="no type annotation"):
        record(Unannotated)
    with pytest.raises(TypeError, match="ClassVar"):
        record(Constant)


def test_unsupported_definitions_refused() -> None:
    class OwnEquality:
        """A class with equality of its own."""

        a: int

        def __eq__(self, other: object) -> bool:
            return True

    class DefaultFirst:
        """A default before a field without one."""

        a: int = 1
        b: int

    for body in (OwnEquality, DefaultFirst):
        with pytest.raises(TypeError):
            record(body)


def test_records_of_one_shape_keep_their_own_names_and_defaults() -> None:
    # Records of one shape share one compiled __init__, renamed for each: keywords, defaults and
    # messages must still be each record's own.
    @record
    class Left:
        """Two fields, the second with a default."""

        width: int
        unit: str = "cm"

    @record
    class Right:
        """Two fields of the same shape, another default."""

        height: int
        label: str = "top"

    assert repr(Left(width=3)).endswith("Left(width=3, unit='cm')")
    assert repr(Right(height=4)).endswith("Right(height=4, label='top')")
    assert Right(1, label="x").label == "x"
    with pytest.raises(TypeError, match="'height'"):
        Right()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'height'"):
        Left(height=1)  # type: ignore[call-arg]


def test_reserved_field_names_refused() -> None:
    # The generated __init__ uses these names itself: a parameter of the same name would hide them.
    for name in ("self", "_values", "_set", "_factory_0", "__record_field_1"):
        body = type("Reserved", (), {"__annotations__": {name: int}, "__doc__": "A record."})
        with pytest.raises(TypeError, match="reserved"):
            record(body)


def _package_records() -> list[type]:
    found = []
    for module in pkgutil.walk_packages(svccheck.__path__, "svccheck."):
        loaded = importlib.import_module(module.name)
        found += [
            value
            for value in vars(loaded).values()
            if isinstance(value, type)
            and value.__module__ == loaded.__name__
            and "__record_key__" in vars(value)
        ]
    return found


def test_package_records_are_frozen_dataclasses() -> None:
    records = _package_records()
    assert len(records) > 40
    for cls in records:
        assert dataclasses.is_dataclass(cls), cls
        assert cls.__doc__, f"{cls.__qualname__}: a record says what it is"
        assert cls.__setattr__ is not object.__setattr__, cls
