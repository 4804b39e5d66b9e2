"""Writes on the working group's records that both the web form and the API use."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from meetings.models import Proposal, ProposalStatus, WorkingGroup, WorkingGroupMember


def proposal_author_membership(*, user, group: WorkingGroup) -> WorkingGroupMember | None:
    """The user's current membership of the group, if they may send proposals to it."""
    if not user.is_authenticated or not user.has_perm("meetings.add_proposal"):
        return None
    return group.members.active().filter(user=user).select_related("body").first()


@transaction.atomic
def proposal_submit(*, user, group: WorkingGroup, **fields) -> Proposal:
    """A member sends a proposal to their working group; the author's body is their own.

    Raises PermissionDenied for anyone who is not a current member with the members' role, and
    ValidationError (field-keyed) for a proposal that breaks the model's rules.
    """
    membership = proposal_author_membership(user=user, group=group)
    if membership is None:
        raise PermissionDenied("Only current members of the working group can send proposals.")
    proposal = Proposal(
        group=group,
        programme=group.programme,
        author=user,
        author_body=membership.body,
        status=ProposalStatus.SUBMITTED,
        **fields,
    )
    proposal.full_clean()
    proposal.save()
    return proposal
