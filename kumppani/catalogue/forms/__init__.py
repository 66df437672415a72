"""Forms of the catalogue pages: filters, the service and task editors, hiding."""

from .client_list import ClientListOptionsForm, ClientListSendForm
from .common import ACTIVITY_LANGUAGES, HideForm, OrganisationChoiceForm
from .filters import ManageFilterForm, PrintForm, StaleFilterForm, TaskFilterForm
from .service_editor import ServiceEditor, initial_for
from .task import TaskForm

__all__ = [
    "ACTIVITY_LANGUAGES",
    "ClientListOptionsForm",
    "ClientListSendForm",
    "HideForm",
    "ManageFilterForm",
    "OrganisationChoiceForm",
    "PrintForm",
    "ServiceEditor",
    "StaleFilterForm",
    "TaskFilterForm",
    "TaskForm",
    "initial_for",
]
