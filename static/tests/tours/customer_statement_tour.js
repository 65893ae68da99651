import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("account_customer_group_statement_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Customers menu",
            trigger: ".o_main_navbar .dropdown-toggle:contains(Customers)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Print Statements)",
            run: "click",
        },
        {
            content: "An empty run is refused with a clear message",
            trigger: ".modal-footer button[name=action_print]",
            run: "click",
        },
        {
            trigger: ".o_error_dialog:contains(billing cycle or at least one customer group)",
        },
        {
            trigger: ".o_error_dialog .o-default-button",
            run: "click",
        },
        {
            trigger: ".modal:not(:has(.o_error_dialog)) div[name=customer_group_ids] input",
            run: "edit Tour Statements",
        },
        {
            trigger: ".ui-menu-item a:contains(Tour Statements)",
            run: "click",
        },
        {
            content: "Two companies, their contact persons not counted",
            trigger: ".modal div[name=partner_count]:contains(2)",
        },
        {
            content: "Print: the wizard starts a statement run in the background",
            trigger: ".modal-footer button[name=action_print]",
            run: "click",
        },
        {
            content: "and opens the run's form, its progress shown",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=progress]",
        },
    ],
});
