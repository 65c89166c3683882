"""Indexes for reads by unit.

- data_value (unit, period): what one unit reported in one period (the
  entry grid, the write path's current rows, a unit's quarter figures) is
  read by key instead of scanning the whole period;
- year_value (unit, element, year, value): a unit's values over a range of
  years (milestones, cumulative targets) without scanning every unit's.

Revision ID: 0002
Revises: 0001
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('data_value', schema=None) as batch_op:
        batch_op.create_index('ix_data_value_unit_period', ['unit_id', 'period_id'], unique=False)
    with op.batch_alter_table('year_value', schema=None) as batch_op:
        batch_op.create_index('ix_year_value_unit', ['unit_id', 'element_id', 'year', 'value'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('year_value', schema=None) as batch_op:
        batch_op.drop_index('ix_year_value_unit')
    with op.batch_alter_table('data_value', schema=None) as batch_op:
        batch_op.drop_index('ix_data_value_unit_period')
