import { useEffect } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { PropertiesField, propertiesField } from "@web/views/fields/properties/properties_field";

/**
 * The customer's values of the fields its group defines, under the group's name.
 * The form's gear menu "Edit Properties" adds the contact's own properties: this field
 * does not answer it (else one click adds a property to both), and offers its own
 * link to edit the group's fields to those who may change the group.
 */
export class CustomerGroupPropertiesField extends PropertiesField {
    static template = "account_customer_group.CustomerGroupPropertiesField";

    setup() {
        // The gear menu's event is listened to in form views only: set up as if outside one.
        const env = this.env;
        this.env = Object.create(env, {
            config: { value: { ...env.config, viewType: "customer_group_properties" } },
        });
        super.setup();
        this.env = env;
        this.state.canEditGroupFields = false;
        useEffect(
            (group) => {
                if (!group) {
                    this.state.canEditGroupFields = false;
                    return;
                }
                this.checkDefinitionWriteAccess().then((canEdit) => {
                    this.state.canEditGroupFields = !!canEdit;
                });
            },
            () => [this.props.record.data[this.definitionRecordField]]
        );
    }

    get groupFieldsTitle() {
        const group = this.props.record.data[this.definitionRecordField];
        return _t("Fields of the customer group %(group)s", { group: group.display_name });
    }

    onEditGroupFields() {
        this.state.canChangeDefinition = true;
        this.state.isInEditMode = true;
        if (!this.propertiesList.length) {
            this.onPropertyCreate();
        }
    }
}

registry.category("fields").add("customer_group_properties", {
    ...propertiesField,
    component: CustomerGroupPropertiesField,
    displayName: _t("Customer Group Fields"),
});
