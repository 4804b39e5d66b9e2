"""The working group's links on a measure for make bench's same-JSON query (measures/bench_sql.py),
as meetings.api.attach_working_group_links gives them: decisions' keys and proposals' ids, only
those the client may see (the models' own visibility rules, compiled to SQL)."""

from __future__ import annotations

from measures.bench_sql import compiled
from meetings.models import Decision, Meeting, Proposal, WorkingGroup


def working_group_links(user) -> tuple[str, list]:
    """Three JSON columns — decisions, source_proposals, proposals — of the measure aliased m."""
    decisions, decision_params = compiled(Decision.objects.visible_to(user).values("pk"))
    proposals, proposal_params = compiled(Proposal.objects.visible_to(user).values("pk"))
    linked = Decision.measures.through._meta.db_table
    decision = Decision._meta.db_table
    meeting = Meeting._meta.db_table
    group = WorkingGroup._meta.db_table
    proposal = Proposal._meta.db_table
    sql = f"""
      (SELECT coalesce(json_agg(g.slug || '/' || mt.number || '/' || dc.number
                                ORDER BY mt.starts_at, dc.number), '[]'::json)
         FROM {linked} dm
         JOIN {decision} dc ON dc.id = dm.decision_id
         JOIN {meeting} mt ON mt.id = dc.meeting_id
         JOIN {group} g ON g.id = mt.group_id
        WHERE dm.measure_id = m.id AND dc.id IN ({decisions})),
      (SELECT coalesce(json_agg(pr.id ORDER BY pr.id), '[]'::json)
         FROM {proposal} pr WHERE pr.resulting_measure_id = m.id AND pr.id IN ({proposals})),
      (SELECT coalesce(json_agg(pr.id ORDER BY pr.id), '[]'::json)
         FROM {proposal} pr WHERE pr.measure_id = m.id AND pr.id IN ({proposals}))
    """  # noqa: S608
    return sql, [*decision_params, *proposal_params, *proposal_params]
