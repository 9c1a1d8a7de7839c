// The JSON the node's social_* methods return (rpc-api/src/lib.rs, README "Reading Kith").

export interface At {
  hash: string;
  number: number;
  finalized: boolean;
}
export type PostKind =
  | { type: "root" }
  | { type: "reply"; parent: number; root: number }
  | { type: "repost"; of: number }
  | { type: "quote"; of: number };
export type PostContent =
  | { type: "text"; text: string }
  | { type: "media"; cid: string; caption: string }
  | { type: "none" };
export interface Post {
  id: number;
  author: string;
  kind: PostKind;
  content: PostContent;
  created: number;
  edited: boolean;
  deleted: boolean;
  replies: number;
  reposts: number;
  quotes: number;
  reactions: number[];
  tips: number;
  tipped: string;
  hidden: boolean;
  authorHandle: string | null;
  authorName: string | null;
  authorSuspended: boolean;
}
export interface Profile {
  account: string;
  handle: string | null;
  displayName: string | null;
  bio: string | null;
  avatar: string | null;
  followers: number;
  following: number;
  suspended: boolean;
}
export interface HandleMatch {
  handle: string;
  account: string;
  displayName: string | null;
}
export type NotificationKind =
  | { type: "replied" | "mentioned" | "quoted" | "reposted"; postId: number; by: string }
  | { type: "reacted"; postId: number; by: string; reaction: number }
  | { type: "tipped"; postId: number | null; by: string; amount: string; memo: string | null }
  | { type: "followed"; by: string }
  | { type: "reported"; target: { type: "post"; id: number } | { type: "account"; account: string } }
  | { type: "caseDecided"; caseId: number; upheld: boolean }
  | { type: "appealDecided"; caseId: number; overturned: boolean };
export interface Notification {
  seq: number;
  block: number;
  kind: NotificationKind;
}
export type Page<T> = { at: At; items: T[]; nextCursor: string | null };
export type Update<T> = { at: At; items: T[]; retracted?: number[] };

export const REACTIONS = [
  { name: "Like", emoji: "👍" },
  { name: "Love", emoji: "❤️" },
  { name: "Laugh", emoji: "😂" },
  { name: "Insightful", emoji: "💡" },
  { name: "Sad", emoji: "😢" },
  { name: "Angry", emoji: "😠" },
] as const;

/** Whether an error from the node says the account is simply not indexed yet (nothing on chain). */
export const isUnknownAccount = (error: unknown): boolean =>
  String((error as Error)?.message ?? error).includes("is not known to the social index");

export const shortAddress = (address: string): string =>
  address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
