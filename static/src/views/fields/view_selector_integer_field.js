import { useEffect, useRef } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useBus } from "@web/core/utils/hooks";
import { IntegerField, integerField } from "@web/views/fields/integer/integer_field";

/**
 * An integer choosing what a form shows, such as the year and period of a customer
 * group's statistics. Changing it changes nothing of the record: when nothing stored
 * changed, the record stays clean, so that the form offers no Save / Discard and
 * leaving it saves nothing.
 */
export class ViewSelectorIntegerField extends IntegerField {
    setup() {
        super.setup();
        let cleanBeforeChange = false;
        const inputRef = useRef("numpadDecimal");
        useEffect(
            (input) => {
                if (!input) {
                    return;
                }
                // Captured before the input hook commits the value to the record.
                const remember = () => {
                    cleanBeforeChange = !this.props.record.dirty;
                };
                input.addEventListener("change", remember, { capture: true });
                return () => input.removeEventListener("change", remember, { capture: true });
            },
            () => [inputRef.el]
        );
        // The input hook announces the field clean once the record has the value.
        useBus(this.props.record.model.bus, "FIELD_IS_DIRTY", async ({ detail: isDirty }) => {
            if (isDirty || !cleanBeforeChange) {
                return;
            }
            cleanBeforeChange = false;
            const record = this.props.record;
            const changes = await record.getChanges();
            if (Object.keys(changes).every((name) => !record.fields[name]?.store)) {
                record.dirty = false;
            }
        });
    }
}

registry.category("fields").add("view_selector_integer", {
    ...integerField,
    component: ViewSelectorIntegerField,
});
