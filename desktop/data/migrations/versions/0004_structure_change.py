"""A counter of changes to everything but the values, kept by triggers on PostgreSQL.

A server connection may keep the unit tree, a plan's groups and the
element rules between jobs only if it can tell that no other connection
changed them. Every statement writing one of the tables below raises the
one row of `structure_change` (a statement-level trigger); a connection
compares it before using what it keeps (desktop.data.cache). The trigger
runs before the statement: a transaction takes the counter's row lock
before any row lock of its own structural writes, so two such
transactions take turns instead of deadlocking (each holding rows the
other wants, one waiting on the counter). The value
tables (values, yearly values, periods, submission states, the audit
trail) have no trigger: writing them changes nothing that is kept. SQLite
has `PRAGMA data_version` instead: the table is made there too (one
schema for both) and left at 0.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Every table at this revision but the value tables; a later revision adding a
# table adds its trigger (tests/data/test_structure_change.py checks every table).
STRUCTURE_TABLES = ('setting', 'org_unit', 'data_element', 'indicator', 'plan', 'target',
                    'assessment_set', 'assessor_score')
FUNCTION = 'itplan_structure_changed'


def trigger_name(table: str) -> str:
    return f'itplan_structure_{table}'


def upgrade() -> None:
    op.create_table('structure_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('counter', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.execute("INSERT INTO structure_change (id, counter) VALUES (1, 0)")
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(f"CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
               "BEGIN UPDATE structure_change SET counter = counter + 1 WHERE id = 1; "
               "RETURN NULL; END $$")
    for table in STRUCTURE_TABLES:
        op.execute(f"CREATE TRIGGER {trigger_name(table)} BEFORE INSERT OR UPDATE OR DELETE "
                   f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in STRUCTURE_TABLES:
            op.execute(f"DROP TRIGGER {trigger_name(table)} ON {table}")
        op.execute(f"DROP FUNCTION {FUNCTION}()")
    op.drop_table('structure_change')
