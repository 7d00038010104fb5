import { inEventApiRequest } from '../../transport';
import type { InEventContext, InEventEnvelope } from '../../transport';

/** The company's event with this nickname (its URL path, unique in a company), if InEvent has one. */
export async function findEventByNickname(
	this: InEventContext,
	companyId: string,
	nickname: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const { data } = await inEventApiRequest.call(this, 'company.event.find', {
		qs: { companyID: companyId, selection: 'all', query: nickname, limit: 100 },
		itemIndex,
	});
	const match = data.find((event) => String(event.nickname ?? '').toLowerCase() === nickname.toLowerCase());
	return match ? { count: 1, data: [match] } : undefined;
}
