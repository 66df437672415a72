from modeltranslation.translator import TranslationOptions, register

from .models import Body, Consultation, Meeting, Requirement, Series


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "agenda")


@register(Requirement)
class RequirementTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Consultation)
class ConsultationTranslationOptions(TranslationOptions):
    fields = ("title",)
