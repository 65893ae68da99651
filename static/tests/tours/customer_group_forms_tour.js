import { registry } from "@web/core/registry";

/**
 * Type a value in an input and leave it, as a user does (a single change event).
 */
function typeAndLeave(selector, value) {
    return {
        trigger: selector,
        run() {
            const input = document.querySelector(selector);
            input.value = value;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            input.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Starts on a customer group's form (the test gives its URL). */
registry.category("web_tour.tours").add("account_customer_group_forms_tour", {
    steps: () => [
        {
            trigger: ".o_notebook .nav-link:contains(Credit)",
            run: "click",
        },
        {
            content: "The days overdue number and its sentence do not overlap",
            trigger: "div[name=overdue_days] input",
            run() {
                const box = document.querySelector("div[name=overdue_days] input").getBoundingClientRect();
                const words = [...document.querySelector("div[name=overdue_days]").parentElement.querySelectorAll("span")];
                const overlaps = words.some((word) =>
                    [...word.getClientRects()].some(
                        (r) => r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top
                    )
                );
                if (overlaps) {
                    throw new Error("The days overdue sentence is written over its number.");
                }
            },
        },
        {
            trigger: "div[name=credit_limit_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "A new credit line is in the company currency",
            trigger: "div[name=credit_limit_ids] .o_selected_row div[name=currency_id] input:value(USD)",
        },
        {
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_notebook .nav-link:contains(Statistics)",
            run: "click",
        },
        {
            content: "The year is written as a year, without a thousands separator",
            trigger: "div[name=statistics_year] input:value(2026)",
        },
        typeAndLeave("div[name=statistics_period] input", "2"),
        {
            trigger: "div[name=statistics_period_range]:contains(2026-02-01)",
        },
        {
            content: "Browsing the periods changes nothing of the group: no Save / Discard",
            trigger: ".o_form_view:not(:has(.o_form_status_indicator_buttons:not(.invisible)))",
        },
        typeAndLeave("div[name=statistics_year] input", "2025"),
        {
            trigger: "div[name=statistics_period_range]:contains(2025-02-01)",
        },
        {
            trigger: ".o_form_view:not(:has(.o_form_status_indicator_buttons:not(.invisible)))",
        },
        {
            content: "Another field still makes the group modified",
            trigger: "div[name=code] input",
            run: "edit TOURX && press Tab",
        },
        {
            trigger: ".o_form_status_indicator_buttons:not(.invisible) .o_form_button_save",
        },
        {
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
