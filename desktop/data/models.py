"""The domain model: units, data elements, indicators, plans, targets, values.

SQLAlchemy 2.0 typed mappings. Plain data only; every rule about what the
numbers mean lives in the engine. Works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

LEVELS = ("tinh", "huyen", "xa")
TARGET_LEVELS = LEVELS + ("all",)
UNIT_KINDS = ("area", "agency")
ELEMENT_KINDS = ("number", "yesno", "money", "percent")
TEMPORAL_KINDS = ("stock", "flow")
INDICATOR_KINDS = ("ratio", "total", "count_yes", "milestone")
COMPARATORS = (">=", ">", "<=", "<", "about", "between", "done")
SUBMISSION_STATES = ("draft", "submitted", "approved")


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Key/value facts about this database: which office it belongs to, etc."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OrgUnit(Base):
    """An area (province, district, commune) or an agency at some level."""

    __tablename__ = "org_unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(200), index=True)
    level: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(8))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    path: Mapped[str] = mapped_column(String(400), index=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[OrgUnit | None] = relationship(
        remote_side=[id], foreign_keys=[parent_id]
    )
    successor: Mapped[OrgUnit | None] = relationship(
        remote_side=[id], foreign_keys=[successor_id]
    )


class DataElement(Base):
    """A raw number collected per unit and period."""

    __tablename__ = "data_element"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(48), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    measure: Mapped[str] = mapped_column(String(40), default="")
    measure_en: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(8))
    temporal: Mapped[str] = mapped_column(String(8))
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    levels: Mapped[str] = mapped_column(String(40), default="tinh,huyen,xa")
    group: Mapped[str] = mapped_column(String(80), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Indicator(Base):
    """A formula over data elements: ratio, total, count of yes, milestone."""

    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(48), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(12))
    numerator_id: Mapped[int | None] = mapped_column(ForeignKey("data_element.id"))
    denominator_id: Mapped[int | None] = mapped_column(ForeignKey("data_element.id"))
    element_id: Mapped[int | None] = mapped_column(ForeignKey("data_element.id"))
    factor: Mapped[float] = mapped_column(Float, default=1.0)
    measure: Mapped[str] = mapped_column(String(40), default="")
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    direction: Mapped[str] = mapped_column(String(4), default="up")
    # A part of a whole (staff using email of all staff): the numerator can
    # never exceed the denominator. False for e.g. computers per staff.
    capped: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    numerator: Mapped[DataElement | None] = relationship(foreign_keys=[numerator_id])
    denominator: Mapped[DataElement | None] = relationship(
        foreign_keys=[denominator_id]
    )
    element: Mapped[DataElement | None] = relationship(foreign_keys=[element_id])


class Plan(Base):
    """A provincial plan with its decision and source text."""

    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text, default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    decision: Mapped[str] = mapped_column(String(80), default="")
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    province: Mapped[str] = mapped_column(String(100), default="")
    year_from: Mapped[int] = mapped_column(Integer)
    year_to: Mapped[int] = mapped_column(Integer)
    source_text: Mapped[str] = mapped_column(Text, default="")

    targets: Mapped[list[Target]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Target.id"
    )


class Target(Base):
    """What a plan asks of an indicator in one year at one level."""

    __tablename__ = "target"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    year: Mapped[int] = mapped_column(Integer)
    # Set when the target is cumulative over period_from..year (a budget).
    period_from: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(8))
    comparator: Mapped[str] = mapped_column(String(8))
    value: Mapped[float | None] = mapped_column(Float)
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="targets")
    indicator: Mapped[Indicator] = relationship()


class Period(Base):
    """A reporting period: a year (2024), quarter (2024Q3) or month (2024-07)."""

    __tablename__ = "period"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[int] = mapped_column(Integer, default=0)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)


VALUES_OF_UNIT_PERIOD = "ix_data_value_unit_period_value"


class DataValue(Base):
    """One recorded number: element × unit × period."""

    __tablename__ = "data_value"
    __table_args__ = (
        UniqueConstraint("unit_id", "element_id", "period_id"),
        Index("ix_data_value_period", "period_id", "element_id"),
        Index("ix_data_value_unit_period", "unit_id", "period_id"),
        # Each value by (unit, period, element) without reading the table: a quarter's
        # sums and a unit's quarter figures on SQLite (named there, desktop.data.keyed).
        Index(VALUES_OF_UNIT_PERIOD, "unit_id", "period_id", "element_id", "value"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    element_id: Mapped[int] = mapped_column(ForeignKey("data_element.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"))
    value: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = mapped_column(String(80), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class YearValue(Base):
    """The value that counts for a whole year, derived from recorded values.

    The year's own value when one was recorded, else the last quarter (or
    month) for stock elements and the sum of quarters (or months) for flow
    elements. Kept up to date by the data layer on every write, so the
    engine reads one row per unit and element instead of re-deriving it.
    """

    __tablename__ = "year_value"
    # Clustered by (year, element, unit) (WITHOUT ROWID on SQLite): a year's
    # values of an element are one contiguous range. The covering index
    # serves "up to year Y" reads (milestones, cumulative budgets) of every
    # unit, the unit index those of given units.
    __table_args__ = (
        Index("ix_year_value_element_year", "element_id", "year", "unit_id", "value"),
        Index("ix_year_value_unit", "unit_id", "element_id", "year", "value"),
        {"sqlite_with_rowid": False},
    )
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    element_id: Mapped[int] = mapped_column(
        ForeignKey("data_element.id"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)


class Submission(Base):
    """Where a unit's report for a period stands: draft, submitted, approved."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("unit_id", "period_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"))
    state: Mapped[str] = mapped_column(String(10), default="draft")
    changed_by: Mapped[str] = mapped_column(String(80), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """One change: what, who, when, the old and the new value."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(80), default="")
    entity: Mapped[str] = mapped_column(String(16))
    entity_key: Mapped[str] = mapped_column(String(160))
    action: Mapped[str] = mapped_column(String(16))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")


class StoredAssessmentSet(Base):
    """An assessment set edited in the program (its TOML text); overrides a shipped one."""

    __tablename__ = "assessment_set"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(80), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AssessorScore(Base):
    """A score the assessor gave a unit on a criterion no figure measures."""

    __tablename__ = "assessor_score"
    __table_args__ = (UniqueConstraint("set_code", "criterion", "unit_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    set_code: Mapped[str] = mapped_column(String(32))
    criterion: Mapped[str] = mapped_column(String(48))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    points: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = mapped_column(String(80), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class StructureChange(Base):
    """One row counting the changes to everything but the values, on PostgreSQL.

    Triggers (migration 0004) add one for every statement that writes any
    table other than the value tables (desktop.data.cache.VALUE_TABLES), so
    a connection can tell whether what it keeps (the unit tree, a plan's
    groups) is still what the server holds. SQLite has `PRAGMA data_version`
    for that and leaves the row alone.
    """

    __tablename__ = "structure_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger, default=0)
