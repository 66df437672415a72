"""Every write to the catalogue: services and volunteer tasks, their life cycle, moderation.

Each function validates, saves inside a transaction, writes an audit event and refreshes the
search index; email goes out after commit.
"""

from .service import (
    LocationData,
    ScheduleData,
    ServiceFields,
    service_archive,
    service_audit_county,
    service_confirm,
    service_create,
    service_hide,
    service_mark_reminded,
    service_publish,
    service_unhide,
    service_update,
)
from .volunteer_task import (
    TaskFields,
    volunteer_task_archive,
    volunteer_task_create,
    volunteer_task_hide,
    volunteer_task_publish,
    volunteer_task_unhide,
    volunteer_task_update,
)

__all__ = [
    "LocationData",
    "ScheduleData",
    "ServiceFields",
    "TaskFields",
    "service_archive",
    "service_audit_county",
    "service_confirm",
    "service_create",
    "service_hide",
    "service_mark_reminded",
    "service_publish",
    "service_unhide",
    "service_update",
    "volunteer_task_archive",
    "volunteer_task_create",
    "volunteer_task_hide",
    "volunteer_task_publish",
    "volunteer_task_unhide",
    "volunteer_task_update",
]
