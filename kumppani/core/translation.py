from modeltranslation.translator import TranslationOptions, register

from .models import County, Municipality


@register(County)
class CountyTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name",)
