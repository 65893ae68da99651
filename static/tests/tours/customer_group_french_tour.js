import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * The addon's English strings a French user must not meet: the test writes them,
 * from i18n/fr.po, in the system parameter read here.
 */
async function englishStrings() {
    const strings = await rpc("/web/dataset/call_kw/ir.config_parameter/get_param", {
        model: "ir.config_parameter",
        method: "get_param",
        args: ["account_customer_group.french_tour_english"],
        kwargs: {},
    });
    return new Set(JSON.parse(strings));
}

/** What the user reads: visible text, the chosen options of selections, placeholders. */
function shownTexts() {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        const text = walker.currentNode.nodeValue.trim();
        if (text && element.checkVisibility() && !element.closest("select, script, style")) {
            texts.push(text);
        }
    }
    for (const select of document.querySelectorAll("select")) {
        if (select.checkVisibility() && select.selectedOptions.length) {
            texts.push(select.selectedOptions[0].text.trim());
        }
    }
    for (const input of document.querySelectorAll("[placeholder]")) {
        if (input.checkVisibility()) {
            texts.push(input.getAttribute("placeholder").trim());
        }
    }
    return texts;
}

function englishShown(english, where) {
    const found = [...new Set(shownTexts().filter((text) => english.has(text)))];
    return found.length ? [`${where}: ${found.join(" | ")}`] : [];
}

/**
 * Starts on a form (the test gives its URL): reads it, then each tab of its notebook
 * in turn, and fails naming every English string of the addon it met.
 */
registry.category("web_tour.tours").add("account_customer_group_french_tour", {
    steps: () => [
        {
            content: "The form, then each of its tabs, shows no English string of the addon",
            trigger: ".o_form_view",
            async run() {
                const english = await englishStrings();
                const problems = englishShown(english, "the form");
                for (const tab of document.querySelectorAll(".o_form_sheet .o_notebook .nav-link")) {
                    tab.click();
                    await new Promise((resolve) => setTimeout(resolve, 400));
                    problems.push(...englishShown(english, `the tab ${tab.textContent.trim()}`));
                }
                if (problems.length) {
                    throw new Error(`English left in French: ${problems.join("; ")}`);
                }
            },
        },
    ],
});
