import { inEventApiRequest } from '../../transport';
import type { InEventContext, InEventEnvelope } from '../../transport';

/** The company's custom domain with this name, if InEvent has it (exactly-once adds, look-up by name). */
export async function findCustomDomain(
	this: InEventContext,
	companyId: string,
	domain: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const { data } = await inEventApiRequest.call(this, 'ssl.find', { qs: { companyID: companyId, domain }, itemIndex });
	const match = data.find((record) => String(record.domain ?? '').toLowerCase() === domain.toLowerCase());
	return match ? { count: 1, data: [match] } : undefined;
}
