// Which workspace a template (and so a session) belongs to: documents and reparse are addressed per workspace.
import type { Template } from '../../shared/api';
import type { RaydocsClient } from '../core/api/client';
import { CliError } from './errors';
import { EXIT } from './exit-codes';

export async function workspaceOfTemplate(client: RaydocsClient, template: Template): Promise<number> {
  if (typeof template.workspace_id === 'number') return template.workspace_id;
  // Some answers omit workspace_id: with a single visible workspace there is no doubt.
  const workspaces = await client.listWorkspaces();
  if (workspaces.length === 1 && workspaces[0]) return workspaces[0].id;
  throw new CliError(`Cannot tell which workspace template ${template.id} belongs to.`, EXIT.failed);
}
