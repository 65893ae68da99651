import { registry } from "@web/core/registry";

/**
 * Keeps the form of a statement or interest run up to date while it runs: after
 * each batch it commits, the runs cron tells the user who started the run, and the
 * run's form, if it is the one on screen, reloads its record.
 */
export const runProgressService = {
    dependencies: ["bus_service", "action"],

    start(env, { bus_service, action }) {
        bus_service.subscribe("account_customer_group/run_progress", ({ model, id }) => {
            const controller = action.currentController;
            if (
                controller?.view?.type === "form" &&
                controller.props.resModel === model &&
                (controller.currentState?.resId || controller.props.resId) === id
            ) {
                action.doAction("soft_reload");
            }
        });
    },
};

registry.category("services").add("account_customer_group_run_progress", runProgressService);
