from tradepost.errors import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a domain error on the form: field messages under their fields, the rest on top."""
    placed = False
    for field, messages in error.fields.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, str(error.message))
