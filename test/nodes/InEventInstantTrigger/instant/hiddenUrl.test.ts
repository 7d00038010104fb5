import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { errorWithoutUrl, withoutUrl } from '../../../../nodes/InEventInstantTrigger/instant/hiddenUrl';

const webhookId = '0c0ffee0-1111-4222-8333-444455556666';
const url = `https://n8n.example.com/webhook/${webhookId}/webhook`;
const node = { name: 'InEvent Instant Trigger', webhookId } as INode;

describe('the webhook URL is a secret', () => {
	it('is taken out of a text, whole, URL-encoded, or as its path', () => {
		const text = `url ${url} is not valid (${encodeURIComponent(url)}); path /webhook/${webhookId}/webhook`;
		const shown = withoutUrl(text, url, node);
		expect(shown).not.toContain(webhookId);
		expect(shown).not.toContain(encodeURIComponent(webhookId));
		expect(shown).toContain('[webhook URL]');
	});

	it("is taken out of an error's message and description", () => {
		const echoed = new NodeApiError(node, { message: `bad url ${url}` } as JsonObject, {
			message: `InEvent refused webhook.create (HTTP 400: url ${url} is not valid)`,
			description: `Sent ${url}`,
		});
		const shown = errorWithoutUrl(echoed, url, node);
		expect(`${shown.message} ${shown.description}`).not.toContain(webhookId);
		expect(shown.message).toBe('InEvent refused webhook.create (HTTP 400: url [webhook URL] is not valid)');
	});
});
