import type { Override } from '../../domain/rotation/rotation';

/**
 * What the rotation stores: teams, overrides and order versions, swap requests,
 * and the runs of scheduled jobs (each boundary once).
 */

export interface TeamWithMembers {
  id: number;
  name: string;
  leadUserId: string | null;
  position: number;
  memberIds: string[];
}

export interface SwapRequest {
  id: number;
  createdAt: number;
  workspaceId: string;
  status: 'pending' | 'accepted' | 'declined' | 'expired';
  requestedBy: string;
  fromTeamId: number;
  fromPeriod: number;
  toTeamId: number;
  toPeriod: number;
  expiresAt: number;
}

export interface NewSwapRequest {
  createdAt: number;
  workspaceId: string;
  requestedBy: string;
  fromTeamId: number;
  fromPeriod: number;
  toTeamId: number;
  toPeriod: number;
  expiresAt: number;
  id?: number;
  status?: 'pending' | 'accepted' | 'declined' | 'expired';
}

export interface JobRun {
  id: number;
  workspaceId: string;
  job: string;
  runKey: string;
  status: 'done' | 'running' | 'failed';
  late: boolean;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

export interface RotationStore {
  overrides(workspaceId: string): Promise<Override[]>;
  add(workspaceId: string, o: Override, createdBy: string | null, now: number): Promise<void>;
  /** The team orders in force over time, oldest first. */
  versions(workspaceId: string): Promise<{ fromIndex: number; teamIds: number[] }[]>;
  addVersion(workspaceId: string, fromIndex: number, teamIds: number[], now: number): Promise<void>;
}

export interface TeamsStore {
  /** Makes the active teams exactly `wanted`, in order; teams no longer listed become inactive. */
  sync(workspaceId: string, wanted: { name: string; leadUserId: string | null; memberIds: string[] }[]): Promise<void>;
  active(workspaceId: string): Promise<TeamWithMembers[]>;
  /** Every team ever synced (inactive ones too), by id: past periods still name them. */
  all(workspaceId: string): Promise<Map<number, TeamWithMembers>>;
  /** The Slack id of the configured member with this e-mail (any case), if there is one. */
  memberIdByEmail(workspaceId: string, email: string): Promise<string | undefined>;
}

export interface SwapsStore {
  create(row: Omit<NewSwapRequest, 'id' | 'status'>): Promise<SwapRequest>;
  get(workspaceId: string, id: number): Promise<SwapRequest | undefined>;
  pending(workspaceId: string): Promise<SwapRequest[]>;
  /** Moves a pending request on; false when someone else already answered it. */
  settle(id: number, status: 'accepted' | 'declined' | 'expired'): Promise<boolean>;
}

export interface JobRunsStore {
  /**
   * Claims one run of a job. The unique (workspace, job, runKey) row is the
   * lock: a second process or a restart gets `null` and does nothing.
   */
  tryStart(workspaceId: string, job: string, runKey: string, now: number, late: boolean): Promise<number | null>;
  finish(id: number, now: number, error?: string): Promise<void>;
  last(workspaceId: string, job: string): Promise<JobRun | undefined>;
}
