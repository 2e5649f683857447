"""Add the records the playbooks work with: referral asks, references and their uses, leads
to pass on, the user's own message templates, keep-in-touch cadences, task origin keys
(so a playbook never makes the same task twice) and the calendar feed token.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 22:50:25.644914
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "message_templates",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_message_templates_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_templates")),
        sa.UniqueConstraint(
            "workspace_id", "key", name=op.f("uq_message_templates_workspace_id_key")
        ),
    )
    with op.batch_alter_table("message_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_templates_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "leads",
        sa.Column(
            "kind",
            sa.Enum(
                "opportunity",
                "lead",
                "event",
                "article",
                name="leadkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("happens_on", sa.Date(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_leads_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_leads_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
    )
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_leads_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_leads_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "references",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("relationship_text", sa.Text(), nullable=True),
        sa.Column("can_speak_to", sa.Text(), nullable=True),
        sa.Column("is_current_workplace", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_references_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_references_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_references")),
        sa.UniqueConstraint(
            "workspace_id", "person_id", name=op.f("uq_references_workspace_id_person_id")
        ),
    )
    with op.batch_alter_table("references", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_references_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_references_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "lead_shares",
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "suggested", "sent", "skipped", name="sharestatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_lead_shares_lead_id_leads"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_lead_shares_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_lead_shares_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_shares")),
        sa.UniqueConstraint("lead_id", "person_id", name=op.f("uq_lead_shares_lead_id_person_id")),
    )
    with op.batch_alter_table("lead_shares", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_shares_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_shares_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_lead_shares_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "reference_uses",
        sa.Column("reference_id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "briefed",
                "called",
                "thanked",
                "cancelled",
                name="usestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("stress_points", sa.Text(), nullable=True),
        sa.Column("briefed_on", sa.Date(), nullable=True),
        sa.Column("called_on", sa.Date(), nullable=True),
        sa.Column("thanked_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_reference_uses_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reference_id"],
            ["references.id"],
            name=op.f("fk_reference_uses_reference_id_references"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_reference_uses_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_uses")),
        sa.UniqueConstraint(
            "reference_id",
            "opportunity_id",
            name=op.f("uq_reference_uses_reference_id_opportunity_id"),
        ),
    )
    with op.batch_alter_table("reference_uses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reference_uses_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reference_uses_reference_id"), ["reference_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reference_uses_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "referral_asks",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source_opportunity_id", sa.Integer(), nullable=True),
        sa.Column("target_organization_id", sa.Integer(), nullable=True),
        sa.Column("result_opportunity_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "to_ask",
                "asked",
                "agreed",
                "declined",
                "introduced",
                "interviewing",
                "offer",
                "closed",
                name="askstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("asked_on", sa.Date(), nullable=True),
        sa.Column("reported_back_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("introduced_to", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_referral_asks_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["result_opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_referral_asks_result_opportunity_id_opportunities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_referral_asks_source_opportunity_id_opportunities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["target_organization_id"],
            ["organizations.id"],
            name=op.f("fk_referral_asks_target_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_referral_asks_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_asks")),
    )
    with op.batch_alter_table("referral_asks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_asks_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_referral_asks_source_opportunity_id"),
            ["source_opportunity_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_referral_asks_target_organization_id"),
            ["target_organization_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_referral_asks_workspace_id"), ["workspace_id"], unique=False
        )

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_in_touch_days", sa.Integer(), nullable=True))

    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_key", sa.String(length=300), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_tasks_workspace_id_origin_key"), ["workspace_id", "origin_key"]
        )

    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_token", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_workspaces_calendar_token"), ["calendar_token"]
        )


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_workspaces_calendar_token"), type_="unique")
        batch_op.drop_column("calendar_token")

    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_tasks_workspace_id_origin_key"), type_="unique")
        batch_op.drop_column("origin_key")

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("keep_in_touch_days")

    with op.batch_alter_table("referral_asks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_asks_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_referral_asks_target_organization_id"))
        batch_op.drop_index(batch_op.f("ix_referral_asks_source_opportunity_id"))
        batch_op.drop_index(batch_op.f("ix_referral_asks_person_id"))

    op.drop_table("referral_asks")
    with op.batch_alter_table("reference_uses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reference_uses_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_reference_uses_reference_id"))
        batch_op.drop_index(batch_op.f("ix_reference_uses_opportunity_id"))

    op.drop_table("reference_uses")
    with op.batch_alter_table("lead_shares", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_shares_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_lead_shares_person_id"))
        batch_op.drop_index(batch_op.f("ix_lead_shares_lead_id"))

    op.drop_table("lead_shares")
    with op.batch_alter_table("references", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_references_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_references_person_id"))

    op.drop_table("references")
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leads_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_leads_organization_id"))

    op.drop_table("leads")
    with op.batch_alter_table("message_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_templates_workspace_id"))

    op.drop_table("message_templates")
