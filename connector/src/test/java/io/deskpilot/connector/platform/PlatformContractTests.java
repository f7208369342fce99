package io.deskpilot.connector.platform;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.deskpilot.bot.kb.AuthorRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every platform adapter passes (sandbox, JSM simulator, Request Tracker, Redmine). Subclasses provide a
 * connection and a {@link DeskFixture} that acts on the desk the way customers and agents do outside Deskpilot.
 * <ul>
 * <li>a filed request reads back with its summary, description, reporter and a non-DONE status;</li>
 * <li>a public reply is public and authored by the bot; an internal note is not public;</li>
 * <li>a post can be found again by its idempotency key or body before re-posting;</li>
 * <li>transitions reach the target category, and resolving twice is harmless;</li>
 * <li>assignment sets the assignee to an assignable agent;</li>
 * <li>the change feed reports new requests and comments after the cursor, and nothing before it;</li>
 * <li>history pages return resolved tickets with their conversation, resumable from the cursor;</li>
 * <li>unknown requests are refused with {@link PlatformRejectedException}, not a transient error.</li>
 * </ul>
 * Capabilities an adapter does not declare are skipped, never failed.
 */
public abstract class PlatformContractTests {

	/** The connection under test. */
	protected abstract PlatformConnection connection();

	/** The desk, driven directly. */
	protected abstract DeskFixture desk();

	/** A key that exists on no desk of this type. */
	protected abstract String unknownKey();

	@Test
	void request_readsBackWhatTheCustomerFiled() {
		String summary = unique("Cannot print to the second floor printer");
		String key = desk().fileRequest(summary, "The printer shows offline since Monday.");

		PlatformRequest request = connection().requests().request(key);

		assertThat(request.key()).isEqualTo(key);
		assertThat(request.summary()).isEqualTo(summary);
		assertThat(request.description()).contains("printer shows offline");
		assertThat(request.reporter().id()).isNotBlank();
		assertThat(request.status().category()).isNotEqualTo(StatusCategory.DONE);
		assertThat(request.created()).isBefore(Instant.now().plusSeconds(60));
	}

	@Test
	void publicReply_isPublicAndAuthoredByTheBot() {
		String key = desk().fileRequest(unique("VPN drops every hour"), "It disconnects every hour.");

		CommentRef ref = connection().replies().post(key, "Please update the VPN client to 6.2.", true, idempotencyKey());

		PlatformComment posted = find(key, ref);
		assertThat(posted.isPublic()).isTrue();
		assertThat(posted.role()).isEqualTo(AuthorRole.BOT);
		assertThat(posted.body()).contains("update the VPN client to 6.2");
	}

	@Test
	void internalNote_isNotPublic() {
		assumeTrue(connection().capabilities().internalNotes(), "platform has no internal notes");
		String key = desk().fileRequest(unique("Mailbox full"), "Cannot send mail.");

		CommentRef ref = connection().replies().post(key, "Agent note: archive policy applies.", false, idempotencyKey());

		assertThat(find(key, ref).isPublic()).isFalse();
	}

	@Test
	void findPosted_findsAnEarlierPostBeforeItIsRepeated() {
		String key = desk().fileRequest(unique("Outlook password prompt"), "It keeps asking.");
		String idempotency = idempotencyKey();
		String body = "Remove the cached credentials in Credential Manager. " + UUID.randomUUID();
		assertThat(connection().replies().findPosted(key, idempotency, body)).isEmpty();

		CommentRef ref = connection().replies().post(key, body, true, idempotency);

		Optional<CommentRef> found = connection().replies().findPosted(key, idempotency, body);
		assertThat(found).contains(ref);
	}

	@Test
	void transition_reachesTheTargetCategory() {
		assumeTrue(connection().capabilities().transitions(), "platform has no transitions");
		String key = desk().fileRequest(unique("Laptop will not charge"), "Battery at 0%.");
		StatusChanger statuses = connection().statuses().orElseThrow();

		statuses.transition(key, TargetStatus.WAITING_FOR_CUSTOMER, null);
		assertThat(connection().requests().request(key).status().category())
			.isIn(StatusCategory.WAITING_FOR_CUSTOMER, StatusCategory.IN_PROGRESS);

		statuses.transition(key, TargetStatus.RESOLVED, "Done");
		assertThat(connection().requests().request(key).status().category()).isEqualTo(StatusCategory.DONE);
		statuses.transition(key, TargetStatus.RESOLVED, "Done");
		assertThat(connection().requests().request(key).status().category()).isEqualTo(StatusCategory.DONE);
	}

