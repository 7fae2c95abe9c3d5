// X API v2's query parameters and object shapes (https://docs.x.com/x-api/fundamentals/fields,
// .../expansions, .../data-dictionary). Objects carry their default fields (user: id, name,
// username; post: id, text, edit_history_tweet_ids) plus what `user.fields` / `tweet.fields` ask
// for; fields the local X does not model are accepted and omitted, as X omits empty fields.
import type { ParameterError } from "./problems.ts";
import type { XAccount, XTweet } from "./state.ts";

export const USER_FIELDS = [
  "affiliation",
  "connection_status",
  "created_at",
  "description",
  "entities",
  "id",
  "is_identity_verified",
  "location",
  "most_recent_tweet_id",
  "name",
  "parody",
  "pinned_tweet_id",
  "profile_banner_url",
  "profile_image_url",
  "protected",
  "public_metrics",
  "receives_your_dm",
  "subscription",
  "subscription_type",
  "url",
  "username",
  "verified",
  "verified_followers_count",
  "verified_type",
  "withheld",
];

export const TWEET_FIELDS = [
  "article",
  "attachments",
  "author_id",
  "card_uri",
  "community_id",
  "context_annotations",
  "conversation_id",
  "created_at",
  "display_text_range",
  "edit_controls",
  "edit_history_tweet_ids",
  "entities",
  "geo",
  "id",
  "in_reply_to_user_id",
  "lang",
  "media_metadata",
  "non_public_metrics",
  "note_tweet",
  "organic_metrics",
  "possibly_sensitive",
  "promoted_metrics",
  "public_metrics",
  "referenced_tweets",
  "reply_settings",
  "scopes",
  "source",
  "suggested_source_links",
  "text",
  "withheld",
];

export const USER_EXPANSIONS = ["affiliation.user_id", "most_recent_tweet_id", "pinned_tweet_id"];

export const TWEET_EXPANSIONS = [
  "article.cover_media",
  "article.media_entities",
  "attachments.media_keys",
  "attachments.media_source_tweet",
  "attachments.poll_ids",
  "author_id",
  "edit_history_tweet_ids",
  "entities.mentions.username",
  "geo.place_id",
  "in_reply_to_user_id",
  "entities.note.mentions.username",
  "referenced_tweets.id",
  "referenced_tweets.id.attachments.media_keys",
  "referenced_tweets.id.author_id",
];

/** Refuses query parameters the endpoint does not take, as X does. */
export function unknownParameters(query: URLSearchParams, allowed: string[]): ParameterError[] {
  return [...new Set(query.keys())]
    .filter((name) => !allowed.includes(name))
    .map((name) => ({
      parameter: name,
      value: query.get(name) ?? "",
      message: `The query parameter [${name}] is not one of [${allowed.join(",")}]`,
    }));
}

export type ListResult = { values: Set<string>; errors: ParameterError[] };

/** A comma-separated list parameter whose items must come from `allowed`. */
export function listParameter(query: URLSearchParams, name: string, allowed: string[]): ListResult {
  const raw = query.get(name);
  const values = new Set(raw ? raw.split(",") : []);
  const errors = [...values]
    .filter((value) => !allowed.includes(value))
    .map((value) => ({
      parameter: name,
      value,
      message: `The \`${name}\` query parameter value [${value}] is not one of [${allowed.join(",")}]`,
    }));
  return { values, errors };
}

export function userObject(account: XAccount, fields: Set<string>): Record<string, unknown> {
  const user: Record<string, unknown> = {
    id: account.id,
    name: account.name,
    username: account.username,
  };
  if (fields.has("created_at")) user.created_at = account.createdAt;
  if (fields.has("description")) user.description = account.description;
  if (fields.has("profile_image_url")) user.profile_image_url = account.profileImageUrl;
  if (fields.has("protected")) user.protected = account.protected;
  if (fields.has("verified")) user.verified = account.verified;
  return user;
}

export function tweetObject(
  tweet: XTweet,
  fields: Set<string>,
  expansions: Set<string>,
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: tweet.id,
    text: tweet.text,
    edit_history_tweet_ids: [tweet.id],
  };
  if (fields.has("author_id") || expansions.has("author_id")) data.author_id = tweet.authorId;
  if (fields.has("created_at")) data.created_at = tweet.createdAt;
  if (fields.has("conversation_id")) data.conversation_id = tweet.id;
  return data;
}
