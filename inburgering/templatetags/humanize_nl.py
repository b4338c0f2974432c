from django import template

register = template.Library()


@register.filter
def duizendtallen(value) -> str:
    """12345 → "12.345", the Dutch thousands separator, independent of USE_THOUSAND_SEPARATOR."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value
