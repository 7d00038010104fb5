/**
 * The node keeps each InEvent account's pace and token for the whole process, as n8n runs it.
 * Each test starts as a freshly started n8n process would: nothing signed in, nothing paced, and
 * InEvent's own limits.
 */
import { resetAccountState } from '../../nodes/InEvent/transport/accounts';

beforeEach(() => resetAccountState());
