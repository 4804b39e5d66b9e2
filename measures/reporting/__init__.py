"""The monitoring core: reporting cycles and periods, progress reports and their workflow, the
computed status of measures, and who may do what. Everything a page, the API, a command or the
demo needs is imported from here:

    from measures import reporting
    reporting.report_save(...), reporting.report_accept(...), reporting.visible_reports(user)
    Measure.objects.with_computed_status(today)  # the status rule, as SQL

Modules: periods (pure period arithmetic and labels), status (the computed-status rule),
permissions (who reports, reviews, reads), services (writes), queries (reads for pages),
consolidated (the figures of the consolidated report on a period, which
measures.plan_io.consolidated_docx writes as the official .docx).
"""

from measures.reporting.periods import cycle_name, due_date, period_label, period_spans
from measures.reporting.permissions import (
    can_edit_report,
    can_report_on,
    can_review,
    can_review_programme,
    reportable_measures,
    reporting_body,
    reviewable_programmes,
    sees_unaccepted_reports_of,
    visible_reports,
)
from measures.reporting.queries import (
    WorkState,
    indicator_progress,
    measure_actuals,
    measure_progress,
    money_progress,
    reporter_work,
)
from measures.reporting.services import (
    ActualValue,
    Dispatch,
    ReportContent,
    Spent,
    accepted_spending,
    check_evidence_file,
    cycle_ensure,
    cycle_sync_periods,
    dispatch_errors,
    funding_actuals_refresh,
    programme_sync_reporting,
    report_accept,
    report_dispatch_record,
    report_return,
    report_save,
    report_submit,
    submission_errors,
)
from measures.reporting.status import annotate_computed_status, open_q, periods_owing_report
from measures.services import measure_set_status_override

__all__ = [
    "ActualValue",
    "Dispatch",
    "ReportContent",
    "Spent",
    "WorkState",
    "accepted_spending",
    "annotate_computed_status",
    "can_edit_report",
    "can_report_on",
    "can_review",
    "can_review_programme",
    "check_evidence_file",
    "cycle_ensure",
    "cycle_name",
    "cycle_sync_periods",
    "dispatch_errors",
    "due_date",
    "funding_actuals_refresh",
    "indicator_progress",
    "measure_actuals",
    "measure_progress",
    "measure_set_status_override",
    "money_progress",
    "open_q",
    "period_label",
    "period_spans",
    "periods_owing_report",
    "programme_sync_reporting",
    "report_accept",
    "report_dispatch_record",
    "report_return",
    "report_save",
    "report_submit",
    "reportable_measures",
    "reporter_work",
    "reporting_body",
    "reviewable_programmes",
    "sees_unaccepted_reports_of",
    "submission_errors",
    "visible_reports",
]
