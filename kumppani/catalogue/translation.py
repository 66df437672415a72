from modeltranslation.translator import TranslationOptions, register

from .models import Location, Schedule, Service, Taxonomy, TaxonomyTerm, VolunteerTask


@register(Taxonomy)
class TaxonomyTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(TaxonomyTerm)
class TaxonomyTermTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "description",
        "easy_read_summary",
        "fee_description",
        "contact_title",
    )
    # Any subset of languages may be filled: no language is required.
    fallback_undefined = ""


@register(Location)
class LocationTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Schedule)
class ScheduleTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(VolunteerTask)
class VolunteerTaskTranslationOptions(TranslationOptions):
    fields = ("title", "description", "time_commitment", "skills", "contact_title")
