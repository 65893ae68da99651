import { registry } from "@web/core/registry";

/**
 * Starts on a new customer invoice (the test gives its URL). "Tour Risky" owes 800.00:
 * over its OCA risk limit of 500.00, within its group's limit of 1,000.00 until the
 * invoice is typed.
 */
registry.category("web_tour.tours").add("account_customer_group_two_credit_checks_tour", {
    steps: () => [
        {
            trigger: ".o_form_view div[name=partner_id] input",
            run: "edit Tour Risky",
        },
        {
            trigger: ".ui-menu-item a:contains(Tour Risky)",
            run: "click",
        },
        {
            trigger: "div[name=invoice_line_ids] .o_field_x2many_list_row_add a:contains(Add a line)",
            run: "click",
        },
        {
            trigger: "div[name=invoice_line_ids] .o_selected_row div[name=name] textarea",
            run: "edit Consulting",
        },
        {
            trigger: "div[name=invoice_line_ids] .o_selected_row div[name=price_unit] input",
            run: "edit 5000 && press Tab",
        },
        {
            content: "The banner gives both checks, each under its rule's name",
            trigger:
                "div[name=alerts]:contains(Customer group credit limit):contains(outstanding):contains(Financial risk (OCA))",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_form_view button[name=action_post]",
            run: "click",
        },
        {
            content: "OCA's window on posting gives both checks too",
            trigger:
                ".modal:contains(Partner risk exceeded):contains(Customer group credit limit):contains(Financial risk (OCA))",
        },
        {
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
