"""Catalogue pages, by audience: public, representatives and coordinators."""

from .client_list import (
    client_list_add,
    client_list_change,
    client_list_email,
    client_list_page,
    client_list_pdf,
    client_list_print,
)
from .coordinators import (
    county_overview,
    service_hide,
    service_unhide,
    stale,
    task_hide,
    task_unhide,
)
from .public import printable, printable_pdf, service_detail, task_detail, task_list
from .representatives import (
    manage,
    organisation_restore,
    service_archive,
    service_confirm,
    service_create,
    service_edit,
    service_publish,
    task_archive,
    task_create,
    task_edit,
    task_manage,
    task_publish,
)
from .service_steps import service_start, service_step, service_step_autosave

__all__ = [
    "client_list_add",
    "client_list_change",
    "client_list_email",
    "client_list_page",
    "client_list_pdf",
    "client_list_print",
    "county_overview",
    "manage",
    "organisation_restore",
    "printable",
    "printable_pdf",
    "service_archive",
    "service_confirm",
    "service_create",
    "service_detail",
    "service_edit",
    "service_hide",
    "service_publish",
    "service_start",
    "service_step",
    "service_step_autosave",
    "service_unhide",
    "stale",
    "task_archive",
    "task_create",
    "task_detail",
    "task_edit",
    "task_hide",
    "task_list",
    "task_manage",
    "task_publish",
    "task_unhide",
]
