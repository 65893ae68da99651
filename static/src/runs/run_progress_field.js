import { registry } from "@web/core/registry";
import {
    ProgressBarField,
    progressBarField,
} from "@web/views/fields/progress_bar/progress_bar_field";
import { useEffect } from "@odoo/owl";

// The runs cron commits a batch every few seconds.
const RELOAD_EVERY_MS = 3000;

/**
 * The progress bar of a statement or interest run's form: while the run is running,
 * the form reloads its record every few seconds, so its counts, its state and its
 * chatter follow the batches the runs cron commits. Polling works on every
 * deployment, a prefork server without a websocket proxy included.
 */
export class RunProgressField extends ProgressBarField {
    setup() {
        super.setup();
        useEffect(
            (state) => {
                if (state !== "running") {
                    return;
                }
                const timer = setInterval(async () => {
                    const record = this.props.record;
                    if (!(await record.isDirty())) {
                        await record.load();
                    }
                }, RELOAD_EVERY_MS);
                return () => clearInterval(timer);
            },
            () => [this.props.record.data.state]
        );
    }
}

registry.category("fields").add("account_customer_run_progressbar", {
    ...progressBarField,
    component: RunProgressField,
});
