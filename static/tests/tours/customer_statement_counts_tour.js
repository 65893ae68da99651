import { registry } from "@web/core/registry";

/**
 * Starts on Print Statements (the test gives its URL). Of the three customers of
 * "Tour Counts", two have an invoice, one of them an email address; the third has
 * nothing open and no activity.
 */
registry.category("web_tour.tours").add("account_customer_group_statement_counts_tour", {
    steps: () => [
        {
            trigger: ".modal div[name=customer_group_ids] input",
            run: "edit Tour Counts",
        },
        {
            trigger: ".ui-menu-item a:contains(Tour Counts)",
            run: "click",
        },
        {
            content: "Two customers get a statement, the one without activity is skipped",
            trigger: ".modal div[name=partner_count] span:text(2)",
        },
        {
            trigger: ".modal div[name=skipped_count] span:text(1)",
        },
        {
            trigger: ".modal .o_form_label:contains(Skipped)",
        },
        {
            content: "Without email, no email count",
            trigger: ".modal:not(:has(div[name=email_count]))",
        },
        {
            trigger: ".modal div[name=send_by_email] input",
            run: "click",
        },
        {
            content: "With email: one of the two has an address",
            trigger: ".modal div[name=email_count] span:text(1)",
        },
        {
            trigger: ".modal .o_form_label:contains(By Email)",
        },
        {
            trigger: ".modal div[name=partner_count] span:text(2)",
        },
        {
            content: "Without skipping, all three get one",
            trigger: ".modal div[name=skip_inactive] input",
            run: "click",
        },
        {
            trigger: ".modal div[name=partner_count] span:text(3)",
        },
        {
            trigger: ".modal:not(:has(div[name=skipped_count]))",
        },
        {
            trigger: ".modal-footer button:contains(Cancel)",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
