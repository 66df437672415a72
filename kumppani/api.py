"""The public JSON API: one NinjaAPI, each app mounting its router."""

from ninja import NinjaAPI

from kumppani.catalogue.api import router as catalogue_router
from kumppani.core.api import install_error_handlers
from kumppani.grants.api import router as grants_router
from kumppani.meetings.api import liaisons_router
from kumppani.meetings.api import router as meetings_router
from kumppani.organisations.api import router as organisations_router

api = NinjaAPI(
    title="Kumppani API",
    version="1",
    description="Organisation registry, service catalogue and grants of Finnish wellbeing services "
    "counties' NGO cooperation.",
    urls_namespace="api-v1",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("/organisations", organisations_router)
api.add_router("/", catalogue_router)
api.add_router("/grants", grants_router)
api.add_router("/meetings", meetings_router)
api.add_router("/liaisons", liaisons_router)
