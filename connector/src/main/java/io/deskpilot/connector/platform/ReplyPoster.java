package io.deskpilot.connector.platform;

import java.util.Optional;

/**
 * Posts public replies and internal notes. Posting is not idempotent on most platforms: callers check
 * {@link #findPosted} before posting again after a failure whose outcome is unknown.
 */
public interface ReplyPoster {

	/**
	 * Posts a comment.
	 * @param key the request
	 * @param body plain text
	 * @param isPublic true for a public reply the customer sees, false for an internal note
	 * @param idempotencyKey stable key of this action; platforms that support it reject a second post
	 * @return the new comment
	 */
	CommentRef post(String key, String body, boolean isPublic, String idempotencyKey);

	/** Finds a comment this bot already posted for the idempotency key (or with exactly this body). */
	Optional<CommentRef> findPosted(String key, String idempotencyKey, String body);

}
