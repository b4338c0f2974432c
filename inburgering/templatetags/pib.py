from django import template

from inburgering.tables import sorteerstand as _sorteerstand
from inburgering.tables import volgende_sortering

register = template.Library()


@register.simple_tag(takes_context=True)
def sorteer_url(context, table, column) -> str:
    """Header link of a sortable column: the three-click cycle, back to page 1, other filters kept."""
    request = context["request"]
    query = request.GET.copy()
    veld = table.prefixed_order_by_field
    volgende = volgende_sortering(query.get(veld), column.order_by_alias.bare)
    if volgende is None:
        query.pop(veld, None)
    else:
        query[veld] = volgende
    query.pop(table.prefixed_page_field, None)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def pagina_url(context, table, nummer) -> str:
    query = context["request"].GET.copy()
    query[table.prefixed_page_field] = nummer
    return "?" + query.urlencode()


@register.filter
def sorteerstand(column):
    return _sorteerstand(column)
