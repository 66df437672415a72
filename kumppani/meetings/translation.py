from modeltranslation.translator import TranslationOptions, register

from .models import Meeting, Requirement, Series


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "agenda")


@register(Requirement)
class RequirementTranslationOptions(TranslationOptions):
    fields = ("name",)
