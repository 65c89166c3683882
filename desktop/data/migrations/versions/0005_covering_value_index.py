"""An index of the values that holds each value.

data_value gets (unit, period, element, value) beside its (unit, period)
index: a quarter's sums and a unit's quarter figures find each value in
the index itself instead of looking each one up in the table (the
province's quarter sums on SQLite: 21.9 → 10.8 ms). SQLite's planner
prefers the unique (unit, element, period) key when every column of it is
given, so the statements that want this index name it there
(desktop.data.keyed.join_by_unit). The (unit, period) index stays: with
only the wider one PostgreSQL, short of statistics, planned the yearly
values' refresh on the (period, element) index (tests/data/test_query_plans.py).

Revision ID: 0005
Revises: 0004
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('data_value', schema=None) as batch_op:
        batch_op.create_index('ix_data_value_unit_period_value',
                              ['unit_id', 'period_id', 'element_id', 'value'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('data_value', schema=None) as batch_op:
        batch_op.drop_index('ix_data_value_unit_period_value')
