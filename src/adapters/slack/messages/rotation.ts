import type { RotationMessage } from '../../../services/ports/messages/rotation';
import type { Renderers } from './render';

/** How each message of the rotation area looks in Slack. */
export const rotationMessages: Renderers<RotationMessage> = {};
