import { onWillStart } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";

/**
 * The customer groups list, with a banner offering the Assign Customer Groups
 * wizard while the company has customers in no group.
 */
export class CustomerGroupListController extends ListController {
    static template = "account_customer_group.CustomerGroupListView";

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.ungroupedCount = 0;
        onWillStart(() => this.loadUngroupedCount());
    }

    async loadUngroupedCount() {
        this.ungroupedCount = await this.orm.call(
            "account.customer.group.assign",
            "ungrouped_customer_count",
            []
        );
    }

    async openAssignWizard() {
        await this.actionService.doAction(
            "account_customer_group.action_account_customer_group_assign",
            {
                onClose: async () => {
                    await this.loadUngroupedCount();
                    await this.model.load();
                },
            }
        );
    }
}

registry.category("views").add("account_customer_group_list", {
    ...listView,
    Controller: CustomerGroupListController,
});