	@Test
	void assign_setsTheAssignee() {
		assumeTrue(connection().capabilities().assignment(), "platform has no assignment");
		Assigner assigner = connection().assignments().orElseThrow();
		List<Person> agents = assigner.assignableAgents();
		assertThat(agents).isNotEmpty();
		String key = desk().fileRequest(unique("Need access to the finance share"), "Read access please.");

		assigner.assign(key, agents.get(0).id());

		Person assignee = connection().requests().request(key).assignee();
		assertThat(assignee).isNotNull();
		assertThat(assignee.id()).isEqualTo(agents.get(0).id());
	}

	@Test
	void changeFeed_reportsWhatHappenedAfterTheCursor() {
		assumeTrue(connection().capabilities().polling(), "platform cannot be polled");
		ChangeFeed feed = connection().changeFeed().orElseThrow();
		String before = drain(feed, feed.changesSince(null, 100).cursor());
		String key = desk().fileRequest(unique("Teams audio broken"), "Nobody hears me.");
		desk().customerReplies(key, "It also happens on my phone.");

		Set<EventType> seen = new HashSet<>();
		String cursor = before;
		for (int page = 0; page < 20; page++) {
			ChangePage changes = feed.changesSince(cursor, 100);
			changes.events().stream().filter(e -> e.requestKey().equals(key)).forEach(e -> seen.add(e.type()));
			if (changes.cursor().equals(cursor)) {
				break;
			}
			cursor = changes.cursor();
		}
		assertThat(seen).contains(EventType.REQUEST_CREATED, EventType.COMMENT_ADDED);
	}

	@Test
	void history_pagesResolvedTicketsWithTheirConversation() {
		assumeTrue(connection().capabilities().historyImport(), "platform cannot import history");
		String summary = unique("Printer prints blank pages");
		String key = desk().resolvedTicket(summary, "Pages come out empty.", "Pull the tape off the new toner cartridge.");
		HistoryReader history = connection().history().orElseThrow();

		ResolvedTicket found = null;
		String cursor = null;
		for (int page = 0; page < 500 && found == null; page++) {
			HistoryPage p = history.resolved(cursor, 50);
			found = p.tickets().stream().filter(t -> t.request().key().equals(key)).findFirst().orElse(null);
			if (p.last() || p.cursor() == null) {
				break;
			}
			cursor = p.cursor();
		}
		assertThat(found).as("resolved ticket %s in history", key).isNotNull();
		assertThat(found.request().summary()).isEqualTo(summary);
		assertThat(found.resolved()).isNotNull();
		assertThat(found.comments()).anySatisfy(c -> {
			assertThat(c.role()).isEqualTo(AuthorRole.AGENT);
			assertThat(c.isPublic()).isTrue();
			assertThat(c.body()).contains("tape off the new toner");
		});
	}

	@Test
	void unknownRequest_isRefusedNotRetried() {
		assertThatThrownBy(() -> connection().requests().request(unknownKey())).isInstanceOf(PlatformRejectedException.class);
	}

	@Test
	void test_reportsAWorkingConnection() {
		ConnectionCheck check = connection().test();
		assertThat(check.ok()).as(check.message()).isTrue();
	}

	private PlatformComment find(String key, CommentRef ref) {
		return connection().requests()
			.comments(key)
			.stream()
			.filter(c -> c.id().equals(ref.id()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("comment " + ref.id() + " not found on " + key));
	}

	private static String drain(ChangeFeed feed, String cursor) {
		String current = cursor;
		for (int i = 0; i < 100; i++) {
			ChangePage page = feed.changesSince(current, 100);
			if (page.cursor().equals(current)) {
				return current;
			}
			current = page.cursor();
		}
		return current;
	}

	protected static String unique(String summary) {
		return summary + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String idempotencyKey() {
		return "contract:" + UUID.randomUUID();
	}

	/** What customers and agents do on the desk, outside Deskpilot. */
	public interface DeskFixture {

		/** Files a new request as a customer; returns its key. */
		String fileRequest(String summary, String description);

		/** Adds a public comment as the request's customer. */
		void customerReplies(String key, String body);

		/** Creates a ticket an agent answered publicly and resolved; returns its key. */
		String resolvedTicket(String summary, String description, String agentAnswer);

	}

}
