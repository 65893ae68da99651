import { registry } from "@web/core/registry";

function runDateNotFocused() {
    if (document.activeElement.closest("div[name=run_date], div[name=company_id]")) {
        throw new Error("The wizard focused the run date or the company.");
    }
    if (document.querySelector(".o_datetime_picker")) {
        throw new Error("The run date's calendar is open.");
    }
}

/** Starts on the Charge Interest wizard (the test gives its URL). */
registry.category("web_tour.tours").add("account_customer_group_interest_tour", {
    steps: () => [
        {
            content: "The wizard opens on its customers",
            trigger: ".modal div[name=customer_group_ids] input:focus",
            run: runDateNotFocused,
        },
        {
            trigger: ".modal-footer button[name=action_preview]",
            run: "click",
        },
        {
            content: "After the preview, the calendar stays shut over the result",
            trigger: ".modal .o_data_row:contains(Interest Tour Customer)",
            run: runDateNotFocused,
        },
    ],
});
