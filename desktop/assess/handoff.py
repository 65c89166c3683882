"""Assessment sets travel in the province's plan file (desktop.handoff).

The province's own sets — those written or edited in its program, kept in
the `assessment_set` table — go out beside its plan as TOML texts; the
shipped examples are in every program already. A receiving office saves
each through `store.save_set`: checked first (a bad set refuses the whole
file in one sentence, nothing written), audited, replacing a set of the
same code.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.assess.store import save_set
from desktop.data.models import StoredAssessmentSet
from desktop.errors import UserError
from desktop.i18n import t

SECTION = "assessment_sets"


def export_sets(session: Session, _plan_code: str) -> list[dict] | None:
    rows = session.scalars(select(StoredAssessmentSet).order_by(StoredAssessmentSet.code)).all()
    return [{"code": row.code, "toml": row.body} for row in rows] or None


def apply_sets(session: Session, _plan_code: str, data: object) -> str:
    if not isinstance(data, list) or not all(
            isinstance(item, dict) and isinstance(item.get("toml"), str) for item in data):
        raise UserError(t("Phần bộ tiêu chí đánh giá trong tệp kế hoạch không hợp lệ.",
                          "The assessment sets in the plan file are malformed."))
    codes = [save_set(session, item["toml"]).code for item in data]
    return t(f"bộ tiêu chí đánh giá: {', '.join(codes)}", f"assessment sets: {', '.join(codes)}")
