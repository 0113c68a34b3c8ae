"""``{% transfer_links placement %}``: the placement's transfer form and the student's portfolio,
for readers who may open them (the placement page shows it; nothing for anyone else)."""

from django import template

from partnerships.access import get_access
from placements.transfer.access import transfer_forms_visible

register = template.Library()


@register.inclusion_tag("placements/_transfer_links.html", takes_context=True)
def transfer_links(context, placement):
    request = context["request"]
    partnership = context["partnership"]
    visible = transfer_forms_visible(access=get_access(request), partnership=partnership)
    form = visible.filter(placement=placement).first()
    return {"partnership": partnership, "placement": placement, "transfer": form}
