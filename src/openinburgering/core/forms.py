from django import forms


def form_error_list(*bound_forms: forms.BaseForm) -> list[tuple[str, str, str]]:
    """(field id, label, message) for every error, for the error summary at the top of a page."""
    result: list[tuple[str, str, str]] = []
    for form in bound_forms:
        for name, messages in form.errors.items():
            for message in messages:
                if name == "__all__" or name not in form.fields:
                    result.append(("", "", str(message)))
                else:
                    result.append((form[name].id_for_label or "", str(form.fields[name].label), str(message)))
    return result
