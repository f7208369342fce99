package io.deskpilot.connector.rt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A queue on the real Request Tracker the tests run against, with an agent of its own, driven the way people use RT:
 * customers write e-mail (through RT's mail gateway, as {@code rt-mailgate} delivers it), agents use RT with their own
 * password. A new queue per desk: RT outlives test runs, and an earlier run's tickets must not be imported.
 */
final class RtDesk {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final String url;

	final String token;

	final String queue;

	final String agent;

	final String customer;

	/** A group of this desk's agents (only its agent), for the connection's agent group. */
	final String agentGroup;

	private final String agentPassword;

	private RtDesk(String url, String token, String queue, String agent, String agentPassword, String customer,
			String agentGroup) {
		this.url = url;
		this.token = token;
		this.queue = queue;
		this.agent = agent;
		this.agentPassword = agentPassword;
		this.customer = customer;
		this.agentGroup = agentGroup;
	}

	/**
	 * A new queue named {@code prefix-<random>} on the configured RT, or the test is skipped with the reason (failed
	 * when DESKPILOT_RT_REQUIRED=true).
	 */
	/** The test RT's host, as {@code deskpilot.outbound.allow} lists a self-hosted RT (it runs on loopback here). */
	static String outboundAllow() {
		String url = System.getenv("DESKPILOT_RT_URL");
		return url == null ? "127.0.0.1/32" : java.net.URI.create(url).getHost();
	}

	static RtDesk open(String prefix) {
		String url = System.getenv("DESKPILOT_RT_URL");
		String token = System.getenv("DESKPILOT_RT_TOKEN");
		if (url == null || token == null) {
			if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_RT_REQUIRED"))) {
				throw new IllegalStateException("DESKPILOT_RT_REQUIRED is set but DESKPILOT_RT_URL/_TOKEN are not");
			}
			Assumptions.abort("no Request Tracker configured (run connector/src/test/platforms/start-rt.sh and export "
					+ "DESKPILOT_RT_URL and DESKPILOT_RT_TOKEN)");
		}
		RestClient root = client(url, "token " + token);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String queue = prefix + "-" + suffix;
		send(root, HttpMethod.POST, "/queue", Map.of("Name", queue, "CorrespondAddress", queue + "@example.test",
				"CommentAddress", queue + "-comment@example.test"));
		String agent = "agent-" + suffix;
		String password = "password-" + suffix;
		send(root, HttpMethod.POST, "/user", Map.of("Name", agent, "EmailAddress", agent + "@example.test", "RealName",
				"Alex Agent", "Privileged", 1, "Password", password));
		String group = "agents-" + suffix;
		String groupId = send(root, HttpMethod.POST, "/group", Map.of("Name", group)).path("id").asString();
		long agentId = JSON.readTree(root.get().uri("/REST/2.0/user/" + agent).retrieve().body(String.class)).path("id").asLong();
		send(root, HttpMethod.PUT, "/group/" + groupId + "/members", List.of(agentId));
		return new RtDesk(url, token, queue, agent, password, "cust-" + suffix + "@example.test", group);
	}

	/** A customer's e-mail opens a ticket; returns its id. */
	String file(String summary, String description) {
		mail(null, summary, description);
		JsonNode found = JSON.readTree(client(this.url, "token " + this.token).get()
			.uri(b -> b.path("/REST/2.0/tickets").queryParam("query", "{q}").queryParam("orderby", "id").queryParam("order", "DESC")
				.queryParam("fields", "Subject").build("Queue = '" + this.queue + "'"))
			.retrieve()
			.body(String.class));
		for (JsonNode t : found.path("items")) {
			if (t.path("Subject").asString().equals(summary)) {
				return t.path("id").asString();
			}
		}
		throw new AssertionError("RT made no ticket of the e-mail '" + summary + "'");
	}

	/** The customer answers by e-mail. */
	void customerReplies(String key, String body) {
		mail(key, "Re: [rt.local #" + key + "]", body);
	}

	/** A ticket the agent answered publicly and resolved. */
	String resolved(String summary, String description, String answer) {
		String key = file(summary, description);
		RestClient agent = client(this.url, "Basic " + java.util.Base64.getEncoder()
			.encodeToString((this.agent + ":" + this.agentPassword).getBytes(StandardCharsets.UTF_8)));
		send(agent, HttpMethod.POST, "/ticket/" + key + "/correspond", Map.of("Content", answer, "ContentType", "text/plain"));
		JsonNode messages = send(agent, HttpMethod.PUT, "/ticket/" + key, Map.of("Status", "resolved"));
		if (!messages.toString().contains("resolved")) {
			throw new AssertionError("RT did not resolve #" + key + ": " + messages);
		}
		return key;
	}

	/** The ticket as the bot (root) sees it. */
	JsonNode ticket(String key) {
		return JSON.readTree(client(this.url, "token " + this.token).get().uri("/REST/2.0/ticket/" + key).retrieve().body(String.class));
	}

	/** The ticket's replies and comments by the bot, public or not, oldest first. */
	List<String> botTexts(String key, boolean isPublic) {
		RestClient root = client(this.url, "token " + this.token);
		JsonNode history = JSON.readTree(root.get().uri("/REST/2.0/ticket/" + key + "/history?fields=Type,Creator&per_page=100")
			.retrieve()
			.body(String.class));
		return history.path("items").valueStream()
			.filter(t -> t.path("Creator").path("id").asString().equals("root"))
			.filter(t -> t.path("Type").asString().equals(isPublic ? "Correspond" : "Comment"))
			.map(t -> JSON.readTree(root.get().uri("/REST/2.0/transaction/" + t.path("id").asString() + "/attachments?fields=Content")
				.retrieve().body(String.class)).path("items").valueStream().map(a -> a.path("Content").asString("")).collect(Collectors.joining()))
			.toList();
	}

	/** Delivers an e-mail from the customer to RT's mail gateway, as rt-mailgate does. */
	private void mail(String ticket, String subject, String body) {
		String message = "From: Casey Customer <" + this.customer + ">\nTo: " + this.queue + "@example.test\nSubject: " + subject
				+ "\nMessage-ID: <" + UUID.randomUUID() + "@example.test>\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n";
		StringBuilder form = new StringBuilder();
		form.append("queue=").append(enc(this.queue)).append("&action=correspond&message=").append(enc(message));
		if (ticket != null) {
			form.append("&ticket=").append(enc(ticket));
		}
		byte[] bytes = form.toString().getBytes(StandardCharsets.UTF_8);
		String answer = RestClient.builder().requestFactory(new SimpleClientHttpRequestFactory()).build().post().uri(this.url + "/REST/1.0/NoAuth/mail-gateway")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).contentLength(bytes.length).body(bytes).retrieve().body(String.class);
		if (answer == null || !answer.startsWith("ok")) {
			throw new AssertionError("RT's mail gateway refused the e-mail: " + answer);
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	/** Sends JSON with its length (RT's standalone server reads no chunked body). */
	static JsonNode send(RestClient client, HttpMethod method, String uri, Object body) {
		byte[] bytes = JSON.writeValueAsBytes(body);
		String answer = client.method(method).uri("/REST/2.0" + uri).contentType(MediaType.APPLICATION_JSON).contentLength(bytes.length)
			.body(bytes).retrieve().body(String.class);
		return JSON.readTree(answer == null || answer.isBlank() ? "{}" : answer);
	}

	static RestClient client(String url, String authorization) {
		// HttpURLConnection: rt-server closes every connection, which the JDK client would try to reuse
		return RestClient.builder().requestFactory(new SimpleClientHttpRequestFactory()).baseUrl(url)
			.defaultHeader(HttpHeaders.AUTHORIZATION, authorization).build();
	}

}
