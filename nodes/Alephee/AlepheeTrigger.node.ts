import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { searchAccounts } from './listSearch/searchAccounts';
import { getMarketplaces } from './loadOptions/getMarketplaces';
import { accountLocator, alepheeCredentials, marketplaceFilterProperty, simplifyProperty } from './shared/descriptions';
import { STATUS_GROUPS } from './shared/order';
import { DEFAULT_LOOK_BACK_MINUTES, pollOrders } from './trigger/pollOrders';

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
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'New Order', value: 'newOrder', description: 'An order was created in Alephee' },
					{ name: 'Order Status Changed', value: 'statusChanged', description: "An order's status changed" },
				],
				default: 'newOrder',
			},
			accountLocator,
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					marketplaceFilterProperty,
					{
						displayName: 'Status Group',
						name: 'statusType',
						type: 'options',
						options: STATUS_GROUPS,
						default: 1,
						description: 'Only orders in this group of statuses',
					},
				],
			},
			simplifyProperty('each order'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look Back (Minutes)',
						name: 'lookBackMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_LOOK_BACK_MINUTES,
						description:
							'How late an order may show up in Alephee (a marketplace sync running behind, an import) and still be emitted. Each poll reads this many minutes again; an order is emitted once, however often it is read.',
					},
				],
			},
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
