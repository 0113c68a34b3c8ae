"""The partnership's money (issue 19, items 4–5): a yearly budget per partnership with income
and cost lines, each realised from the product's own records (through ``registry``: the apps
register their amounts at start-up) and from amounts entered by hand; and declarations of hours
or costs against a budget line, approved or rejected by the programme manager and marked paid
by the administrator. Money is integer cents (``partnerships.money``)."""
