"""Proposal numbers are identifiers, not quantities: no thousands separator in any language."""

import pytest

from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_my_proposals_shows_number_without_separator(client, lang):
    proposal = ProposalFactory(id=1012, title="Growth points budget")
    client.force_login(proposal.author)
    response = client.get(f"/{lang}/working-group/{proposal.group.slug}/proposals/mine/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Growth points budget" in content
    assert "№ 1012" in content
    assert "1,012" not in content and "1\xa0012" not in content
