"""Client actions the addon's buttons return, built alike wherever they are."""


def success_notification(message):
    """A success notification showing ``message``, closing the dialog it came from."""
    return {
        "type": "ir.actions.client",
        "tag": "display_notification",
        "params": {
            "type": "success",
            "message": message,
            "next": {"type": "ir.actions.act_window_close"},
        },
    }
