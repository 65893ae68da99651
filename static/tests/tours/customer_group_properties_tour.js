import { registry } from "@web/core/registry";

/** Fails unless ``selector`` matches exactly ``count`` elements. */
function expectCount(selector, count, message) {
    const found = document.querySelectorAll(selector).length;
    if (found !== count) {
        throw new Error(`${message}: ${found} found, ${count} expected.`);
    }
}

/**
 * Starts on a customer of a group with an optional field "Purchase Order Reference"
 * (the test gives its URL).
 */
registry.category("web_tour.tours").add("account_customer_group_properties_tour", {
    steps: () => [
        {
            content: "The group's field is edited on the customer",
            trigger: "div[name=customer_group_properties] .o_property_field[property-name=acg_tour_po] input",
            run: "edit PO-4711 && press Tab",
        },
        {
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Edit Properties)",
            run: "click",
        },
        {
            content: "Edit Properties opens one new property, the contact's own",
            trigger: ".o_property_field_popover .o_field_property_definition_header",
            run() {
                expectCount(".o_property_field_popover", 1, "Property popovers");
            },
        },
        {
            trigger: ".o_property_field_popover .o_field_property_definition_header",
            run: "edit Tour Contact Property",
        },
        {
            content: "Leave the new property",
            trigger: ".o_form_view div[name=name] input",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_property_field_popover))",
        },
        {
            trigger: "div[name=properties] .o_property_field:contains(Tour Contact Property)",
            run() {
                expectCount(".o_property_field_popover", 0, "Property popovers left open");
                expectCount(".o_field_property_add button", 1, "Add Property controls");
                expectCount("div[name=properties] .o_field_property_add button", 1, "Contact's Add Property");
                expectCount(
                    "div[name=customer_group_properties] .o_property_field",
                    1,
                    "The group's fields"
                );
            },
        },
        {
            content: "The group's fields are titled with the group's name",
            trigger: "div[name=customer_group_properties] .o_customer_group_properties_title:contains(Tour Optional Fields)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "The group's fields are edited from their own link",
            trigger: "div[name=customer_group_properties] .o_customer_group_properties_edit",
            run: "click",
        },
        {
            trigger: "div[name=customer_group_properties] .o_field_property_add button",
            run() {
                expectCount(
                    "div[name=customer_group_properties] .o_field_property_add button",
                    1,
                    "The group's Add Property"
                );
                expectCount(".o_property_field_popover", 0, "Property popovers");
            },
        },
    ],
});
