import { registry } from "@web/core/registry";

/** Fails if a cell or item of ``selector`` reads one of ``texts``. */
function expectNone(selector, texts, message) {
    const found = [...document.querySelectorAll(selector)]
        .map((el) => el.textContent.trim())
        .filter((text) => texts.some((t) => text.includes(t)));
    if (found.length) {
        throw new Error(`${message}: ${found.join(", ")}`);
    }
}

/**
 * Starts on a customer group whose one invoice of the period was paid 30 days before
 * it fell due (the test gives its URL).
 */
registry.category("web_tour.tours").add("account_customer_group_statistics_tour", {
    steps: () => [
        {
            trigger: ".o_notebook .nav-link:contains(Statistics)",
            run: "click",
        },
        {
            content: "Early payment reads as early",
            trigger: "div[name=payment_timing]:contains(30.0 days early)",
        },
        {
            trigger: "button[name=action_open_statistics_analysis]",
            run: "click",
        },
        {
            content: "The analysis shows one amount a transaction type",
            trigger: ".o_pivot th.o_pivot_measure_row:contains(Invoices)",
        },
        {
            trigger: ".o_pivot th.o_pivot_measure_row:contains(Receipts)",
            run() {
                const measures = [...document.querySelectorAll(".o_pivot th.o_pivot_measure_row")].map(
                    (th) => th.textContent.trim()
                );
                const adding = measures.filter((m) => ["Amount", "Count"].includes(m));
                if (adding.length) {
                    throw new Error(`Measures adding unlike things: ${adding.join(", ")}`);
                }
                expectNone(".o_pivot th", ["Computed", "Manual", "Days Late"], "Rows or columns");
            },
        },
        {
            trigger: ".o_pivot_buttons button:contains(Measures)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Write-Offs)",
            run() {
                expectNone(
                    ".o-dropdown--menu .o-dropdown-item",
                    ["Days Late x Amount", "Amount of Installments Paid"],
                    "Internal measures offered"
                );
            },
        },
    ],
});
