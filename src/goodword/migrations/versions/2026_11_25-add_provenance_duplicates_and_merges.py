"""Add provenance, duplicates and merges: where each person came from (person_sources),
the possible-duplicates queue, undoable merges, birthdays, and message direction and
external ids on interactions so imports can be repeated without duplicating anything.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 22:48:46.918942
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "duplicate_candidates",
        sa.Column("person_a_id", sa.Integer(), nullable=False),
        sa.Column("person_b_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open", "merged", "not_same", name="candidatestatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_a_id"],
            ["people.id"],
            name=op.f("fk_duplicate_candidates_person_a_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_b_id"],
            ["people.id"],
            name=op.f("fk_duplicate_candidates_person_b_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_duplicate_candidates_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_candidates")),
        sa.UniqueConstraint(
            "workspace_id",
            "person_a_id",
            "person_b_id",
            name=op.f("uq_duplicate_candidates_workspace_id_person_a_id_person_b_id"),
        ),
    )
    with op.batch_alter_table("duplicate_candidates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_duplicate_candidates_person_b_id"), ["person_b_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_duplicate_candidates_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "ix_duplicate_candidates_workspace_status", ["workspace_id", "status"], unique=False
        )

    op.create_table(
        "merges",
        sa.Column("survivor_id", sa.Integer(), nullable=True),
        sa.Column("absorbed_id", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["survivor_id"],
            ["people.id"],
            name=op.f("fk_merges_survivor_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_merges_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merges")),
    )
    with op.batch_alter_table("merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merges_survivor_id"), ["survivor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merges_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "person_sources",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=True),
        sa.Column("external_key", sa.String(length=300), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_sources_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_person_sources_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_sources")),
    )
    with op.batch_alter_table("person_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_sources_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_sources_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "ix_person_sources_workspace_key",
            ["workspace_id", "source", "external_key"],
            unique=False,
        )

    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "direction",
                sa.Enum("inbound", "outbound", name="direction", native_enum=False, length=32),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("external_id", sa.String(length=300), nullable=True))
        batch_op.create_index(
            "ix_interactions_workspace_external", ["workspace_id", "external_id"], unique=False
        )

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birthday", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("birthday")

    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_workspace_external")
        batch_op.drop_column("external_id")
        batch_op.drop_column("direction")

    with op.batch_alter_table("person_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_person_sources_workspace_key")
        batch_op.drop_index(batch_op.f("ix_person_sources_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_person_sources_person_id"))

    op.drop_table("person_sources")
    with op.batch_alter_table("merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merges_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_merges_survivor_id"))

    op.drop_table("merges")
    with op.batch_alter_table("duplicate_candidates", schema=None) as batch_op:
        batch_op.drop_index("ix_duplicate_candidates_workspace_status")
        batch_op.drop_index(batch_op.f("ix_duplicate_candidates_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_duplicate_candidates_person_b_id"))

    op.drop_table("duplicate_candidates")
