/**
 * The node keeps each InEvent account's pace and token for the whole process, as n8n runs it.
 * Each test starts as a freshly started n8n process would: nothing signed in, nothing paced.
 */
import { forgetAllAccounts } from '../../nodes/InEvent/transport/accounts';

beforeEach(() => forgetAllAccounts());
