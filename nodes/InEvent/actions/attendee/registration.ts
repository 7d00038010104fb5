import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { inEventApiRequest, isRefusal } from '../../transport';
import { findAttendeeByEmail } from './lookups';
import type { InEventValue } from '../../transport';
import type { CustomFieldAnswer } from './customFields';
import { answersShown } from './customFields';
import { writeFormsOf } from './writeForms';

/**
 * Registers a person in an event (`event.person.bind`, §10.1), exactly once: after an ambiguous
 * failure it looks the email up before sending again. Custom answers ride along as `f_<API field>`
 * body attributes (inferred) while the account's answers show they work; when InEvent refuses them,
 * the person is registered without them and the account stops sending them. The caller writes any
 * answer the returned attendee does not show in a documented form.
 */
export async function registerAttendee(
	this: IExecuteFunctions,
	eventId: string,
	email: string,
	body: Record<string, InEventValue | undefined>,
	answers: CustomFieldAnswer[],
	itemIndex: number,
): Promise<IDataObject> {
	const forms = await writeFormsOf(this);
	const bind = async (withAnswers: boolean): Promise<IDataObject> => {
		const answerAttributes = withAnswers ? answers.map(({ apiKey, value }) => [`f_${apiKey}`, value]) : [];
		const { data } = await inEventApiRequest.call(this, 'event.person.bind', {
			qs: { eventID: eventId },
			body: { ...body, ...Object.fromEntries(answerAttributes) },
			itemIndex,
			recover: async () => await findAttendeeByEmail.call(this, eventId, email, itemIndex),
		});
		return data[0] ?? {};
	};

	const withAnswers = forms.answersOnBind && answers.length > 0;
	if (!withAnswers) return await bind(false);
	let attendee: IDataObject;
	try {
		attendee = await bind(true);
	} catch (error) {
		if (!isRefusal(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
		attendee = await bind(false); // refused again: the error is about the person, and stands
		forms.answersOnBind = false;
		return attendee;
	}
	const shown = answersShown(attendee);
	if (answers.some(({ apiKey, value }) => shown?.get(apiKey) !== value)) forms.answersOnBind = false;
	return attendee;
}
