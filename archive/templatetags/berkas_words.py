"""The processing log and the audit trail in words (archive/wording.py): {{ e|step_words }},
{{ e|event_sentence }}, {{ e.outcome|outcome_words }}, {{ a.action|action_words }}, {{ a.details|details_sentence }}."""
from django import template

from archive import wording

register = template.Library()


def _get(entry, key):
    return entry.get(key, "") if isinstance(entry, dict) else getattr(entry, key, "")


@register.filter
def step_words(entry):
    return wording.step_label(_get(entry, "step") if not isinstance(entry, str) else entry)


@register.filter
def outcome_words(outcome):
    return wording.outcome_label(outcome)


@register.filter
def event_sentence(entry):
    return wording.event_words(_get(entry, "step"), _get(entry, "outcome"), _get(entry, "message"))


@register.filter
def action_words(action):
    return wording.action_label(action)


@register.filter
def details_sentence(details):
    return wording.details_words(details)


@register.filter
def template_name(code):
    """A document template's name ("Kenaikan Gaji Berkala") rather than its code ("kgb")."""
    from signing.templates import load_templates

    template = load_templates().get(code)
    return template.name if template else code
