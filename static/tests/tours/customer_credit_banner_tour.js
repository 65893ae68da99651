import { registry } from "@web/core/registry";

/**
 * Starts on a new customer invoice (the test gives its URL). "Tour Acme" owes 800.00
 * on a credit limit of 1,000.00.
 */
registry.category("web_tour.tours").add("account_customer_group_credit_banner_tour", {
    steps: () => [
        {
            trigger: ".o_form_view div[name=partner_id] input",
            run: "edit Tour Acme",
        },
        {
            trigger: ".ui-menu-item a:contains(Tour Acme)",
            run: "click",
        },
        {
            content: "Within its limit, the customer gets no credit banner",
            trigger: ".o_form_view:not(:has(div[name=alerts]:contains(outstanding)))",
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
            content: "Before saving, the banner counts the invoice being typed",
            trigger: "div[name=alerts]:contains(outstanding):contains(5,800.00):contains(1,000.00)",
        },
        {
            trigger: ".o_form_button_cancel",
            run: "click",
        },
    ],
});
