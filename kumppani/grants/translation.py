from modeltranslation.translator import TranslationOptions, register

from .models import AppealInstructions, Call, CountyGoal, Criterion, Programme, Question


@register(CountyGoal)
class CountyGoalTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Criterion)
class CriterionTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "options")


@register(Call)
class CallTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(AppealInstructions)
class AppealInstructionsTranslationOptions(TranslationOptions):
    fields = ("text",)
