import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

const LINES = "account.customer.interest.run.line";

/** Starts on the form of a running interest run whose customers are all to do. */
registry.category("web_tour.tours").add("account_customer_group_run_progress_tour", {
    steps: () => [
        {
            content: "Nothing done yet: two customers to do",
            trigger: ".o_form_view div[name=todo_count]:contains(2)",
        },
        {
            content: "The runs cron does the customers meanwhile",
            trigger: ".o_form_view div[name=progress]",
            async run() {
                const ids = await rpc(`/web/dataset/call_kw/${LINES}/search`, {
                    model: LINES,
                    method: "search",
                    args: [[["state", "=", "todo"]]],
                    kwargs: {},
                });
                await rpc(`/web/dataset/call_kw/${LINES}/write`, {
                    model: LINES,
                    method: "write",
                    args: [ids, { state: "done" }],
                    kwargs: {},
                });
            },
        },
        {
            content: "The form shows them done, without being reloaded by the user",
            trigger: ".o_form_view div[name=progress]:contains(100)",
            timeout: 15000,
        },
        {
            trigger: ".o_form_view:not(:has(div[name=todo_count]:visible))",
        },
    ],
});
