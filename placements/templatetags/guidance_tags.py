"""``{% guidance_link placement %}``: the placement's guidance log, for the student and the
placement's guides only (the placement page shows it; nothing for anyone else, who would get
404 on the log)."""

from django import template

from placements.guidance import access

register = template.Library()


@register.inclusion_tag("placements/guidance/_link.html", takes_context=True)
def guidance_link(context, placement):
    user = context["request"].user
    shares = placement.status in access.GUIDED and (
        access.is_student(placement, user) or bool(access.guide_roles(placement, user))
    )
    return {"partnership": context["partnership"], "placement": placement, "shares": shares}
