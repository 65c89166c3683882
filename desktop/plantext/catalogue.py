"""The indicators proposals are matched against: a database's, or the shipped ones."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import Indicator
from desktop.plantext.match import Candidate


def catalogue_from_session(session: Session) -> list[Candidate]:
    rows = session.execute(select(Indicator.code, Indicator.name, Indicator.kind,
                                  Indicator.measure).order_by(Indicator.sort_order))
    return [Candidate(code, name, kind, measure or "") for code, name, kind, measure in rows]
