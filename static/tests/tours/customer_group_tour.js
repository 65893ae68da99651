import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("account_customer_group_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Wait for the Invoicing dashboard",
            trigger: ".o_action_manager .o_kanban_view, .o_action_manager .o_list_view",
        },
        {
            content: "Open the Configuration menu",
            trigger: ".o_main_navbar .dropdown-toggle:contains(Configuration)",
            run: "click",
        },
        {
            content: "Open Customer Groups",
            trigger: ".dropdown-item:contains(Customer Groups)",
            run: "click",
        },
        {
            content: "The default groups are listed",
            trigger: ".o_list_view .o_data_cell:contains(DOM)",
        },
        {
            content: "Create a group",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=name] input",
            run: "edit Retail",
        },
        {
            trigger: ".o_form_view div[name=code] input",
            run: "edit ret",
        },
        {
            trigger: ".o_form_view div[name=account_set_id] input",
            run: "edit DEFLT",
        },
        {
            trigger: ".ui-menu-item a:contains(DEFLT)",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=interest_profile_id] input",
            run: "edit NONE",
        },
        {
            trigger: ".ui-menu-item a:contains(NONE)",
            run: "click",
        },
        {
            content: "Open the Credit tab",
            trigger: ".o_notebook .nav-link:contains(Credit)",
            run: "click",
        },
        {
            content: "Open the Invoicing tab",
            trigger: ".o_notebook .nav-link:contains(Invoicing)",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=payment_term_id] input",
            run: "edit 30 Days",
        },
        {
            trigger: ".ui-menu-item a:contains(30 Days)",
            run: "click",
        },
        {
            content: "Save the group",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The code is stored in upper case",
            trigger: ".o_form_view .o_form_saved div[name=code] input:value(RET)",
        },
        {
            content: "Open the customers",
            trigger: ".o_main_navbar .dropdown-toggle:contains(Customers)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Customers)",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_searchview_input",
            run: "edit Tour Customer",
        },
        {
            trigger: ".o_control_panel .o_searchview_input",
            run: "press Enter",
        },
        {
            trigger: ".o_kanban_record:contains(Tour Customer), .o_data_row:contains(Tour Customer) td.o_data_cell",
            run: "click",
        },
        {
            trigger: ".o_notebook .nav-link:contains(Sales & Purchase)",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=customer_group_id] input",
            run: "edit Retail",
        },
        {
            trigger: ".ui-menu-item a:contains(Retail)",
            run: "click",
        },
        {
            content: "The group's payment terms are applied at once",
            trigger: ".o_form_view div[name=property_payment_term_id] input:value(30 Days)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
