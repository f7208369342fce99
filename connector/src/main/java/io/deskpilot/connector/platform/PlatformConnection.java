package io.deskpilot.connector.platform;

import java.util.Optional;

/**
 * A live connection to one installation's desk: the ports Deskpilot uses on it. Ports the platform cannot offer are
 * empty; {@link #capabilities()} says which are present. A connection that implements an optional port itself
 * offers it without overriding its getter. Connections are created by a {@link PlatformAdapter} and
 * closed when the installation is changed or removed.
 */
public interface PlatformConnection extends AutoCloseable {

	/** What this connection can do. */
	PlatformCapabilities capabilities();

	/** Reads requests and comments (every connection can). */
	default RequestReader requests() {
		if (this instanceof RequestReader port) {
			return port;
		}
		throw new IllegalStateException(getClass().getName() + " must implement RequestReader or override requests()");
	}

	/** Posts replies and notes (every connection can). */
	default ReplyPoster replies() {
		if (this instanceof ReplyPoster port) {
			return port;
		}
		throw new IllegalStateException(getClass().getName() + " must implement ReplyPoster or override replies()");
	}

	/** Changes statuses, if the platform allows it. */
	default Optional<StatusChanger> statuses() {
		return this instanceof StatusChanger port ? Optional.of(port) : Optional.empty();
	}

	/** Assigns agents, if the platform allows it. */
	default Optional<Assigner> assignments() {
		return this instanceof Assigner port ? Optional.of(port) : Optional.empty();
	}

	/** Links requests to each other, if the platform allows it. */
	default Optional<Linker> links() {
		return this instanceof Linker port ? Optional.of(port) : Optional.empty();
	}

	/** Polls for events, if the platform allows it. */
	default Optional<ChangeFeed> changeFeed() {
		return this instanceof ChangeFeed port ? Optional.of(port) : Optional.empty();
	}

	/** Reads resolved history, if the platform allows it. */
	default Optional<HistoryReader> history() {
		return this instanceof HistoryReader port ? Optional.of(port) : Optional.empty();
	}

	/** Where an agent opens a request on the desk, if the platform has such a page (a link, never fetched). */
	default Optional<String> ticketUrl(String requestKey) {
		return Optional.empty();
	}

	/** Verifies and parses webhooks, if the platform sends them. */
	default Optional<WebhookHandler> webhooks() {
		return Optional.empty();
	}

	/** Checks that the settings work: reachable, authenticated, permitted. Never throws. */
	ConnectionCheck test();

	@Override
	default void close() {
	}

}
