"""``{% chart the_chart %}``: draws a ``portal.charts.Chart`` as inline SVG with its legend and the
table of its numbers (templates/includes/charts/chart.html)."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/charts/chart.html")
def chart(chart):
    return {"chart": chart}
