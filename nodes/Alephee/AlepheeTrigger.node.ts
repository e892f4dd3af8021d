import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { searchAccounts } from './listSearch/searchAccounts';
import { getMarketplaces } from './loadOptions/getMarketplaces';
import { alepheeCredentials, simplifyProperty } from './shared/descriptions';
import { eventProperty, lookBackField, triggerAccountField, triggerFilters } from './trigger/parameters';
import { pollOrders } from './trigger/pollOrders';

/**
 * Alephee has no webhooks we know of, so this trigger polls: n8n calls `poll()` at the interval
 * the user picks. It is code (n8n has no declarative polling trigger) but sends every request
 * through the same transport as the Alephee node.
 */
export class AlepheeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alephee Trigger',
		name: 'alepheeTrigger',
		icon: { light: 'file:alephee.svg', dark: 'file:alephee.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "newOrder" ? "New order" : "Order status changed"}}',
		description: 'Starts the workflow when an order arrives in Alephee or changes status',
		defaults: {
			name: 'Alephee Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: alepheeCredentials,
		properties: [
			eventProperty,
			...triggerAccountField.properties,
			triggerFilters.property,
			simplifyProperty('each order'),
			{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: lookBackField.properties },
		],
	};

	methods = {
		listSearch: { searchAccounts },
		loadOptions: { getMarketplaces },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOrders.call(this);
	}
}
