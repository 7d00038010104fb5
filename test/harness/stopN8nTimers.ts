/**
 * n8n-core starts an SSH-tunnel cleanup interval the first time an execution context is built; a
 * real n8n stops it on shutdown. Tests stop it after each file so jest can exit.
 */
import { Container } from 'n8n-core/node_modules/@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

afterAll(() => {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
